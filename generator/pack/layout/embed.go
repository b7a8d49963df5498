package layout

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// Embed replaces, in the file fpdf wrote, each face's font objects with the face's own
// subset (only the glyphs drawn, a subset name, a ToUnicode map for every character
// drawn) and, when a face drew at most 255 characters, recodes the page text to its
// one-byte codes. The faces' fonts are found through the object model: the Type0 fonts
// the pages' resources name, whose /BaseFont fpdf names after the face's family (utf8f0,
// utf8f1, …).
func (f *Fonts) Embed(file *pdf.File) error {
	fonts, err := pageFonts(file)
	if err != nil {
		return err
	}
	recode := map[int]func([]byte) []byte{}
	for _, n := range slices.Sorted(maps.Keys(fonts)) {
		d := fonts[n]
		if pdf.Lookup(d, "Subtype") != pdf.Name("Type0") {
			continue
		}
		base, _ := pdf.Lookup(d, "BaseFont").(pdf.Name)
		num, ok := strings.CutPrefix(string(base), "utf8f")
		if !ok {
			continue
		}
		i, err := strconv.Atoi(num)
		if err != nil || i < 0 || i >= len(f.all) {
			return fmt.Errorf("font object %d: unknown family %s", n, base)
		}
		fc := f.all[i]
		if f.digits[fc] {
			fc.use.Encode("0123456789")
		}
		for k, body := range fc.use.Objects(n) {
			file.Set(n+k, body)
		}
		if fn, ok := fc.use.OneByte(); ok {
			recode[n] = fn
		}
	}
	return file.RecodeText(recode)
}

// pageFonts returns the font dictionaries named by the /Font resources of the pages,
// by object number, walking the page tree from the catalog. Each resource dictionary
// is read once (fpdf gives every page the same).
func pageFonts(file *pdf.File) (map[int]*pdf.Dict, error) {
	cat, err := file.Dict(file.Root)
	if err != nil {
		return nil, err
	}
	w := &fontWalk{file: file, fonts: map[int]*pdf.Dict{}, seen: map[int]bool{}}
	return w.fonts, w.node(pdf.Lookup(cat, "Pages"), 0)
}

type fontWalk struct {
	file  *pdf.File
	fonts map[int]*pdf.Dict
	seen  map[int]bool // objects read: page tree nodes, resource and font dictionaries
}

// dict reads the dictionary v is (inline) or refers to, nil when v refers to an
// object already read; with keys, only those entries of an object.
func (w *fontWalk) dict(v any, keys ...pdf.Name) (*pdf.Dict, int, error) {
	switch v := v.(type) {
	case *pdf.Dict:
		return v, 0, nil
	case pdf.Ref:
		if w.seen[v.Num] {
			return nil, v.Num, nil
		}
		w.seen[v.Num] = true
		if keys != nil {
			d, err := w.file.DictEntries(v.Num, keys...)
			return d, v.Num, err
		}
		d, err := w.file.Dict(v.Num)
		return d, v.Num, err
	}
	return nil, 0, nil
}

// node reads a page tree node: the fonts of its resources, then its kids'.
func (w *fontWalk) node(v any, depth int) error {
	if depth > pdf.MaxDepth {
		return fmt.Errorf("pdf: page tree deeper than %d", pdf.MaxDepth)
	}
	d, _, err := w.dict(v, "Kids", "Resources") // not a page's annotations
	if d == nil || err != nil {
		return err
	}
	res, _, err := w.dict(pdf.Lookup(d, "Resources"))
	if err != nil {
		return err
	}
	if res != nil {
		fonts, _, err := w.dict(pdf.Lookup(res, "Font"))
		if err != nil {
			return err
		}
		if fonts != nil {
			for _, e := range fonts.Entries() {
				fd, n, err := w.dict(e.Val)
				if err != nil {
					return err
				}
				if fd != nil && n != 0 {
					w.fonts[n] = fd
				}
			}
		}
	}
	kids, _ := pdf.Lookup(d, "Kids").(pdf.Array)
	for _, k := range kids {
		if err := w.node(k, depth+1); err != nil {
			return err
		}
	}
	return nil
}
