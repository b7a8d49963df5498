package sign

import (
	"bytes"
	"errors"
	"fmt"
)

// document is a PDF opened through its cross-reference tables: enough to find the
// catalog, the first page and any object they refer to.
type document struct {
	data      []byte
	offsets   map[int]xrefEntry // newest revision wins
	trailer   *pdfDict          // trailer of the newest revision
	startxref int               // offset of the newest xref section
	// values caches parsed objects by number, so a hostile file that refers to one huge
	// object many times costs one parse, not one per reference.
	values map[int]any
	stms   map[int]objStm // decoded object streams by number
}

type xrefEntry struct {
	offset, gen int
	inUse       bool
	stm, idx    int // for an object in an object stream: the stream's number (not 0) and the index in it
}

// errXRefStream explains the one kind of PDF this package deliberately does not read.
var errXRefStream = errors.New("the PDF is a hybrid-reference file (/XRefStm); only classic xref tables or cross-reference streams are supported")

func openDocument(data []byte) (*document, error) {
	start, err := lastStartXRef(data)
	if err != nil {
		return nil, err
	}
	return openAt(data, start)
}

// openAt opens the revision of data whose newest xref section is at start.
func openAt(data []byte, start int) (*document, error) {
	d := &document{data: data, offsets: map[int]xrefEntry{}, startxref: start}
	seen := map[int]bool{}
	for off := start; ; {
		if seen[off] {
			return nil, fmt.Errorf("cross-reference sections loop at offset %d", off)
		}
		seen[off] = true
		entries, trailer, err := readXRefSection(data, off)
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
		if d.trailer == nil {
			d.trailer = trailer
		}
		prev, ok := trailer.Get("Prev")
		if !ok {
			break
		}
		if off, ok = intValue(prev); !ok {
			return nil, fmt.Errorf("trailer /Prev is not an offset: %v", prev)
		}
	}
	if _, enc := d.trailer.Get("Encrypt"); enc {
		return nil, errors.New("encrypted PDFs are not supported")
	}
	return d, nil
}

// lastStartXRef returns the offset named by the last "startxref" in data.
func lastStartXRef(data []byte) (int, error) {
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

// readXRefSection parses one classic "xref … trailer <<…>>" section at off. Entries are
// read as tokens rather than fixed 20-byte records, which tolerates writers that get the
// end-of-line wrong.
func readXRefSection(data []byte, off int) (map[int]xrefEntry, *pdfDict, error) {
	if off < 0 || off >= len(data) {
		return nil, nil, fmt.Errorf("xref offset %d outside the file", off)
	}
	p := &parser{b: data, pos: off}
	if err := p.keyword("xref"); err != nil {
		if _, _, objErr := indirectObject(data, off); objErr == nil {
			return readXRefStream(data, off)
		}
		return nil, nil, fmt.Errorf("no xref table at offset %d: %w", off, err)
	}
	entries := map[int]xrefEntry{}
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
			entries[first+i] = xrefEntry{offset: offset, gen: gen, inUse: data[p.pos] == 'n'}
			p.pos++
		}
	}
	v, err := p.value(0)
	if err != nil {
		return nil, nil, fmt.Errorf("trailer: %w", err)
	}
	trailer, ok := v.(*pdfDict)
	if !ok {
		return nil, nil, errors.New("trailer is not a dictionary")
	}
	return entries, trailer, nil
}

// object returns the value of indirect object ref.
func (d *document) object(ref pdfRef) (any, error) {
	e, ok := d.offsets[ref.Num]
	if !ok || !e.inUse || e.gen != ref.Gen {
		return nil, fmt.Errorf("object %d %d is not in the cross-reference table", ref.Num, ref.Gen)
	}
	if v, ok := d.values[ref.Num]; ok {
		return v, nil
	}
	if e.stm != 0 {
		v, _, err := d.compressedObject(ref.Num, e)
		if err != nil {
			return nil, err
		}
		d.cache(ref.Num, v)
		return v, nil
	}
	got, v, err := indirectObject(d.data, e.offset)
	if err != nil {
		return nil, fmt.Errorf("object %d %d: %w", ref.Num, ref.Gen, err)
	}
	if got != ref {
		return nil, fmt.Errorf("xref points object %d %d at object %d %d", ref.Num, ref.Gen, got.Num, got.Gen)
	}
	d.cache(ref.Num, v)
	return v, nil
}

func (d *document) cache(num int, v any) {
	if d.values == nil {
		d.values = map[int]any{}
	}
	d.values[num] = v
}

// resolve follows v when it is a reference.
func (d *document) resolve(v any) (any, error) {
	if ref, ok := v.(pdfRef); ok {
		return d.object(ref)
	}
	return v, nil
}

// dictAt resolves v and insists on a dictionary.
func (d *document) dictAt(v any, what string) (*pdfDict, error) {
	r, err := d.resolve(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	dict, ok := r.(*pdfDict)
	if !ok {
		return nil, fmt.Errorf("%s is not a dictionary", what)
	}
	return dict, nil
}

// firstPage walks the page tree from the catalog down the first kid of each node.
func (d *document) firstPage(catalog *pdfDict) (pdfRef, *pdfDict, error) {
	node, ok := catalog.Get("Pages")
	if !ok {
		return pdfRef{}, nil, errors.New("catalog has no /Pages")
	}
	for range maxDepth {
		ref, ok := node.(pdfRef)
		if !ok {
			return pdfRef{}, nil, errors.New("page tree node is not an indirect object")
		}
		dict, err := d.dictAt(ref, "page tree node")
		if err != nil {
			return pdfRef{}, nil, err
		}
		if t, _ := dict.Get("Type"); t == pdfName("Page") {
			return ref, dict, nil
		}
		kids, err := d.resolve(lookup(dict, "Kids"))
		if err != nil {
			return pdfRef{}, nil, err
		}
		arr, ok := kids.(pdfArray)
		if !ok || len(arr) == 0 {
			return pdfRef{}, nil, errors.New("the PDF has no pages")
		}
		node = arr[0]
	}
	return pdfRef{}, nil, errors.New("page tree too deep")
}

// lookup returns the value of key, or nil when it is absent (PDF treats both alike).
func lookup(d *pdfDict, key pdfName) any {
	if d == nil {
		return nil
	}
	v, _ := d.Get(key)
	return v
}

// intValue returns v as an int when it is an integer number.
func intValue(v any) (int, bool) {
	switch n := v.(type) {
	case pdfNumber:
		return n.Int()
	case int:
		return n, true
	}
	return 0, false
}
