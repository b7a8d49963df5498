package pack

import (
	"encoding/binary"
	"errors"
	"sort"
)

// glyphSet answers whether a TrueType font maps a code point to a real glyph. It reads
// the font's cmap table directly (formats 4 and 12, which is what the Go fonts carry):
// fpdf prints an empty box for a missing glyph, which pdftotext then turns into garbage,
// so text is checked against the font before it is drawn.
type glyphSet struct {
	// ranges are sorted, non-overlapping [lo, hi] code point ranges with glyphs.
	ranges [][2]rune
}

// has reports whether r has a glyph.
func (s *glyphSet) has(r rune) bool {
	i := sort.Search(len(s.ranges), func(i int) bool { return s.ranges[i][1] >= r })
	return i < len(s.ranges) && s.ranges[i][0] <= r
}

// parseGlyphSet reads the cmap of a TrueType font.
func parseGlyphSet(ttf []byte) (*glyphSet, error) {
	cmap, err := ttfTable(ttf, "cmap")
	if err != nil {
		return nil, err
	}
	if len(cmap) < 4 {
		return nil, errors.New("short cmap table")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	best, bestRank := -1, 0
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		pid, eid := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if off+2 > len(cmap) {
			continue
		}
		format := binary.BigEndian.Uint16(cmap[off:])
		rank := 0
		switch {
		case format == 12 && (pid == 0 || (pid == 3 && eid == 10)):
			rank = 2
		case format == 4 && (pid == 0 || (pid == 3 && eid == 1)):
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return nil, errors.New("no Unicode cmap subtable")
	}
	s := &glyphSet{}
	if bestRank == 2 {
		err = s.format12(cmap[best:])
	} else {
		err = s.format4(cmap[best:])
	}
	if err != nil {
		return nil, err
	}
	s.merge()
	return s, nil
}

// ttfTable returns the bytes of a table of a TrueType font.
func ttfTable(ttf []byte, tag string) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			break
		}
		if string(ttf[rec:rec+4]) != tag {
			continue
		}
		off, length := int(binary.BigEndian.Uint32(ttf[rec+8:])), int(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil, errors.New("table " + tag + " out of bounds")
		}
		return ttf[off : off+length], nil
	}
	return nil, errors.New("no " + tag + " table")
}

func (s *glyphSet) format4(b []byte) error {
	if len(b) < 14 {
		return errors.New("short cmap format 4")
	}
	seg := int(binary.BigEndian.Uint16(b[6:])) / 2
	ends, starts := 14, 14+2*seg+2
	deltas, offsets := starts+2*seg, starts+4*seg
	if offsets+2*seg > len(b) {
		return errors.New("short cmap format 4")
	}
	u16 := func(at int) int {
		if at+2 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint16(b[at:]))
	}
	for i := range seg {
		lo, hi := u16(starts+2*i), u16(ends+2*i)
		delta, ro := u16(deltas+2*i), u16(offsets+2*i)
		for c := lo; c <= hi && c != 0xFFFF; c++ {
			g := (c + delta) & 0xFFFF
			if ro != 0 {
				g = u16(offsets + 2*i + ro + 2*(c-lo))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				s.ranges = append(s.ranges, [2]rune{rune(c), rune(c)})
			}
		}
	}
	return nil
}

func (s *glyphSet) format12(b []byte) error {
	if len(b) < 16 {
		return errors.New("short cmap format 12")
	}
	n := int(binary.BigEndian.Uint32(b[12:]))
	for i := range n {
		at := 16 + 12*i
		if at+12 > len(b) {
			return errors.New("short cmap format 12")
		}
		lo, hi := rune(binary.BigEndian.Uint32(b[at:])), rune(binary.BigEndian.Uint32(b[at+4:]))
		first := binary.BigEndian.Uint32(b[at+8:])
		if first == 0 {
			lo++ // the first code of the group maps to .notdef
		}
		if lo <= hi {
			s.ranges = append(s.ranges, [2]rune{lo, hi})
		}
	}
	return nil
}

// merge sorts the ranges and joins adjacent ones.
func (s *glyphSet) merge() {
	sort.Slice(s.ranges, func(i, j int) bool { return s.ranges[i][0] < s.ranges[j][0] })
	var out [][2]rune
	for _, r := range s.ranges {
		if n := len(out); n > 0 && r[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	s.ranges = out
}
