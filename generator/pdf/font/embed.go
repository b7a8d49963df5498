package font

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
)

// Usage records what one PDF draws with one face: the CID of each character drawn and
// the glyph behind it. A character of the Basic Multilingual Plane is its own CID, as
// in fpdf's UTF-8 fonts; one beyond it (an emoji) or in the Private Use Area gets a
// CID of its own from the Private Use Area, so every CID is one UTF-16 code unit that
// a Go string can carry to fpdf.
type Usage struct {
	face *Face
	box  uint16          // glyph drawn for a character the face lacks
	cid  map[rune]rune   // character → CID
	gid  map[rune]uint16 // CID → glyph
	uni  map[rune]rune   // CID → character
	next rune            // next free Private Use Area CID
}

// Private Use Area CIDs for characters that are not their own CID.
const (
	puaFirst rune = 0xE000
	puaLast  rune = 0xF8FF
)

// NewUsage starts recording the use of a face.
func NewUsage(f *Face) *Usage {
	u := &Usage{face: f, cid: map[rune]rune{}, gid: map[rune]uint16{}, uni: map[rune]rune{}, next: puaFirst}
	for _, r := range []rune{'\u25A1', '\uFFFD'} { // white square, replacement character
		if g, ok := f.Glyph(r); ok {
			u.box = g
			break
		}
	}
	return u
}

// Face returns the face whose use is recorded.
func (u *Usage) Face() *Face { return u.face }

// Encode returns the CIDs that draw s with the face (as a string of runes, one per
// character) and its width in thousandths of an em. A character the face lacks is drawn
// as a box (its white square glyph) but keeps its own CID, so text extraction still
// gives the character.
func (u *Usage) Encode(s string) (string, float64) {
	var b strings.Builder
	w := 0.0
	for _, r := range s {
		c, ok := u.cid[r]
		if !ok {
			c, ok = u.assign(r)
			if !ok {
				continue
			}
		}
		b.WriteRune(c)
		w += u.face.Advance(u.gid[c])
	}
	return b.String(), w
}

// Width returns the width of s in thousandths of an em, without recording it.
func (u *Usage) Width(s string) float64 {
	w := 0.0
	for _, r := range s {
		g, ok := u.face.Glyph(r)
		if !ok {
			g = u.box
		}
		w += u.face.Advance(g)
	}
	return w
}

func (u *Usage) assign(r rune) (rune, bool) {
	c := r
	if r >= 0x10000 || (r >= puaFirst && r <= puaLast) || (r >= 0xD800 && r <= 0xDFFF) || r == 0 {
		if u.next > puaLast {
			return 0, false
		}
		c = u.next
		u.next++
	}
	g, ok := u.face.Glyph(r)
	if !ok {
		g = u.box
	}
	u.cid[r], u.gid[c], u.uni[c] = c, g, r
	return c, true
}

// Used reports whether anything was drawn with the face.
func (u *Usage) Used() bool { return len(u.gid) > 0 }

// Objects returns the bodies of the seven objects of the face's font, numbered n to
// n+6 in the order fpdf numbers a UTF-8 font: the Type0 font, the CID font, the
// ToUnicode CMap, the CIDSystemInfo, the font descriptor, the CIDToGIDMap and the font
// file (the subset).
func (u *Usage) Objects(n int) [7][]byte {
	f := u.face
	cids := make([]rune, 0, len(u.gid))
	used := map[uint16]bool{}
	for c, g := range u.gid {
		cids = append(cids, c)
		used[g] = true
	}
	sort.Slice(cids, func(i, j int) bool { return cids[i] < cids[j] })
	name := u.tag(cids) + "+" + f.Name
	scale := func(v int16) int { return int(float64(v) * 1000 / float64(f.UnitsPerEm)) }

	var o [7][]byte
	o[0] = fmt.Appendf(nil, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, n+1, n+2)
	o[1] = fmt.Appendf(nil, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo %d 0 R /FontDescriptor %d 0 R /DW 1000 /W %s /CIDToGIDMap %d 0 R>>",
		name, n+3, n+4, u.widths(cids), n+5)
	o[2] = stream(u.toUnicode(cids))
	o[3] = []byte("<</Registry (Adobe) /Ordering (Identity) /Supplement 0>>")
	flags := 4 // symbolic: the glyphs are addressed by CID, not by a standard encoding
	if f.fixedPitch {
		flags |= 1
	}
	if f.italic != 0 {
		flags |= 64
	}
	o[4] = fmt.Appendf(nil, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %g /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R>>",
		name, flags, scale(f.bbox[0]), scale(f.bbox[1]), scale(f.bbox[2]), scale(f.bbox[3]), f.italic,
		scale(f.ascent), scale(f.descent), scale(f.capHeight), n+6)
	last := rune(0)
	if len(cids) > 0 {
		last = cids[len(cids)-1]
	}
	m := make([]byte, 2*(last+1))
	for c, g := range u.gid {
		m[2*c], m[2*c+1] = byte(g>>8), byte(g)
	}
	o[5] = stream(m)
	sub := f.Subset(used)
	o[6] = streamWith(sub, fmt.Sprintf("/Length1 %d ", len(sub)))
	return o
}

// tag is the subset tag: six capital letters from the face and the glyphs used, so
// different subsets of a font get different names and the same subset the same.
func (u *Usage) tag(cids []rune) string {
	h := sha256.New()
	h.Write([]byte(u.face.Name))
	for _, c := range cids {
		fmt.Fprintf(h, ",%d:%d", c, u.gid[c])
	}
	sum := h.Sum(nil)
	t := make([]byte, 6)
	for i := range t {
		t[i] = 'A' + sum[i]%26
	}
	return string(t)
}

// widths writes the W array: runs of consecutive CIDs with their widths.
func (u *Usage) widths(cids []rune) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < len(cids); {
		j := i + 1
		for j < len(cids) && cids[j] == cids[j-1]+1 {
			j++
		}
		fmt.Fprintf(&b, "%d [", cids[i])
		for k := i; k < j; k++ {
			if k > i {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%d", int(u.face.Advance(u.gid[cids[k]])+0.5))
		}
		b.WriteString("] ")
		i = j
	}
	b.WriteByte(']')
	return b.String()
}

// toUnicode writes the CMap that maps each CID back to its character, in UTF-16 (with
// surrogate pairs beyond the Basic Multilingual Plane).
func (u *Usage) toUnicode(cids []rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(cids); i += 100 {
		chunk := cids[i:min(i+100, len(cids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, c := range chunk {
			fmt.Fprintf(&b, "<%04X> <", c)
			for _, x := range utf16.Encode([]rune{u.uni[c]}) {
				fmt.Fprintf(&b, "%04X", x)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

// stream returns a compressed stream object's body.
func stream(data []byte) []byte { return streamWith(data, "") }

func streamWith(data []byte, extra string) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	_, _ = w.Write(data)
	_ = w.Close()
	out := fmt.Appendf(nil, "<</Length %d %s/Filter /FlateDecode>>\nstream\n", z.Len(), extra)
	out = append(out, z.Bytes()...)
	return append(out, "\nendstream"...)
}
