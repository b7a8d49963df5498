package pdf

import (
	"bytes"
	"errors"
	"fmt"
)

// Document is a PDF opened through its cross-reference sections (classic tables or
// cross-reference streams, with every incremental update's /Prev followed): enough to
// find the catalog, the pages and any object they refer to, also inside object streams.
type Document struct {
	Data      []byte            // the whole file
	Trailer   *Dict             // trailer of the newest revision (a cross-reference stream's dictionary)
	StartXRef int               // offset of the newest xref section
	offsets   map[int]XRefEntry // newest revision wins
	// values caches parsed objects by number, so a hostile file that refers to one huge
	// object many times costs one parse, not one per reference.
	values map[int]any
	stms   map[int]objStm // decoded object streams by number
}

// XRefEntry is one row of a cross-reference section: where an object is and whether it
// is in use.
type XRefEntry struct {
	Offset, Gen int
	InUse       bool
	Stm, Idx    int // for an object in an object stream: the stream's number (not 0) and the index in it
}

// errXRefStream explains the one kind of PDF this package deliberately does not read.
var errXRefStream = errors.New("the PDF is a hybrid-reference file (/XRefStm); only classic xref tables or cross-reference streams are supported")

// Open opens the newest revision of data, the one its last startxref names.
func Open(data []byte) (*Document, error) {
	start, err := LastStartXRef(data)
	if err != nil {
		return nil, err
	}
	return OpenAt(data, start)
}

// OpenAt opens the revision of data whose newest xref section is at start.
func OpenAt(data []byte, start int) (*Document, error) {
	d := &Document{Data: data, offsets: map[int]XRefEntry{}, StartXRef: start}
	seen := map[int]bool{}
	for off := start; ; {
		if seen[off] {
			return nil, fmt.Errorf("cross-reference sections loop at offset %d", off)
		}
		seen[off] = true
		entries, trailer, err := ReadXRefSection(data, off)
		if err != nil {
			return nil, err
		}
		if _, hybrid := trailer.Get("XRefStm"); hybrid {
			return nil, errXRefStream
		}
		for num, e := range entries {
			if _, newer := d.offsets[num]; !newer {
				d.offsets[num] = e
			}
		}
		if d.Trailer == nil {
			d.Trailer = trailer
		}
		prev, ok := trailer.Get("Prev")
		if !ok {
			break
		}
		if off, ok = IntValue(prev); !ok {
			return nil, fmt.Errorf("trailer /Prev is not an offset: %v", prev)
		}
	}
	if _, enc := d.Trailer.Get("Encrypt"); enc {
		return nil, errors.New("encrypted PDFs are not supported")
	}
	return d, nil
}

// LastStartXRef returns the offset named by the last "startxref" in data.
func LastStartXRef(data []byte) (int, error) {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return 0, errors.New("not a PDF: no startxref")
	}
	p := &parser{b: data, pos: i + len("startxref")}
	off, err := p.integer()
	if err != nil {
		return 0, fmt.Errorf("startxref: %w", err)
	}
	return off, nil
}

// ReadXRefSection parses one classic "xref … trailer <<…>>" section at off. Entries are
// read as tokens rather than fixed 20-byte records, which tolerates writers that get the
// end-of-line wrong.
func ReadXRefSection(data []byte, off int) (map[int]XRefEntry, *Dict, error) {
	if off < 0 || off >= len(data) {
		return nil, nil, fmt.Errorf("xref offset %d outside the file", off)
	}
	p := &parser{b: data, pos: off}
	if err := p.keyword("xref"); err != nil {
		if _, _, objErr := IndirectObject(data, off); objErr == nil {
			return readXRefStream(data, off)
		}
		return nil, nil, fmt.Errorf("no xref table at offset %d: %w", off, err)
	}
	entries := map[int]XRefEntry{}
	for {
		p.skipSpace()
		if p.pos < len(data) && data[p.pos] == 't' {
			if err := p.keyword("trailer"); err != nil {
				return nil, nil, err
			}
			break
		}
		first, err := p.integer()
		if err != nil {
			return nil, nil, fmt.Errorf("xref subsection: %w", err)
		}
		count, err := p.integer()
		if err != nil {
			return nil, nil, fmt.Errorf("xref subsection: %w", err)
		}
		if count > len(data)/18 {
			return nil, nil, fmt.Errorf("xref subsection claims %d entries, more than the file can hold", count)
		}
		for i := range count {
			offset, err := p.integer()
			if err != nil {
				return nil, nil, fmt.Errorf("xref entry: %w", err)
			}
			gen, err := p.integer()
			if err != nil {
				return nil, nil, fmt.Errorf("xref entry: %w", err)
			}
			p.skipSpace()
			if p.pos >= len(data) || (data[p.pos] != 'n' && data[p.pos] != 'f') {
				return nil, nil, p.errorf("xref entry type n or f expected")
			}
			entries[first+i] = XRefEntry{Offset: offset, Gen: gen, InUse: data[p.pos] == 'n'}
			p.pos++
		}
	}
	v, err := p.value(0)
	if err != nil {
		return nil, nil, fmt.Errorf("trailer: %w", err)
	}
	trailer, ok := v.(*Dict)
	if !ok {
		return nil, nil, errors.New("trailer is not a dictionary")
	}
	return entries, trailer, nil
}

// Object returns the value of indirect object ref.
func (d *Document) Object(ref Ref) (any, error) {
	e, ok := d.offsets[ref.Num]
	if !ok || !e.InUse || e.Gen != ref.Gen {
		return nil, fmt.Errorf("object %d %d is not in the cross-reference table", ref.Num, ref.Gen)
	}
	if v, ok := d.values[ref.Num]; ok {
		return v, nil
	}
	if e.Stm != 0 {
		v, _, err := d.compressedObject(ref.Num, e)
		if err != nil {
			return nil, err
		}
		d.cache(ref.Num, v)
		return v, nil
	}
	got, v, err := IndirectObject(d.Data, e.Offset)
	if err != nil {
		return nil, fmt.Errorf("object %d %d: %w", ref.Num, ref.Gen, err)
	}
	if got != ref {
		return nil, fmt.Errorf("xref points object %d %d at object %d %d", ref.Num, ref.Gen, got.Num, got.Gen)
	}
	d.cache(ref.Num, v)
	return v, nil
}

func (d *Document) cache(num int, v any) {
	if d.values == nil {
		d.values = map[int]any{}
	}
	d.values[num] = v
}

// Resolve follows v when it is a reference.
func (d *Document) Resolve(v any) (any, error) {
	if ref, ok := v.(Ref); ok {
		return d.Object(ref)
	}
	return v, nil
}

// DictAt resolves v and insists on a dictionary.
func (d *Document) DictAt(v any, what string) (*Dict, error) {
	r, err := d.Resolve(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	dict, ok := r.(*Dict)
	if !ok {
		return nil, fmt.Errorf("%s is not a dictionary", what)
	}
	return dict, nil
}

// ResolveOr resolves v, or returns nil when it cannot be read.
func (d *Document) ResolveOr(v any) any {
	r, err := d.Resolve(v)
	if err != nil {
		return nil
	}
	return r
}

// ResolveDict resolves v to a dictionary, or nil.
func (d *Document) ResolveDict(v any) *Dict {
	dict, _ := d.ResolveOr(v).(*Dict)
	return dict
}

// FirstPage walks the page tree from the catalog down the first kid of each node.
func (d *Document) FirstPage(catalog *Dict) (Ref, *Dict, error) {
	node, ok := catalog.Get("Pages")
	if !ok {
		return Ref{}, nil, errors.New("catalog has no /Pages")
	}
	for range MaxDepth {
		ref, ok := node.(Ref)
		if !ok {
			return Ref{}, nil, errors.New("page tree node is not an indirect object")
		}
		dict, err := d.DictAt(ref, "page tree node")
		if err != nil {
			return Ref{}, nil, err
		}
		if t, _ := dict.Get("Type"); t == Name("Page") {
			return ref, dict, nil
		}
		kids, err := d.Resolve(Lookup(dict, "Kids"))
		if err != nil {
			return Ref{}, nil, err
		}
		arr, ok := kids.(Array)
		if !ok || len(arr) == 0 {
			return Ref{}, nil, errors.New("the PDF has no pages")
		}
		node = arr[0]
	}
	return Ref{}, nil, errors.New("page tree too deep")
}

// Lookup returns the value of key, or nil when it is absent (PDF treats both alike).
func Lookup(d *Dict, key Name) any {
	if d == nil {
		return nil
	}
	v, _ := d.Get(key)
	return v
}

// IntValue returns v as an int when it is an integer number.
func IntValue(v any) (int, bool) {
	switch n := v.(type) {
	case Number:
		return n.Int()
	case int:
		return n, true
	}
	return 0, false
}
