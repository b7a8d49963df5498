package pdf

import (
	"errors"
	"fmt"
)

// Cross-reference streams and object streams (PDF 1.5): a revision's xref section may be
// a stream object of /Type /XRef whose rows give each object's offset or, for an object
// kept in an object stream, that stream's number and the object's index in it.

// maxXRefData bounds what one cross-reference or object stream may inflate to.
const maxXRefData = 64 << 20

// readXRefStream parses the cross-reference stream object at off; its dictionary is the
// revision's trailer.
func readXRefStream(data []byte, off int) (map[int]XRefEntry, *Dict, error) {
	_, dict, raw, err := streamAt(data, off)
	if err != nil {
		return nil, nil, err
	}
	if Lookup(dict, "Type") != Name("XRef") {
		return nil, nil, fmt.Errorf("no xref table or cross-reference stream at offset %d", off)
	}
	rows, err := decodeStream(dict, raw)
	if err != nil {
		return nil, nil, fmt.Errorf("cross-reference stream at offset %d: %w", off, err)
	}
	wa, _ := Lookup(dict, "W").(Array)
	var w [3]int
	if len(wa) != 3 {
		return nil, nil, errors.New("cross-reference stream: /W is not three widths")
	}
	for i, v := range wa {
		n, ok := IntValue(v)
		if !ok || n < 0 || n > 8 {
			return nil, nil, fmt.Errorf("cross-reference stream: bad /W width %v", v)
		}
		w[i] = n
	}
	size, ok := IntValue(Lookup(dict, "Size"))
	if !ok || size < 0 || size > len(data) {
		return nil, nil, errors.New("cross-reference stream: bad /Size")
	}
	index := Array{0, size}
	if ia, ok := Lookup(dict, "Index").(Array); ok {
		index = ia
	}
	rowLen := w[0] + w[1] + w[2]
	if rowLen == 0 || len(index)%2 != 0 {
		return nil, nil, errors.New("cross-reference stream: bad /W or /Index")
	}
	field := func(b []byte) int {
		v := 0
		for _, c := range b {
			v = v<<8 | int(c)
		}
		return v
	}
	entries := map[int]XRefEntry{}
	pos := 0
	for i := 0; i < len(index); i += 2 {
		first, ok1 := IntValue(index[i])
		count, ok2 := IntValue(index[i+1])
		if !ok1 || !ok2 || first < 0 || count < 0 || count > len(rows)/rowLen {
			return nil, nil, errors.New("cross-reference stream: bad /Index")
		}
		for j := range count {
			if pos+rowLen > len(rows) {
				return nil, nil, errors.New("cross-reference stream: fewer rows than /Index gives")
			}
			row := rows[pos : pos+rowLen]
			pos += rowLen
			typ := 1
			if w[0] > 0 {
				typ = field(row[:w[0]])
			}
			a, b := field(row[w[0]:w[0]+w[1]]), field(row[w[0]+w[1]:])
			switch typ {
			case 0:
				entries[first+j] = XRefEntry{Gen: b}
			case 1:
				entries[first+j] = XRefEntry{Offset: a, Gen: b, InUse: true}
			case 2:
				entries[first+j] = XRefEntry{Stm: a, Idx: b, InUse: true}
			}
		}
	}
	return entries, dict, nil
}

// objStream returns the decoded data of object stream num and where each of its objects
// starts in it (an object number and an offset a pair, offsets from /First added).
func (d *Document) objStream(num int) ([]byte, [][2]int, error) {
	if s, ok := d.stms[num]; ok {
		return s.data, s.offs, nil
	}
	e, ok := d.offsets[num]
	if !ok || !e.InUse || e.Stm != 0 {
		return nil, nil, fmt.Errorf("object stream %d is not in the cross-reference table", num)
	}
	ref, dict, raw, err := streamAt(d.Data, e.Offset)
	if err != nil {
		return nil, nil, err
	}
	if ref.Num != num || Lookup(dict, "Type") != Name("ObjStm") {
		return nil, nil, fmt.Errorf("object %d is not an object stream", num)
	}
	data, err := decodeStream(dict, raw)
	if err != nil {
		return nil, nil, fmt.Errorf("object stream %d: %w", num, err)
	}
	n, ok1 := IntValue(Lookup(dict, "N"))
	first, ok2 := IntValue(Lookup(dict, "First"))
	if !ok1 || !ok2 || n < 0 || first < 0 || first > len(data) || n > first {
		return nil, nil, fmt.Errorf("object stream %d: bad /N or /First", num)
	}
	p := &parser{b: data[:first]}
	offs := make([][2]int, n)
	for i := range offs {
		on, err1 := p.integer()
		oo, err2 := p.integer()
		if err1 != nil || err2 != nil || oo < 0 || first+oo > len(data) {
			return nil, nil, fmt.Errorf("object stream %d: bad object table", num)
		}
		offs[i] = [2]int{on, first + oo}
	}
	if d.stms == nil {
		d.stms = map[int]objStm{}
	}
	d.stms[num] = objStm{data, offs}
	return data, offs, nil
}

type objStm struct {
	data []byte
	offs [][2]int
}

// compressedObject parses object num, index idx of object stream stm, and returns its
// value and its source.
func (d *Document) compressedObject(num int, e XRefEntry) (any, []byte, error) {
	data, offs, err := d.objStream(e.Stm)
	if err != nil {
		return nil, nil, err
	}
	if e.Idx < 0 || e.Idx >= len(offs) || offs[e.Idx][0] != num {
		return nil, nil, fmt.Errorf("object %d is not at index %d of object stream %d", num, e.Idx, e.Stm)
	}
	p := &parser{b: data, pos: offs[e.Idx][1]}
	v, err := p.value(0)
	if err != nil {
		return nil, nil, fmt.Errorf("object %d in object stream %d: %w", num, e.Stm, err)
	}
	return v, data[offs[e.Idx][1]:p.pos], nil
}
