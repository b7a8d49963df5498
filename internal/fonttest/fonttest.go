// Package fonttest makes TrueType fonts for tests: a "house font" that draws characters
// the Go fonts lack, built from Go Regular by giving some of its glyphs new characters.
package fonttest

import (
	"encoding/binary"
	"sort"

	"golang.org/x/image/font/gofont/goregular"
)

// HouseFont returns Go Regular with a cmap that maps each key of m to the glyph of its
// value (and nothing else), as a font of the organisation's that has those characters.
func HouseFont(m map[rune]rune) []byte {
	src := goregular.TTF
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(src[4:]))
	for i := range n {
		rec := 12 + 16*i
		off, length := binary.BigEndian.Uint32(src[rec+8:]), binary.BigEndian.Uint32(src[rec+12:])
		tables[string(src[rec:rec+4])] = src[off : off+length]
	}
	old := glyphs(tables["cmap"])
	var keys []rune
	for r := range m {
		if _, ok := old[m[r]]; ok {
			keys = append(keys, r)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	cmap := make([]byte, 12+16+12*len(keys))
	binary.BigEndian.PutUint16(cmap[2:], 1)
	binary.BigEndian.PutUint16(cmap[4:], 3)
	binary.BigEndian.PutUint16(cmap[6:], 10)
	binary.BigEndian.PutUint32(cmap[8:], 12)
	sub := cmap[12:]
	binary.BigEndian.PutUint16(sub, 12)
	binary.BigEndian.PutUint32(sub[4:], uint32(len(sub)))
	binary.BigEndian.PutUint32(sub[12:], uint32(len(keys)))
	for i, r := range keys {
		g := sub[16+12*i:]
		binary.BigEndian.PutUint32(g, uint32(r))
		binary.BigEndian.PutUint32(g[4:], uint32(r))
		binary.BigEndian.PutUint32(g[8:], uint32(old[m[r]]))
	}
	tables["cmap"] = cmap
	delete(tables, "name") // a name of its own: "Font"
	var tags []string
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*len(tags))
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(len(tags)))
	for i, t := range tags {
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(tables[t])))
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// glyphs reads the format 4 subtable (3, 1) of a cmap: character → glyph.
func glyphs(cmap []byte) map[rune]uint16 {
	out := map[rune]uint16{}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		rec := 4 + 8*i
		if binary.BigEndian.Uint16(cmap[rec:]) != 3 || binary.BigEndian.Uint16(cmap[rec+2:]) != 1 {
			continue
		}
		b := cmap[binary.BigEndian.Uint32(cmap[rec+4:]):]
		seg := int(binary.BigEndian.Uint16(b[6:])) / 2
		u16 := func(at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
		ends, starts := 14, 14+2*seg+2
		deltas, offsets := starts+2*seg, starts+4*seg
		for s := range seg {
			lo, hi, delta, ro := u16(starts+2*s), u16(ends+2*s), u16(deltas+2*s), u16(offsets+2*s)
			for c := lo; c <= hi && c != 0xFFFF; c++ {
				g := (c + delta) & 0xFFFF
				if ro != 0 {
					if g = u16(offsets + 2*s + ro + 2*(c-lo)); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
				if g != 0 {
					out[rune(c)] = uint16(g)
				}
			}
		}
	}
	return out
}
