package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Read parses a PDF of one revision into a File through Document: the file fpdf writes
// (one classic cross-reference table) as well as what CompactBytes writes (object streams
// and a cross-reference stream). Each object's body is its source text, from the file or
// from its object stream; object streams and the cross-reference stream themselves are
// file structure, not objects of the File.
func Read(b []byte) (*File, error) {
	d, err := Open(b)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if _, ok := d.Trailer.Get("Prev"); ok {
		return nil, errors.New("pdf: incremental updates are not read")
	}
	f := &File{Version: "1.7", objs: map[int][]byte{}}
	root, ok := Lookup(d.Trailer, "Root").(Ref)
	if !ok {
		return nil, errors.New("pdf: no /Root")
	}
	f.Root = root.Num
	if info, ok := Lookup(d.Trailer, "Info").(Ref); ok {
		f.Info = info.Num
	}
	for _, n := range slices.Sorted(maps.Keys(d.offsets)) {
		e := d.offsets[n]
		if !e.InUse || n == 0 {
			continue
		}
		body, typ, err := d.body(n, e)
		if err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		if typ == Name("ObjStm") || typ == Name("XRef") {
			continue
		}
		f.Set(n, body)
	}
	if f.objs[f.Root] == nil {
		return nil, errors.New("pdf: the catalog is missing")
	}
	return f, nil
}

// body returns the source text of object num between "num gen obj" and "endobj" (a
// stream's dictionary, data and keywords included), without surrounding white space, and
// its dictionary's /Type (nil when it has none).
func (d *Document) body(num int, e XRefEntry) ([]byte, any, error) {
	if e.Stm != 0 {
		data, offs, err := d.objStream(e.Stm)
		if err != nil {
			return nil, nil, err
		}
		if e.Idx < 0 || e.Idx >= len(offs) || offs[e.Idx][0] != num {
			return nil, nil, fmt.Errorf("object %d is not at index %d of object stream %d", num, e.Idx, e.Stm)
		}
		p := &parser{b: data, pos: offs[e.Idx][1]}
		p.skipSpace()
		from := p.pos
		typ, _, err := p.scanValue()
		if err != nil {
			return nil, nil, fmt.Errorf("object %d in object stream %d: %w", num, e.Stm, err)
		}
		return data[from:p.pos], typ, nil
	}
	if e.Offset < 0 || e.Offset >= len(d.Data) {
		return nil, nil, fmt.Errorf("object %d: offset %d outside the file", num, e.Offset)
	}
	p := &parser{b: d.Data, pos: e.Offset}
	got, err := p.integer()
	if err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", num, err)
	}
	if got != num {
		return nil, nil, fmt.Errorf("xref points object %d at object %d", num, got)
	}
	if _, err := p.integer(); err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", num, err)
	}
	if err := p.keyword("obj"); err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", num, err)
	}
	p.skipSpace()
	from := p.pos
	typ, length, err := p.scanValue()
	if err != nil {
		return nil, nil, fmt.Errorf("object %d: %w", num, err)
	}
	end := p.pos
	p.skipSpace()
	if bytes.HasPrefix(d.Data[p.pos:], []byte("stream")) {
		n, ok := IntValue(d.ResolveOr(length))
		start := p.pos + len("stream")
		if bytes.HasPrefix(d.Data[start:], []byte("\r\n")) {
			start += 2
		} else if start < len(d.Data) && d.Data[start] == '\n' {
			start++
		}
		if !ok || n < 0 || n > len(d.Data)-start {
			return nil, nil, fmt.Errorf("object %d: bad stream /Length", num)
		}
		p.pos = start + n
		p.skipSpace()
		if err := p.keyword("endstream"); err != nil {
			return nil, nil, fmt.Errorf("object %d: %w", num, err)
		}
		end = p.pos
	}
	return d.Data[from:end], typ, nil
}
