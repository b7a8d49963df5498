package diagram

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// WithDPI returns a PNG with a pHYs chunk saying its resolution (dots per inch), so that
// a pack draws it at its size rather than at 96 dpi: ismsgen diagrams renders at twice
// the CSS pixel density (192 dpi) for sharp print. An existing pHYs chunk is replaced.
func WithDPI(png []byte, dpi float64) ([]byte, error) {
	if !bytes.HasPrefix(png, pngSignature) || len(png) < 33 || string(png[12:16]) != "IHDR" {
		return nil, errors.New("not a PNG")
	}
	ppm := uint32(math.Round(dpi / 0.0254))
	data := make([]byte, 9)
	binary.BigEndian.PutUint32(data[0:], ppm)
	binary.BigEndian.PutUint32(data[4:], ppm)
	data[8] = 1 // the unit is the metre
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, uint32(len(data)))
	chunk = append(chunk, "pHYs"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))

	out := append([]byte{}, png[:8]...)
	for i := 8; i+12 <= len(png); {
		n := int(binary.BigEndian.Uint32(png[i:]))
		if n < 0 || i+12+n > len(png) {
			return nil, errors.New("PNG chunk runs past the end of the file")
		}
		typ := string(png[i+4 : i+8])
		if typ != "pHYs" {
			out = append(out, png[i:i+12+n]...)
		}
		if typ == "IHDR" {
			out = append(out, chunk...)
		}
		i += 12 + n
	}
	return out, nil
}
