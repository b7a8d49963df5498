package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

// Streams: finding a stream object's data in the file and decoding it.

// streamAt parses the stream object at off: its reference, dictionary and raw data. The
// /Length must be direct, as in cross-reference and object streams a reader must find it
// before it can resolve anything.
func streamAt(data []byte, off int) (Ref, *Dict, []byte, error) {
	ref, v, err := IndirectObject(data, off)
	if err != nil {
		return Ref{}, nil, nil, err
	}
	dict, ok := v.(*Dict)
	if !ok {
		return Ref{}, nil, nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	p := &parser{b: data, pos: off}
	_, _ = p.integer()
	_, _ = p.integer()
	_ = p.keyword("obj")
	if _, err := p.value(0); err != nil {
		return Ref{}, nil, nil, err
	}
	p.skipSpace()
	if !bytes.HasPrefix(data[p.pos:], []byte("stream")) {
		return Ref{}, nil, nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	start := p.pos + len("stream")
	if bytes.HasPrefix(data[start:], []byte("\r\n")) {
		start += 2
	} else if start < len(data) && data[start] == '\n' {
		start++
	}
	n, ok := IntValue(Lookup(dict, "Length"))
	if !ok || n < 0 || start > len(data) || n > len(data)-start {
		return Ref{}, nil, nil, fmt.Errorf("object %d: bad or indirect stream /Length", ref.Num)
	}
	return ref, dict, data[start : start+n], nil
}

// decodeStream inflates raw as dict's /Filter (none or FlateDecode) asks, and undoes a
// PNG predictor (/DecodeParms /Predictor 10–15) over /Columns bytes a row.
func decodeStream(dict *Dict, raw []byte) ([]byte, error) {
	switch f := Lookup(dict, "Filter"); f {
	case nil:
		return raw, nil
	case Name("FlateDecode"):
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
	parms, _ := Lookup(dict, "DecodeParms").(*Dict)
	pred, _ := IntValue(Lookup(parms, "Predictor"))
	if pred <= 1 {
		return out, nil
	}
	cols, ok := IntValue(Lookup(parms, "Columns"))
	if _, colours := parms.Get("Colors"); pred < 10 || !ok || cols <= 0 || colours {
		return nil, fmt.Errorf("unsupported predictor %d", pred)
	}
	if bpc, ok := IntValue(Lookup(parms, "BitsPerComponent")); ok && bpc != 8 {
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

// StreamData returns the decoded data of stream object ref (no filter or FlateDecode),
// at most limit bytes of it; its /Length may be indirect.
func (d *Document) StreamData(ref Ref, limit int) ([]byte, error) {
	e, ok := d.offsets[ref.Num]
	if !ok || !e.InUse || e.Stm != 0 {
		return nil, fmt.Errorf("object %d %d is not a stream in the cross-reference table", ref.Num, ref.Gen)
	}
	p := &parser{b: d.Data, pos: e.Offset}
	if _, err := p.integer(); err != nil {
		return nil, err
	}
	if _, err := p.integer(); err != nil {
		return nil, err
	}
	if err := p.keyword("obj"); err != nil {
		return nil, err
	}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	dict, ok := v.(*Dict)
	if !ok {
		return nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	p.skipSpace()
	if !bytes.HasPrefix(d.Data[p.pos:], []byte("stream")) {
		return nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	start := p.pos + len("stream")
	if bytes.HasPrefix(d.Data[start:], []byte("\r\n")) {
		start += 2
	} else if start < len(d.Data) && d.Data[start] == '\n' {
		start++
	}
	lv, err := d.Resolve(Lookup(dict, "Length"))
	if err != nil {
		return nil, err
	}
	n, ok := IntValue(lv)
	if !ok || n < 0 || start > len(d.Data) || n > len(d.Data)-start {
		return nil, fmt.Errorf("object %d: bad stream /Length", ref.Num)
	}
	raw := d.Data[start : start+n]
	switch f := Lookup(dict, "Filter"); f {
	case nil:
		return raw, nil
	case Name("FlateDecode"):
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", ref.Num, err)
		}
		out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", ref.Num, err)
		}
		if len(out) > limit {
			return nil, fmt.Errorf("object %d: stream larger than %d bytes", ref.Num, limit)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("object %d: unsupported stream filter %v", ref.Num, f)
	}
}

// RawObject returns the source of object num after its "obj" keyword: its value and,
// for a stream, the stream's raw data; for an object in an object stream, its source
// there. Two revisions define an object alike when its raw sources are equal.
func (d *Document) RawObject(num int) ([]byte, error) {
	e, ok := d.offsets[num]
	if ok && e.InUse && e.Stm != 0 {
		_, src, err := d.compressedObject(num, e)
		return src, err
	}
	if !ok || !e.InUse || e.Offset < 0 || e.Offset >= len(d.Data) {
		return nil, fmt.Errorf("object %d is not in the cross-reference table", num)
	}
	p := &parser{b: d.Data, pos: e.Offset}
	if _, err := p.integer(); err != nil {
		return nil, err
	}
	if _, err := p.integer(); err != nil {
		return nil, err
	}
	if err := p.keyword("obj"); err != nil {
		return nil, err
	}
	from := p.pos
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	end := p.pos
	p.skipSpace()
	if dict, ok := v.(*Dict); ok && bytes.HasPrefix(d.Data[p.pos:], []byte("stream")) {
		n, ok := IntValue(d.ResolveOr(Lookup(dict, "Length")))
		start := p.pos + len("stream")
		if !ok || n < 0 || n > len(d.Data)-start {
			return nil, fmt.Errorf("object %d: bad stream /Length", num)
		}
		end = start + n
	}
	return d.Data[from:end], nil
}
