package sign

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

// Cross-reference streams and object streams (PDF 1.5): a revision's xref section may be
// a stream object of /Type /XRef whose rows give each object's offset or, for an object
// kept in an object stream, that stream's number and the object's index in it.

// maxXRefData bounds what one cross-reference or object stream may inflate to.
const maxXRefData = 64 << 20

// readXRefStream parses the cross-reference stream object at off; its dictionary is the
// revision's trailer.
func readXRefStream(data []byte, off int) (map[int]xrefEntry, *pdfDict, error) {
	_, dict, raw, err := streamAt(data, off)
	if err != nil {
		return nil, nil, err
	}
	if lookup(dict, "Type") != pdfName("XRef") {
		return nil, nil, fmt.Errorf("no xref table or cross-reference stream at offset %d", off)
	}
	rows, err := decodeStream(dict, raw)
	if err != nil {
		return nil, nil, fmt.Errorf("cross-reference stream at offset %d: %w", off, err)
	}
	wa, _ := lookup(dict, "W").(pdfArray)
	var w [3]int
	if len(wa) != 3 {
		return nil, nil, errors.New("cross-reference stream: /W is not three widths")
	}
	for i, v := range wa {
		n, ok := intValue(v)
		if !ok || n < 0 || n > 8 {
			return nil, nil, fmt.Errorf("cross-reference stream: bad /W width %v", v)
		}
		w[i] = n
	}
	size, ok := intValue(lookup(dict, "Size"))
	if !ok || size < 0 || size > len(data) {
		return nil, nil, errors.New("cross-reference stream: bad /Size")
	}
	index := pdfArray{0, size}
	if ia, ok := lookup(dict, "Index").(pdfArray); ok {
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
	entries := map[int]xrefEntry{}
	pos := 0
	for i := 0; i < len(index); i += 2 {
		first, ok1 := intValue(index[i])
		count, ok2 := intValue(index[i+1])
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
				entries[first+j] = xrefEntry{gen: b}
			case 1:
				entries[first+j] = xrefEntry{offset: a, gen: b, inUse: true}
			case 2:
				entries[first+j] = xrefEntry{stm: a, idx: b, inUse: true}
			}
		}
	}
	return entries, dict, nil
}

// streamAt parses the stream object at off: its reference, dictionary and raw data. The
// /Length must be direct, as in cross-reference and object streams a reader must find it
// before it can resolve anything.
func streamAt(data []byte, off int) (pdfRef, *pdfDict, []byte, error) {
	ref, v, err := indirectObject(data, off)
	if err != nil {
		return pdfRef{}, nil, nil, err
	}
	dict, ok := v.(*pdfDict)
	if !ok {
		return pdfRef{}, nil, nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	p := &parser{b: data, pos: off}
	_, _ = p.integer()
	_, _ = p.integer()
	_ = p.keyword("obj")
	if _, err := p.value(0); err != nil {
		return pdfRef{}, nil, nil, err
	}
	p.skipSpace()
	if !bytes.HasPrefix(data[p.pos:], []byte("stream")) {
		return pdfRef{}, nil, nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	start := p.pos + len("stream")
	if bytes.HasPrefix(data[start:], []byte("\r\n")) {
		start += 2
	} else if start < len(data) && data[start] == '\n' {
		start++
	}
	n, ok := intValue(lookup(dict, "Length"))
	if !ok || n < 0 || start > len(data) || n > len(data)-start {
		return pdfRef{}, nil, nil, fmt.Errorf("object %d: bad or indirect stream /Length", ref.Num)
	}
	return ref, dict, data[start : start+n], nil
}

// decodeStream inflates raw as dict's /Filter (none or FlateDecode) asks, and undoes a
// PNG predictor (/DecodeParms /Predictor 10–15) over /Columns bytes a row.
func decodeStream(dict *pdfDict, raw []byte) ([]byte, error) {
	switch f := lookup(dict, "Filter"); f {
	case nil:
		return raw, nil
	case pdfName("FlateDecode"):
	default:
		return nil, fmt.Errorf("unsupported filter %v", f)
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxXRefData+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxXRefData {
		return nil, fmt.Errorf("stream larger than %d bytes", maxXRefData)
	}
	parms, _ := lookup(dict, "DecodeParms").(*pdfDict)
	pred, _ := intValue(lookup(parms, "Predictor"))
	if pred <= 1 {
		return out, nil
	}
	cols, ok := intValue(lookup(parms, "Columns"))
	if _, colours := parms.Get("Colors"); pred < 10 || !ok || cols <= 0 || colours {
		return nil, fmt.Errorf("unsupported predictor %d", pred)
	}
	if bpc, ok := intValue(lookup(parms, "BitsPerComponent")); ok && bpc != 8 {
		return nil, fmt.Errorf("unsupported predictor bits per component %d", bpc)
	}
	return unpredictPNG(out, cols)
}

// unpredictPNG undoes PNG row filters over rows of cols bytes, one byte a pixel.
func unpredictPNG(b []byte, cols int) ([]byte, error) {
	if len(b)%(cols+1) != 0 {
		return nil, errors.New("predicted data is not whole rows")
	}
	out := make([]byte, 0, len(b)/(cols+1)*cols)
	prev := make([]byte, cols)
	for r := 0; r < len(b); r += cols + 1 {
		typ, row := b[r], b[r+1:r+1+cols]
		cur := make([]byte, cols)
		for i, x := range row {
			var left, upLeft byte
			if i > 0 {
				left, upLeft = cur[i-1], prev[i-1]
			}
			up := prev[i]
			switch typ {
			case 0:
				cur[i] = x
			case 1:
				cur[i] = x + left
			case 2:
				cur[i] = x + up
			case 3:
				cur[i] = x + byte((int(left)+int(up))/2)
			case 4:
				cur[i] = x + paeth(left, up, upLeft)
			default:
				return nil, fmt.Errorf("unknown PNG row filter %d", typ)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// objStream returns the decoded data of object stream num and where each of its objects
// starts in it (an object number and an offset a pair, offsets from /First added).
func (d *document) objStream(num int) ([]byte, [][2]int, error) {
	if s, ok := d.stms[num]; ok {
		return s.data, s.offs, nil
	}
	e, ok := d.offsets[num]
	if !ok || !e.inUse || e.stm != 0 {
		return nil, nil, fmt.Errorf("object stream %d is not in the cross-reference table", num)
	}
	ref, dict, raw, err := streamAt(d.data, e.offset)
	if err != nil {
		return nil, nil, err
	}
	if ref.Num != num || lookup(dict, "Type") != pdfName("ObjStm") {
		return nil, nil, fmt.Errorf("object %d is not an object stream", num)
	}
	data, err := decodeStream(dict, raw)
	if err != nil {
		return nil, nil, fmt.Errorf("object stream %d: %w", num, err)
	}
	n, ok1 := intValue(lookup(dict, "N"))
	first, ok2 := intValue(lookup(dict, "First"))
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
func (d *document) compressedObject(num int, e xrefEntry) (any, []byte, error) {
	data, offs, err := d.objStream(e.stm)
	if err != nil {
		return nil, nil, err
	}
	if e.idx < 0 || e.idx >= len(offs) || offs[e.idx][0] != num {
		return nil, nil, fmt.Errorf("object %d is not at index %d of object stream %d", num, e.idx, e.stm)
	}
	p := &parser{b: data, pos: offs[e.idx][1]}
	v, err := p.value(0)
	if err != nil {
		return nil, nil, fmt.Errorf("object %d in object stream %d: %w", num, e.stm, err)
	}
	return v, data[offs[e.idx][1]:p.pos], nil
}
