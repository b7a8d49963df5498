package font

import (
	"encoding/binary"
	"errors"
)

// parseCmap reads the best Unicode subtable of a cmap: format 12 (all planes) where the
// font has one, else format 4 (the Basic Multilingual Plane).
func parseCmap(cmap []byte) (map[rune]uint16, error) {
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
			rank = 3
		case format == 4 && (pid == 0 || (pid == 3 && eid == 1)):
			rank = 2
		case format == 4 && pid == 3 && eid == 0: // symbol fonts
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return nil, errors.New("no Unicode cmap subtable")
	}
	if bestRank == 3 {
		return cmapFormat12(cmap[best:])
	}
	return cmapFormat4(cmap[best:])
}

func cmapFormat4(b []byte) (map[rune]uint16, error) {
	if len(b) < 14 {
		return nil, errors.New("short cmap format 4")
	}
	seg := int(binary.BigEndian.Uint16(b[6:])) / 2
	ends, starts := 14, 14+2*seg+2
	deltas, offsets := starts+2*seg, starts+4*seg
	if offsets+2*seg > len(b) {
		return nil, errors.New("short cmap format 4")
	}
	u16 := func(at int) int {
		if at < 0 || at+2 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint16(b[at:]))
	}
	m := map[rune]uint16{}
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
				m[rune(c)] = uint16(g)
			}
		}
	}
	return m, nil
}

func cmapFormat12(b []byte) (map[rune]uint16, error) {
	if len(b) < 16 {
		return nil, errors.New("short cmap format 12")
	}
	n := int(binary.BigEndian.Uint32(b[12:]))
	m := map[rune]uint16{}
	for i := range n {
		at := 16 + 12*i
		if at+12 > len(b) {
			return nil, errors.New("short cmap format 12")
		}
		lo, hi := rune(binary.BigEndian.Uint32(b[at:])), rune(binary.BigEndian.Uint32(b[at+4:]))
		first := binary.BigEndian.Uint32(b[at+8:])
		if hi-lo > 0x10FFFF || hi > 0x10FFFF {
			return nil, errors.New("bad cmap format 12 group")
		}
		for c := lo; c <= hi; c++ {
			if g := first + uint32(c-lo); g != 0 && g <= 0xFFFF {
				m[c] = uint16(g)
			}
		}
	}
	return m, nil
}
