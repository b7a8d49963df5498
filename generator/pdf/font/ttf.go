package font

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Face is a parsed TrueType font. It is read-only after Parse and may be shared.
type Face struct {
	Name       string // PostScript name, for the PDF's BaseFont
	UnitsPerEm int
	numGlyphs  int
	advances   []uint16 // per glyph, in font units
	cmap       map[rune]uint16
	tables     map[string][]byte
	bbox       [4]int16
	ascent     int16
	descent    int16
	capHeight  int16
	italic     float64
	longLoca   bool
	fixedPitch bool
}

// Parse reads a TrueType font (glyf outlines; a collection or a CFF font is an error).
func Parse(ttf []byte) (*Face, error) {
	if len(ttf) < 12 {
		return nil, errors.New("not a TrueType font")
	}
	switch v := binary.BigEndian.Uint32(ttf); v {
	case 0x00010000, 0x74727565: // 1.0, 'true'
	case 0x4F54544F:
		return nil, errors.New("an OpenType font with CFF outlines: only TrueType (glyf) fonts can be embedded")
	default:
		return nil, errors.New("not a TrueType font")
	}
	f := &Face{tables: map[string][]byte{}}
	if err := f.readTables(ttf); err != nil {
		return nil, err
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("no %s table", t)
		}
	}
	if err := f.parseMetrics(); err != nil {
		return nil, err
	}
	cmap, err := parseCmap(f.tables["cmap"])
	if err != nil {
		return nil, err
	}
	f.cmap = cmap
	for r, g := range f.cmap {
		if int(g) >= f.numGlyphs {
			delete(f.cmap, r)
		}
	}
	f.Name = f.postScriptName()
	return f, nil
}

// readTables reads the table directory.
func (f *Face) readTables(ttf []byte) error {
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return errors.New("truncated table directory")
		}
		tag := string(ttf[rec : rec+4])
		off, length := int(binary.BigEndian.Uint32(ttf[rec+8:])), int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return fmt.Errorf("table %s out of bounds", tag)
		}
		f.tables[tag] = ttf[off : off+length]
	}
	return nil
}

func (f *Face) parseMetrics() error {
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return errors.New("short head, hhea or maxp table")
	}
	f.UnitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.UnitsPerEm == 0 {
		return errors.New("unitsPerEm is 0")
	}
	for i := range 4 {
		f.bbox[i] = int16(binary.BigEndian.Uint16(head[36+2*i:]))
	}
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.ascent = int16(binary.BigEndian.Uint16(hhea[4:]))
	f.descent = int16(binary.BigEndian.Uint16(hhea[6:]))
	f.capHeight = f.ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		f.capHeight = int16(binary.BigEndian.Uint16(os2[88:]))
	}
	if post := f.tables["post"]; len(post) >= 16 {
		f.italic = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		f.fixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if nh == 0 || nh > f.numGlyphs || len(hmtx) < 4*nh {
		return errors.New("bad hmtx table")
	}
	f.advances = make([]uint16, f.numGlyphs)
	for g := range f.numGlyphs {
		i := min(g, nh-1)
		f.advances[g] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	need := 2 * (f.numGlyphs + 1)
	if f.longLoca {
		need *= 2
	}
	if len(f.tables["loca"]) < need {
		return errors.New("short loca table")
	}
	return nil
}

// postScriptName reads name ID 6, else makes a name of the family, without the
// characters a PDF name must not hold.
func (f *Face) postScriptName() string {
	name := ""
	if t := f.tables["name"]; len(t) >= 6 {
		count, strOff := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
		for i := range count {
			rec := 6 + 12*i
			if rec+12 > len(t) {
				break
			}
			pid, id := binary.BigEndian.Uint16(t[rec:]), binary.BigEndian.Uint16(t[rec+6:])
			length, off := int(binary.BigEndian.Uint16(t[rec+8:])), int(binary.BigEndian.Uint16(t[rec+10:]))
			if id != 6 || strOff+off+length > len(t) {
				continue
			}
			s := t[strOff+off : strOff+off+length]
			if pid == 3 || pid == 0 { // UTF-16BE
				var b strings.Builder
				for j := 0; j+1 < len(s); j += 2 {
					b.WriteByte(s[j+1])
				}
				name = b.String()
				break
			}
			name = string(s)
		}
	}
	var b strings.Builder
	for _, c := range name {
		if c > ' ' && c < 0x7f && !strings.ContainsRune("()<>[]{}/%#", c) {
			b.WriteRune(c)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// Glyph returns the glyph of r, and whether the font has one.
func (f *Face) Glyph(r rune) (uint16, bool) {
	g, ok := f.cmap[r]
	return g, ok && g != 0
}

// Has reports whether the font draws r.
func (f *Face) Has(r rune) bool {
	_, ok := f.Glyph(r)
	return ok
}

// Advance returns the advance width of glyph g in thousandths of an em.
func (f *Face) Advance(g uint16) float64 {
	if int(g) >= len(f.advances) {
		return 0
	}
	return float64(f.advances[g]) * 1000 / float64(f.UnitsPerEm)
}

// Runes returns the characters the font draws, in order.
func (f *Face) Runes() []rune {
	rs := make([]rune, 0, len(f.cmap))
	for r, g := range f.cmap {
		if g != 0 {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	return rs
}

// glyphData returns the outline bytes of glyph g.
func (f *Face) glyphData(g uint16) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var lo, hi int
	if f.longLoca {
		lo, hi = int(binary.BigEndian.Uint32(loca[4*int(g):])), int(binary.BigEndian.Uint32(loca[4*int(g)+4:]))
	} else {
		lo, hi = 2*int(binary.BigEndian.Uint16(loca[2*int(g):])), 2*int(binary.BigEndian.Uint16(loca[2*int(g)+2:]))
	}
	if lo >= hi || hi > len(glyf) {
		return nil
	}
	return glyf[lo:hi]
}
