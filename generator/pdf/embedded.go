package pdf

import (
	"errors"
	"fmt"
)

// maxEmbedded bounds the size of an embedded file read back, so a hostile PDF cannot make
// a verifier inflate gigabytes.
const maxEmbedded = 64 << 20

// AttachedFile returns the content of the document-level attached file with the given
// name (the /EmbeddedFiles name tree of the catalog, as Attach writes it), so that a
// verifier can read back the manifest a pack carries.
func AttachedFile(file []byte, name string) ([]byte, error) {
	d, err := Open(file)
	if err != nil {
		return nil, err
	}
	catalog, err := d.DictAt(Lookup(d.Trailer, "Root"), "catalog")
	if err != nil {
		return nil, err
	}
	names, err := d.DictAt(Lookup(catalog, "Names"), "catalog /Names")
	if err != nil {
		return nil, fmt.Errorf("the PDF has no attached files")
	}
	tree, err := d.DictAt(Lookup(names, "EmbeddedFiles"), "/EmbeddedFiles")
	if err != nil {
		return nil, fmt.Errorf("the PDF has no attached files")
	}
	spec, err := findName(d, tree, name, map[Ref]bool{}, 0)
	if err != nil {
		return nil, err
	}
	fs, err := d.DictAt(spec, "file specification")
	if err != nil {
		return nil, err
	}
	ef, err := d.DictAt(Lookup(fs, "EF"), "file specification /EF")
	if err != nil {
		return nil, err
	}
	ref, ok := Lookup(ef, "F").(Ref)
	if !ok {
		return nil, errors.New("embedded file stream is not an indirect object")
	}
	return d.StreamData(ref, maxEmbedded)
}

// findName finds, in a name tree of file specifications, the one whose file name (/UF,
// else /F) is name. The tree's keys are not file names: fpdf, like many writers, keys
// the tree by sequence numbers. Every node is visited once (seen), so a hostile tree that
// lists a node twice, or itself, costs no more than a tree without repeats.
func findName(d *Document, node *Dict, name string, seen map[Ref]bool, depth int) (any, error) {
	if depth > MaxDepth {
		return nil, errors.New("name tree too deep")
	}
	if arr, ok := Lookup(node, "Names").(Array); ok {
		for i := 0; i+1 < len(arr); i += 2 {
			spec, err := d.DictAt(arr[i+1], "file specification")
			if err != nil {
				continue
			}
			for _, key := range []Name{"UF", "F"} {
				if s, ok := Lookup(spec, key).(String); ok && DecodeText(s) == name {
					return arr[i+1], nil
				}
			}
		}
	}
	kids, err := d.Resolve(Lookup(node, "Kids"))
	if err != nil {
		return nil, err
	}
	if arr, ok := kids.(Array); ok {
		for _, k := range arr {
			if ref, ok := k.(Ref); ok {
				if seen[ref] {
					continue
				}
				seen[ref] = true
			}
			kid, err := d.DictAt(k, "name tree node")
			if err != nil {
				return nil, err
			}
			if v, err := findName(d, kid, name, seen, depth+1); err == nil {
				return v, nil
			}
		}
	}
	return nil, fmt.Errorf("the PDF has no attached file named %q", name)
}
