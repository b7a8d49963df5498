package layout

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismsgen/ismsgen/generator/pdf/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Fonts. Text is set in the Go fonts (sans in four faces, mono in two); a character the
// style's face lacks is drawn with the first fallback that has it: the organisation's
// fonts (pdf: fonts: in data/site.yaml), then Noto Sans Symbols 2, then Noto Emoji. A
// character no font has is drawn as a box in the style's face (its glyph for U+25A1),
// keeping its own code so text extraction still finds it, and is reported.
//
// fpdf lays out and draws the text but does not embed these fonts: each face is an fpdf
// font family f0, f1, … whose text is already the face's CIDs (font.Usage), and after
// fpdf has written the file, embed replaces each family's font objects with the
// face's own subset (embed.go).

// face is one font of a pack and what the pack drew with it.
type face struct {
	family string // fpdf family, "" until the face is first drawn
	use    *font.Usage
}

// Fonts knows the faces of a pack and which one draws each character.
type Fonts struct {
	pdf      *fpdf.Fpdf
	sans     [4]*face // regular, bold, italic, bold italic
	mono     [2]*face // regular, bold
	fallback []*face
	all      []*face              // every face, in the order of their fpdf families
	missing  map[rune]bool        // characters no font has, since the last takeMissing
	digits   map[*face]bool       // faces that drew "{nb}": the page count's digits are added
	widths   map[widthKey]float64 // measured widths, in thousandths of an em
}

type widthKey struct {
	f *face
	s string
}

// LoadFonts parses the Go fonts, the organisation's fonts (extra) and the fallbacks.
func LoadFonts(pdf *fpdf.Fpdf, extra []Font) (*Fonts, error) {
	f := &Fonts{pdf: pdf, missing: map[rune]bool{}, digits: map[*face]bool{}, widths: map[widthKey]float64{}}
	parse := func(name string, ttf []byte) (*face, error) {
		ff, err := font.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", name, err)
		}
		return &face{use: font.NewUsage(ff)}, nil
	}
	for i, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF} {
		fc, err := parse("Go", ttf)
		if err != nil {
			return nil, err
		}
		f.sans[i] = fc
	}
	for i, ttf := range [][]byte{gomono.TTF, gomonobold.TTF} {
		fc, err := parse("Go Mono", ttf)
		if err != nil {
			return nil, err
		}
		f.mono[i] = fc
	}
	for _, x := range extra {
		fc, err := parse(x.Name, x.Data)
		if err != nil {
			return nil, err
		}
		f.fallback = append(f.fallback, fc)
	}
	fb, err := font.Fallbacks()
	if err != nil {
		return nil, err
	}
	for _, ff := range fb {
		f.fallback = append(f.fallback, &face{use: font.NewUsage(ff)})
	}
	return f, nil
}

// Font is a font file of the organisation's.
type Font struct {
	Name string
	Data []byte
}

// primary returns the face of a style.
func (f *Fonts) primary(st Style) *face {
	if st.Mono {
		if st.Bold {
			return f.mono[1]
		}
		return f.mono[0]
	}
	i := 0
	if st.Bold {
		i |= 1
	}
	if st.Italic {
		i |= 2
	}
	return f.sans[i]
}

// segment is a piece of text drawn with one face.
type segment struct {
	f    *face
	text string
}

// segments splits clean text into runs of one face each.
func (f *Fonts) segments(s string, st Style) []segment {
	p := f.primary(st)
	var out []segment
	for i, r := range s {
		fc := f.faceFor(r, p)
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 1
		}
		if n := len(out); n > 0 && out[n-1].f == fc {
			out[n-1].text = s[i-len(out[n-1].text) : i+size]
			continue
		}
		out = append(out, segment{f: fc, text: s[i : i+size]})
	}
	return out
}

// faceFor returns the face that draws r in a style whose face is p.
func (f *Fonts) faceFor(r rune, p *face) *face {
	if r < 0x80 || p.use.Face().Has(r) {
		return p
	}
	for _, fb := range f.fallback {
		if fb.use.Face().Has(r) {
			return fb
		}
	}
	f.missing[r] = true
	return p
}

// width returns the width of clean text in a style, in millimetres.
func (f *Fonts) width(s string, st Style) float64 {
	em := 0.0
	for _, sg := range f.segments(s, st) {
		k := widthKey{sg.f, sg.text}
		w, ok := f.widths[k]
		if !ok {
			w = sg.f.use.Width(sg.text)
			if len(f.widths) < 1<<16 {
				f.widths[k] = w
			}
		}
		em += w
	}
	return em * st.Size / 1000 * 25.4 / 72
}

// family registers a face with fpdf when it is first drawn and returns its family.
// fpdf needs a TrueType font to register: it gets Go Mono, whose objects embed later
// replaces. fpdf writes into the font bytes it is given, so each gets its own copy.
func (f *Fonts) family(fc *face) string {
	if fc.family == "" {
		fc.family = fmt.Sprintf("f%d", len(f.all))
		f.all = append(f.all, fc)
		f.pdf.AddUTF8FontFromBytes(fc.family, "", bytes.Clone(gomono.TTF))
	}
	return fc.family
}

// NeedDigits records that text in st drew "{nb}", which fpdf replaces by the page
// count when it writes the file: the face's subset must have the count's digits.
func (f *Fonts) NeedDigits(st Style) { f.digits[f.primary(st)] = true }

// TakeMissing returns the characters no font had since the last call, in order, and
// forgets them.
func (f *Fonts) TakeMissing() []rune {
	rs := make([]rune, 0, len(f.missing))
	for r := range f.missing {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	clear(f.missing)
	return rs
}

// clean makes s drawable: tabs and other control characters become spaces, invisible
// format characters and variation selectors (which choose between text and emoji
// presentation: the PDF has one) are dropped. Every other character is kept.
func (f *Fonts) clean(s string, mono bool) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			if mono {
				b.WriteString("    ")
			} else {
				b.WriteByte(' ')
			}
		case r == utf8.RuneError, r == '\n', r == '\r':
			b.WriteByte(' ')
		case r < 0x20, r == 0x7f, unicode.Is(unicode.Cf, r), unicode.Is(unicode.Cc, r),
			unicode.Is(unicode.Variation_Selector, r):
			// soft hyphens, zero-width joiners and direction marks, control characters,
			// variation selectors: nothing to draw
		case r == '\u00a0':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// UTF16Bytes returns s as fpdf's UTF-8 to UTF-16 conversion needs it to produce correct
// UTF-16: fpdf decodes three-byte sequences arithmetically and has no case for four
// bytes, so a character beyond the Basic Multilingual Plane is passed as its two
// surrogates, each in a three-byte sequence (CESU-8). Bookmarks and document
// information go through it.
func UTF16Bytes(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x10000 {
			b.WriteRune(r)
			continue
		}
		hi, lo := utf16.EncodeRune(r)
		for _, u := range []rune{hi, lo} {
			b.WriteByte(byte(0xE0 | u>>12))
			b.WriteByte(byte(0x80 | (u>>6)&0x3F))
			b.WriteByte(byte(0x80 | u&0x3F))
		}
	}
	return b.String()
}
