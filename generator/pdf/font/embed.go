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
//
// A face that draws at most 255 characters is written with one-byte codes (see
// OneByte): its CIDs are the codes, its encoding an embedded CMap (in the place of the
// CIDSystemInfo, which the CID font then holds itself) that maps each byte to the CID
// of the same number. Its text must be recoded by OneByte's function.
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
	// The font's CIDs: the characters' own (two-byte), or their one-byte codes.
	gid, uni := u.gid, u.uni
	code, oneByte := u.codes()
	if oneByte {
		gid, uni = map[rune]uint16{}, map[rune]rune{}
		for i, c := range cids {
			k := rune(code[c])
			gid[k], uni[k] = u.gid[c], u.uni[c]
			cids[i] = k
		}
		sort.Slice(cids, func(i, j int) bool { return cids[i] < cids[j] })
	}

	var o [7][]byte
	encoding, sysInfo := "/Identity-H", fmt.Sprintf("%d 0 R", n+3)
	o[3] = []byte(systemInfo)
	if oneByte {
		encoding, sysInfo = fmt.Sprintf("%d 0 R", n+3), systemInfo
		o[3] = streamWith([]byte(oneByteCMap), "/Type /CMap /CMapName /"+oneByteCMapName+" /CIDSystemInfo "+systemInfo+" /WMode 0 ")
	}
	o[0] = fmt.Appendf(nil, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding %s /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, encoding, n+1, n+2)
	o[1] = fmt.Appendf(nil, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo %s /FontDescriptor %d 0 R /DW 1000 /W %s /CIDToGIDMap %d 0 R>>",
		name, sysInfo, n+4, u.widths(cids, gid), n+5)
	o[2] = stream(toUnicode(cids, uni, oneByte))
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
	for c, g := range gid {
		m[2*c], m[2*c+1] = byte(g>>8), byte(g)
	}
	o[5] = stream(m)
	sub := f.Subset(used)
	o[6] = streamWith(sub, fmt.Sprintf("/Length1 %d ", len(sub)))
	return o
}

// systemInfo is the character collection of every font: Identity, the glyphs by CID.
const systemInfo = "<</Registry (Adobe) /Ordering (Identity) /Supplement 0>>"

// oneByteCMap is the encoding of a one-byte font: each byte is the CID of its number.
// PDF/A wants an embedded CMap's WMode in its dictionary and its stream alike.
const (
	oneByteCMapName = "Identity-OneByte-H"
	oneByteCMap     = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo 3 dict dup begin /Registry (Adobe) def /Ordering (Identity) def /Supplement 0 def end def\n" +
		"/CMapName /" + oneByteCMapName + " def\n/CMapType 1 def\n/WMode 0 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" +
		"1 begincidrange\n<00> <FF> 0\nendcidrange\n" +
		"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
)

// codes returns the one-byte code of each CID the face drew, when they are at most 255:
// a CID below 256 keeps its number (ASCII text stays ASCII), the others take the free
// codes from 128 on, then those below 32, in the order of their CIDs. Code 0 (CID 0,
// by convention .notdef) is never given.
func (u *Usage) codes() (map[rune]byte, bool) {
	if len(u.gid) > 255 {
		return nil, false
	}
	code := make(map[rune]byte, len(u.gid))
	var taken [256]bool
	taken[0] = true
	var rest []rune
	for c := range u.gid {
		if c > 0 && c < 256 {
			code[c], taken[c] = byte(c), true
		} else {
			rest = append(rest, c)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i] < rest[j] })
	next := 128
	for _, c := range rest {
		for taken[next] {
			next = (next + 1) % 256
		}
		code[c], taken[next] = byte(next), true
	}
	return code, true
}

// OneByte reports whether the face's font is written with one-byte codes, and returns
// the function that turns the face's text as fpdf draws it (the CIDs in UTF-16BE, two
// bytes each) into those codes. Call it once everything is drawn: the codes depend on
// every character the face drew. A CID the face did not draw becomes code 0.
func (u *Usage) OneByte() (func([]byte) []byte, bool) {
	code, ok := u.codes()
	if !ok {
		return nil, false
	}
	return func(s []byte) []byte {
		out := make([]byte, len(s)/2)
		for i := range out {
			out[i] = code[rune(s[2*i])<<8|rune(s[2*i+1])]
		}
		return out
	}, true
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

// widths writes the W array: runs of consecutive CIDs with the widths of their glyphs.
func (u *Usage) widths(cids []rune, gid map[rune]uint16) string {
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
			fmt.Fprintf(&b, "%d", int(u.face.Advance(gid[cids[k]])+0.5))
		}
		b.WriteString("] ")
		i = j
	}
	b.WriteByte(']')
	return b.String()
}

// toUnicode writes the CMap that maps each code (a CID, of one or two bytes) back to
// its character, in UTF-16 (with surrogate pairs beyond the Basic Multilingual Plane).
func toUnicode(cids []rune, uni map[rune]rune, oneByte bool) []byte {
	var b bytes.Buffer
	space, format := "<0000> <FFFF>", "<%04X> <"
	if oneByte {
		space, format = "<00> <FF>", "<%02X> <"
	}
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n" + space + "\nendcodespacerange\n")
	for i := 0; i < len(cids); i += 100 {
		chunk := cids[i:min(i+100, len(cids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, c := range chunk {
			fmt.Fprintf(&b, format, c)
			for _, x := range utf16.Encode([]rune{uni[c]}) {
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
