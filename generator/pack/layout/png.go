package layout

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"sort"
)

// PNG images (the diagrams above all: a rendered diagram is the largest object of a
// pack) are embedded as fpdf copies them, their compressed rows with the PNG
// predictors. An opaque image of few colours is stored smaller as an indexed
// (palette) image, which fpdf embeds as an /Indexed colour space:
//
//   - with at most 256 colours, exactly (lossless);
//   - with more, but at most maxQuantColours, when a palette of 256 of them draws every
//     pixel within quantTolerance of its colour in each channel: the 192 most frequent
//     colours, then one by one the colour farthest from the palette (so a rare colour
//     that stands apart, a small red mark, keeps its own entry). A diagram's extra
//     colours are the shades of anti-aliased edges, each close to a kept one.
//
// Anything else (transparency, photographs, a palette that would miss) is left as it is,
// as is an image the re-encoding would not make smaller.
const (
	maxQuantColours = 4096
	quantKeep       = 192
	quantTolerance  = 8 // of 255
)

// SmallerPNG returns the PNG data re-encoded as an indexed image, or data itself.
func SmallerPNG(data []byte) []byte {
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return data
	}
	if _, ok := src.(*image.Paletted); ok {
		return data
	}
	b := src.Bounds()
	img, ok := src.(*image.RGBA)
	if !ok {
		img = image.NewRGBA(b)
		draw.Draw(img, b, src, b.Min, draw.Src)
	}
	counts := map[uint32]int{}
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+4*b.Dx()]
		for i := 0; i < len(row); i += 4 {
			if row[i+3] != 0xff {
				return data
			}
			counts[uint32(row[i])<<16|uint32(row[i+1])<<8|uint32(row[i+2])]++
		}
		if len(counts) > maxQuantColours {
			return data
		}
	}
	pal, index, ok := palette(counts)
	if !ok {
		return data
	}
	out := image.NewPaletted(image.Rect(0, 0, b.Dx(), b.Dy()), pal)
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+4*b.Dx()]
		dst := out.Pix[y*out.Stride:]
		for x := 0; x < b.Dx(); x++ {
			dst[x] = index[uint32(row[4*x])<<16|uint32(row[4*x+1])<<8|uint32(row[4*x+2])]
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, out); err != nil || buf.Len() >= len(data) {
		return data
	}
	return buf.Bytes()
}

// palette chooses at most 256 colours for the counted ones and the palette entry of
// each; false when some colour would be drawn beyond quantTolerance.
func palette(counts map[uint32]int) (color.Palette, map[uint32]uint8, bool) {
	cols := make([]uint32, 0, len(counts))
	for c := range counts {
		cols = append(cols, c)
	}
	sort.Slice(cols, func(i, j int) bool {
		if counts[cols[i]] != counts[cols[j]] {
			return counts[cols[i]] > counts[cols[j]]
		}
		return cols[i] < cols[j]
	})
	keep := cols
	if len(cols) > 256 {
		keep = append([]uint32(nil), cols[:quantKeep]...)
		rest := cols[quantKeep:]
		// far[i] is the distance of rest[i] to the nearest kept colour.
		far := make([]int, len(rest))
		for i, c := range rest {
			far[i] = 1 << 30
			for _, k := range keep {
				far[i] = min(far[i], colourDistance(c, k))
			}
		}
		for len(keep) < 256 {
			best := 0
			for i := range rest {
				if far[i] > far[best] {
					best = i
				}
			}
			if far[best] == 0 {
				break
			}
			k := rest[best]
			keep = append(keep, k)
			for i, c := range rest {
				far[i] = min(far[i], colourDistance(c, k))
			}
		}
		for _, d := range far {
			if d > quantTolerance {
				return nil, nil, false
			}
		}
	}
	pal := make(color.Palette, len(keep))
	index := make(map[uint32]uint8, len(cols))
	for i, k := range keep {
		pal[i] = color.RGBA{uint8(k >> 16), uint8(k >> 8), uint8(k), 0xff}
		index[k] = uint8(i)
	}
	for _, c := range cols {
		if _, ok := index[c]; ok {
			continue
		}
		best, bd := 0, 1<<30
		for i, k := range keep {
			if d := colourDistance(c, k); d < bd {
				best, bd = i, d
			}
		}
		index[c] = uint8(best)
	}
	return pal, index, true
}

// colourDistance is the largest difference of two RGB colours in one channel.
func colourDistance(a, b uint32) int {
	d := 0
	for s := 0; s < 24; s += 8 {
		x := int(a>>s&0xff) - int(b>>s&0xff)
		d = max(d, x, -x)
	}
	return d
}

// PreparePNG returns PNG data as a PDF embeds it best: a PNG fpdf does not read
// (interlaced, or 16 bits per channel) re-encoded as 8-bit RGBA, then SmallerPNG's.
func PreparePNG(data []byte) ([]byte, error) {
	if len(data) > 28 && (data[24] > 8 || data[28] != 0) {
		var err error
		if data, err = reencodePNG(data); err != nil {
			return nil, err
		}
	}
	return SmallerPNG(data), nil
}

// reencodePNG rewrites a PNG as 8-bit, non-interlaced RGBA.
func reencodePNG(data []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, rgba); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
