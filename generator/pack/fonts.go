package pack

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Font families as registered with fpdf.
const (
	familySans = "go"
	familyMono = "gomono"
)

// replacement is drawn for a character none of the fonts has (CJK, emoji): a plain
// question mark survives every PDF text extractor, unlike a .notdef box.
const replacement = '?'

// fonts registers the embedded Go fonts with a PDF and knows which characters they can
// draw.
type fonts struct {
	sans []*glyphSet // regular, bold, italic, bold italic
	mono []*glyphSet // regular, bold
}

// loadFonts adds the Go fonts to pdf and reads their character coverage.
func loadFonts(pdf *fpdf.Fpdf) (*fonts, error) {
	f := &fonts{}
	for _, x := range []struct {
		family, style string
		ttf           []byte
		mono          bool
	}{
		{familySans, "", goregular.TTF, false},
		{familySans, "B", gobold.TTF, false},
		{familySans, "I", goitalic.TTF, false},
		{familySans, "BI", gobolditalic.TTF, false},
		{familyMono, "", gomono.TTF, true},
		{familyMono, "B", gomonobold.TTF, true},
	} {
		// fpdf writes into the font bytes it is given while subsetting (it zeroes the
		// head table's checksum adjustment in place), so each PDF gets its own copy:
		// sharing gofont's slices would make renders depend on each other and race.
		pdf.AddUTF8FontFromBytes(x.family, x.style, bytes.Clone(x.ttf))
		set, err := parseGlyphSet(x.ttf)
		if err != nil {
			return nil, fmt.Errorf("font %s %s: %w", x.family, x.style, err)
		}
		if x.mono {
			f.mono = append(f.mono, set)
		} else {
			f.sans = append(f.sans, set)
		}
	}
	return f, pdf.Error()
}

// has reports whether every face of a family can draw r, so that switching to bold or
// italic never meets a missing glyph.
func (f *fonts) has(r rune, mono bool) bool {
	sets := f.sans
	if mono {
		sets = f.mono
	}
	for _, s := range sets {
		if !s.has(r) {
			return false
		}
	}
	return true
}

// clean makes s drawable: tabs and other control characters become spaces, invisible
// format characters are dropped, and characters the fonts lack become replacement.
func (f *fonts) clean(s string, mono bool) string {
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
		case r < 0x20, r == 0x7f, unicode.Is(unicode.Cf, r), unicode.Is(unicode.Cc, r):
			// soft hyphens, zero-width and direction marks, control characters: nothing to draw
		case r == '\u00a0':
			b.WriteByte(' ')
		case f.has(r, mono):
			b.WriteRune(r)
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}
