package font

import (
	"encoding/binary"
	"math/bits"
	"sort"
)

// Subset returns a TrueType font holding only the glyphs of used (and .notdef, and the
// components of composite glyphs). Glyph IDs stay as they are: unused glyphs become
// empty, so the font's hmtx and the PDF's CIDToGIDMap need no renumbering, and their
// metrics zero. Only the tables a PDF reader needs are kept (cmap, name, kerning and
// layout tables go: the PDF maps characters itself), without hinting: the instructions
// (fpgm, prep, cvt and each glyph's) fit outlines to the pixels of a screen at small
// sizes, which PDF viewers, anti-aliasing, mostly ignore and printers do not need; they
// were half of a subset.
func (f *Face) Subset(used map[uint16]bool) []byte {
	keep := map[uint16]bool{}
	var add func(g uint16, depth int)
	add = func(g uint16, depth int) {
		if keep[g] || int(g) >= f.numGlyphs || depth > 16 {
			return
		}
		keep[g] = true
		for _, c := range components(f.glyphData(g)) {
			add(c, depth+1)
		}
	}
	add(0, 0)
	for g := range used {
		add(g, 0)
	}
	var glyf []byte
	loca := make([]byte, 4*(f.numGlyphs+1))
	for g := range f.numGlyphs {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if keep[uint16(g)] {
			glyf = append(glyf, unhinted(f.glyphData(uint16(g)))...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*f.numGlyphs:], uint32(len(glyf)))

	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checksumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	tables := map[string][]byte{
		"head": head, "hhea": f.tables["hhea"], "maxp": f.tables["maxp"], "hmtx": f.metrics(keep),
		"loca": loca, "glyf": glyf,
	}
	for _, t := range []string{"OS/2"} {
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	if post := f.tables["post"]; len(post) >= 32 {
		p := append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(p, 0x00030000) // no glyph names
		tables["post"] = p
	}
	out := writeSFNT(tables)
	binary.BigEndian.PutUint32(out[headOffset(out):][8:], 0xB1B0AFBA-checksum(out))
	return out
}

// metrics returns the hmtx table with the metrics of the glyphs not kept zeroed (the
// last long metric, whose advance the glyphs after it share, is kept).
func (f *Face) metrics(keep map[uint16]bool) []byte {
	hmtx := append([]byte(nil), f.tables["hmtx"]...)
	nh := int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
	for g := range f.numGlyphs {
		if keep[uint16(g)] || g == nh-1 {
			continue
		}
		at, size := 4*g, 4
		if g >= nh {
			at, size = 4*nh+2*(g-nh), 2
		}
		if at+size <= len(hmtx) {
			clear(hmtx[at : at+size])
		}
	}
	return hmtx
}

// unhinted returns a glyph without its instructions: a simple glyph's instruction
// length becomes 0, a composite glyph loses WE_HAVE_INSTRUCTIONS and what follows its
// components. A glyph it cannot read is returned as it is.
func unhinted(g []byte) []byte {
	if len(g) < 10 {
		return g
	}
	if n := int(int16(binary.BigEndian.Uint16(g))); n >= 0 {
		at := 10 + 2*n
		if at+2 > len(g) {
			return g
		}
		il := int(binary.BigEndian.Uint16(g[at:]))
		if il == 0 || at+2+il > len(g) {
			return g
		}
		out := append(append([]byte(nil), g[:at]...), 0, 0)
		return append(out, g[at+2+il:]...)
	}
	out := append([]byte(nil), g...)
	for at := 10; at+4 <= len(out); {
		flags := binary.BigEndian.Uint16(out[at:])
		binary.BigEndian.PutUint16(out[at:], flags&^0x0100)
		at += 6
		if flags&0x0001 != 0 {
			at += 2
		}
		switch {
		case flags&0x0008 != 0:
			at += 2
		case flags&0x0040 != 0:
			at += 4
		case flags&0x0080 != 0:
			at += 8
		}
		if flags&0x0020 == 0 {
			if at > len(out) {
				return g
			}
			return out[:at]
		}
	}
	return g
}

// components returns the glyphs a composite glyph is made of.
func components(g []byte) []uint16 {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []uint16
	for at := 10; at+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[at:])
		out = append(out, binary.BigEndian.Uint16(g[at+2:]))
		at += 4
		if flags&0x0001 != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&0x0008 != 0:
			at += 2
		case flags&0x0040 != 0:
			at += 4
		case flags&0x0080 != 0:
			at += 8
		}
		if flags&0x0020 == 0 {
			return out
		}
	}
	return out
}

// writeSFNT writes a TrueType file of tables, sorted by tag.
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es := bits.Len(uint(n)) - 1
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func headOffset(sfnt []byte) int {
	n := int(binary.BigEndian.Uint16(sfnt[4:]))
	for i := range n {
		rec := 12 + 16*i
		if string(sfnt[rec:rec+4]) == "head" {
			return int(binary.BigEndian.Uint32(sfnt[rec+8:]))
		}
	}
	return 0
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
