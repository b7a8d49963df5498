package sign

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
)

// maxEmbedded bounds the size of an embedded file read back, so a hostile PDF cannot make
// a verifier inflate gigabytes.
const maxEmbedded = 64 << 20

// EmbeddedFile returns the content of the document-level attached file with the given
// name (the /EmbeddedFiles name tree of the catalog), so that a verifier can read back
// the manifest a pack carries.
func EmbeddedFile(pdf []byte, name string) ([]byte, error) {
	d, err := openDocument(pdf)
	if err != nil {
		return nil, err
	}
	catalog, err := d.dictAt(lookup(d.trailer, "Root"), "catalog")
	if err != nil {
		return nil, err
	}
	names, err := d.dictAt(lookup(catalog, "Names"), "catalog /Names")
	if err != nil {
		return nil, fmt.Errorf("the PDF has no attached files")
	}
	tree, err := d.dictAt(lookup(names, "EmbeddedFiles"), "/EmbeddedFiles")
	if err != nil {
		return nil, fmt.Errorf("the PDF has no attached files")
	}
	spec, err := d.findName(tree, name, map[pdfRef]bool{}, 0)
	if err != nil {
		return nil, err
	}
	fs, err := d.dictAt(spec, "file specification")
	if err != nil {
		return nil, err
	}
	ef, err := d.dictAt(lookup(fs, "EF"), "file specification /EF")
	if err != nil {
		return nil, err
	}
	ref, ok := lookup(ef, "F").(pdfRef)
	if !ok {
		return nil, errors.New("embedded file stream is not an indirect object")
	}
	return d.stream(ref)
}

// findName finds, in a name tree of file specifications, the one whose file name (/UF,
// else /F) is name. The tree's keys are not file names: fpdf, like many writers, keys
// the tree by sequence numbers. Every node is visited once (seen), so a hostile tree that
// lists a node twice, or itself, costs no more than a tree without repeats.
func (d *document) findName(node *pdfDict, name string, seen map[pdfRef]bool, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("name tree too deep")
	}
	if arr, ok := lookup(node, "Names").(pdfArray); ok {
		for i := 0; i+1 < len(arr); i += 2 {
			spec, err := d.dictAt(arr[i+1], "file specification")
			if err != nil {
				continue
			}
			for _, key := range []pdfName{"UF", "F"} {
				if s, ok := lookup(spec, key).(pdfString); ok && decodeTextString(s) == name {
					return arr[i+1], nil
				}
			}
		}
	}
	kids, err := d.resolve(lookup(node, "Kids"))
	if err != nil {
		return nil, err
	}
	if arr, ok := kids.(pdfArray); ok {
		for _, k := range arr {
			if ref, ok := k.(pdfRef); ok {
				if seen[ref] {
					continue
				}
				seen[ref] = true
			}
			kid, err := d.dictAt(k, "name tree node")
			if err != nil {
				return nil, err
			}
			if v, err := d.findName(kid, name, seen, depth+1); err == nil {
				return v, nil
			}
		}
	}
	return nil, fmt.Errorf("the PDF has no attached file named %q", name)
}

// decodeTextString decodes a PDF text string: UTF-16BE with a byte-order mark, else bytes.
func decodeTextString(s pdfString) string {
	if len(s) < 2 || s[0] != 0xFE || s[1] != 0xFF {
		return string(s)
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 2; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// stream returns the decoded data of a stream object (no filter or FlateDecode).
func (d *document) stream(ref pdfRef) ([]byte, error) {
	e, ok := d.offsets[ref.Num]
	if !ok || !e.inUse || e.stm != 0 {
		return nil, fmt.Errorf("object %d %d is not a stream in the cross-reference table", ref.Num, ref.Gen)
	}
	p := &parser{b: d.data, pos: e.offset}
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
	dict, ok := v.(*pdfDict)
	if !ok {
		return nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	p.skipSpace()
	if !bytes.HasPrefix(d.data[p.pos:], []byte("stream")) {
		return nil, fmt.Errorf("object %d is not a stream", ref.Num)
	}
	start := p.pos + len("stream")
	if bytes.HasPrefix(d.data[start:], []byte("\r\n")) {
		start += 2
	} else if start < len(d.data) && d.data[start] == '\n' {
		start++
	}
	lv, err := d.resolve(lookup(dict, "Length"))
	if err != nil {
		return nil, err
	}
	n, ok := intValue(lv)
	if !ok || n < 0 || start > len(d.data) || n > len(d.data)-start {
		return nil, fmt.Errorf("object %d: bad stream /Length", ref.Num)
	}
	raw := d.data[start : start+n]
	switch f := lookup(dict, "Filter"); f {
	case nil:
		return raw, nil
	case pdfName("FlateDecode"):
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", ref.Num, err)
		}
		out, err := io.ReadAll(io.LimitReader(zr, maxEmbedded+1))
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", ref.Num, err)
		}
		if len(out) > maxEmbedded {
			return nil, fmt.Errorf("object %d: embedded file larger than %d bytes", ref.Num, maxEmbedded)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("object %d: unsupported stream filter %v", ref.Num, f)
	}
}
