package layout

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// fpdfFontRE finds the Type0 font object fpdf writes for a face's family (f0, f1, …).
var fpdfFontRE = regexp.MustCompile(`^<</Type /Font\s*/Subtype /Type0\s*/BaseFont /utf8f(\d+)\s`)

// Embed replaces, in the file fpdf wrote, each face's font objects with the face's own
// subset (only the glyphs drawn, a subset name, a ToUnicode map for every character
// drawn) and, when a face drew at most 255 characters, recodes the page text to its
// one-byte codes.
func (f *Fonts) Embed(file *pdf.File) error {
	recode := map[int]func([]byte) []byte{}
	for _, n := range file.Numbers() {
		m := fpdfFontRE.FindSubmatch(file.Object(n))
		if m == nil {
			continue
		}
		i, _ := strconv.Atoi(string(m[1]))
		if i >= len(f.all) {
			return fmt.Errorf("font object %d: unknown family f%d", n, i)
		}
		fc := f.all[i]
		if f.digits[fc] {
			fc.use.Encode("0123456789")
		}
		for k, body := range fc.use.Objects(n) {
			file.Set(n+k, body)
		}
		if fn, ok := fc.use.OneByte(); ok {
			recode[n] = fn
		}
	}
	return file.RecodeText(recode)
}
