package sign

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Revision is one incremental update appended after the organisation's signature.
// PAdES allows two kinds there: a document timestamp and validation data (a /DSS
// dictionary in the catalog), neither of which may change a page, an annotation or a
// form field's content.
type Revision struct {
	Number     int // 2 for the first update after the signed revision, 3 for the next…
	Start, End int // the bytes of the file it occupies
	Timestamp  bool
	DSS        bool     // it adds or changes the catalog's /DSS
	Changes    []string // what it changes that PAdES does not allow after signing
}

// Kind names what the revision is.
func (r *Revision) Kind() string {
	switch {
	case r.Timestamp:
		return "a document timestamp"
	case r.DSS:
		return "validation data (DSS)"
	}
	return "an incremental update"
}

func (r *Revision) change(format string, args ...any) {
	r.Changes = append(r.Changes, fmt.Sprintf(format, args...))
}

// laterRevisions reads the revisions that follow the one ending at signedLen: the
// chain of xref sections from the file's last startxref back to the signed revision's
// must be unbroken, and every object each one re-defines is compared with what it was.
func laterRevisions(pdf []byte, doc *document, signedLen int) ([]*Revision, error) {
	if doc == nil {
		return nil, errors.New("the cross-reference table after the signed revision cannot be read")
	}
	base, err := lastStartXRef(pdf[:signedLen])
	if err != nil {
		return nil, fmt.Errorf("the signed revision: %w", err)
	}
	var chain []int // newest first
	for off := doc.startxref; off != base; {
		if off < signedLen {
			return nil, fmt.Errorf("the cross-reference section at byte %d is neither the signed revision's nor after it", off)
		}
		chain = append(chain, off)
		_, trailer, err := readXRefSection(pdf, off)
		if err != nil {
			return nil, err
		}
		prev, ok := intValue(lookup(trailer, "Prev"))
		if !ok {
			return nil, fmt.Errorf("the update with its cross-reference section at byte %d does not continue the signed revision (no /Prev)", off)
		}
		off = prev
	}
	slices.Reverse(chain)
	before, err := openAt(pdf, base)
	if err != nil {
		return nil, fmt.Errorf("the signed revision: %w", err)
	}
	var out []*Revision
	start := signedLen
	for i, off := range chain {
		entries, trailer, err := readXRefSection(pdf, off)
		if err != nil {
			return nil, err
		}
		after := &document{data: pdf, offsets: maps.Clone(before.offsets), trailer: trailer, startxref: off}
		maps.Copy(after.offsets, entries)
		r := &Revision{Number: i + 2, Start: start, End: revisionEnd(pdf, off)}
		compareRevision(r, before, after, entries)
		out = append(out, r)
		before, start = after, r.End
	}
	return out, nil
}

// revisionEnd is the offset just past the "%%EOF" line that ends the revision whose
// xref section is at off.
func revisionEnd(pdf []byte, off int) int {
	i := bytes.Index(pdf[off:], []byte("%%EOF"))
	if i < 0 {
		return len(pdf)
	}
	end := off + i + len("%%EOF")
	if bytes.HasPrefix(pdf[end:], []byte("\r\n")) {
		return end + 2
	}
	if end < len(pdf) && (pdf[end] == '\n' || pdf[end] == '\r') {
		return end + 1
	}
	return end
}

// compareRevision records in r every change from before to after that PAdES does not
// allow after a signature.
func compareRevision(r *Revision, before, after *document, entries map[int]xrefEntry) {
	oldRoot, _ := lookup(before.trailer, "Root").(pdfRef)
	newRoot, _ := lookup(after.trailer, "Root").(pdfRef)
	if oldRoot != newRoot {
		r.change("replaces the document catalog")
		return
	}
	pages := pageNumbers(before)
	formRef, _ := lookup(mustDict(before, oldRoot), "AcroForm").(pdfRef)
	added := map[int]bool{}
	for num, e := range entries {
		if old, ok := before.offsets[num]; !ok || !old.inUse {
			added[num] = e.inUse
		}
	}
	for _, num := range slices.Sorted(maps.Keys(entries)) {
		e := entries[num]
		old, existed := before.offsets[num]
		if !existed || !old.inUse {
			continue
		}
		what := describeObject(before, num, pages)
		if !e.inUse {
			r.change("deletes %s", what)
			continue
		}
		a, errA := rawObject(before, num)
		b, errB := rawObject(after, num)
		if errA == nil && errB == nil && bytes.Equal(a, b) {
			continue
		}
		ref := pdfRef{Num: num, Gen: old.gen}
		switch {
		case num == oldRoot.Num:
			compareCatalog(r, before, after, ref, added)
		case num == formRef.Num && formRef.Num != 0:
			compareForm(r, before.resolveOr(ref), after.resolveOr(ref), after, added)
		case pages[num] > 0:
			comparePage(r, before, after, ref, added, what)
		default:
			r.change("changes %s", what)
		}
	}
}

// compareCatalog allows the catalog to gain or change /DSS and to gain signature fields.
func compareCatalog(r *Revision, before, after *document, ref pdfRef, added map[int]bool) {
	oldCat, newCat := mustDict(before, ref), mustDict(after, ref)
	if oldCat == nil || newCat == nil {
		r.change("makes the document catalog unreadable")
		return
	}
	for _, key := range unionKeys(oldCat, newCat) {
		switch key {
		case "DSS":
			if !sameValue(lookup(oldCat, key), lookup(newCat, key)) {
				r.DSS = true
			}
		case "AcroForm":
			if o, ok := lookup(oldCat, key).(pdfRef); ok && sameValue(o, lookup(newCat, key)) {
				continue // the same form object: compared as an object of its own
			}
			compareForm(r, before.resolveOr(lookup(oldCat, key)), after.resolveOr(lookup(newCat, key)), after, added)
		default:
			if !sameValue(lookup(oldCat, key), lookup(newCat, key)) {
				r.change("changes the document catalog's /%s", key)
			}
		}
	}
}

// compareForm allows the form to gain invisible signature fields; /SigFlags may change.
func compareForm(r *Revision, oldForm, newForm any, after *document, added map[int]bool) {
	o, _ := oldForm.(*pdfDict)
	n, _ := newForm.(*pdfDict)
	if n == nil {
		if o != nil {
			r.change("removes the form (/AcroForm)")
		}
		return
	}
	if o == nil {
		o = &pdfDict{}
	}
	for _, key := range unionKeys(o, n) {
		switch key {
		case "SigFlags":
		case "Fields":
			oldFields, _ := after.resolveOr(lookup(o, key)).(pdfArray)
			newFields, _ := after.resolveOr(lookup(n, key)).(pdfArray)
			for _, f := range oldFields {
				if !slices.ContainsFunc(newFields, func(g any) bool { return sameValue(f, g) }) {
					r.change("removes a form field")
				}
			}
			for _, f := range newFields {
				if slices.ContainsFunc(oldFields, func(g any) bool { return sameValue(f, g) }) {
					continue
				}
				if msg := invisibleSignatureField(after, f, added); msg != "" {
					r.change("adds a form field that %s", msg)
				}
			}
		default:
			if !sameValue(lookup(o, key), lookup(n, key)) {
				r.change("changes the form's /%s", key)
			}
		}
	}
}

// comparePage allows a page only to gain the widgets of new invisible signature fields.
func comparePage(r *Revision, before, after *document, ref pdfRef, added map[int]bool, what string) {
	o, n := mustDict(before, ref), mustDict(after, ref)
	if o == nil || n == nil {
		r.change("changes %s", what)
		return
	}
	for _, key := range unionKeys(o, n) {
		if key != "Annots" {
			if !sameValue(lookup(o, key), lookup(n, key)) {
				r.change("changes %s (/%s)", what, key)
			}
			continue
		}
		oldAnnots, _ := before.resolveOr(lookup(o, key)).(pdfArray)
		newAnnots, _ := after.resolveOr(lookup(n, key)).(pdfArray)
		for _, a := range oldAnnots {
			if !slices.ContainsFunc(newAnnots, func(b any) bool { return sameValue(a, b) }) {
				r.change("removes an annotation from %s", what)
			}
		}
		for _, a := range newAnnots {
			if slices.ContainsFunc(oldAnnots, func(b any) bool { return sameValue(a, b) }) {
				continue
			}
			if msg := invisibleSignatureField(after, a, added); msg != "" {
				r.change("adds an annotation to %s that %s", what, msg)
			}
		}
	}
}

// invisibleSignatureField returns "" when v refers to an object new in this revision
// that is a signature field or its widget with no area on the page; otherwise what it is.
func invisibleSignatureField(d *document, v any, added map[int]bool) string {
	ref, ok := v.(pdfRef)
	if !ok || !added[ref.Num] {
		return "is not a new object"
	}
	f := mustDict(d, ref)
	if f == nil {
		return "cannot be read"
	}
	ft := lookup(f, "FT")
	if parent := mustDict(d, lookup(f, "Parent")); ft == nil && parent != nil {
		ft = lookup(parent, "FT")
	}
	if ft != pdfName("Sig") {
		return "is not a signature field"
	}
	if rect, ok := d.resolveOr(lookup(f, "Rect")).(pdfArray); ok && len(rect) == 4 {
		x0, _ := number(rect[0])
		y0, _ := number(rect[1])
		x1, _ := number(rect[2])
		y1, _ := number(rect[3])
		if x0 != x1 && y0 != y1 {
			return "is visible on the page"
		}
	}
	return ""
}

// rawObject returns the source of object num after its "obj" keyword: its value and,
// for a stream, the stream's raw data.
func rawObject(d *document, num int) ([]byte, error) {
	e, ok := d.offsets[num]
	if ok && e.inUse && e.stm != 0 {
		_, src, err := d.compressedObject(num, e)
		return src, err
	}
	if !ok || !e.inUse || e.offset < 0 || e.offset >= len(d.data) {
		return nil, fmt.Errorf("object %d is not in the cross-reference table", num)
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
	from := p.pos
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	end := p.pos
	p.skipSpace()
	if dict, ok := v.(*pdfDict); ok && bytes.HasPrefix(d.data[p.pos:], []byte("stream")) {
		n, ok := intValue(d.resolveOr(lookup(dict, "Length")))
		start := p.pos + len("stream")
		if !ok || n < 0 || n > len(d.data)-start {
			return nil, fmt.Errorf("object %d: bad stream /Length", num)
		}
		end = start + n
	}
	return d.data[from:end], nil
}

// pageNumbers numbers the pages of d's page tree, by object number, from 1.
func pageNumbers(d *document) map[int]int {
	out := map[int]int{}
	catalog := mustDict(d, lookup(d.trailer, "Root"))
	if catalog == nil {
		return out
	}
	seen := map[int]bool{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		ref, ok := v.(pdfRef)
		if !ok || seen[ref.Num] || depth > maxDepth || len(seen) > 1_000_000 {
			return
		}
		seen[ref.Num] = true
		node := mustDict(d, ref)
		if node == nil {
			return
		}
		if lookup(node, "Type") == pdfName("Page") {
			out[ref.Num] = len(out) + 1
			return
		}
		kids, _ := d.resolveOr(lookup(node, "Kids")).(pdfArray)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	walk(lookup(catalog, "Pages"), 0)
	return out
}

// describeObject names object num for a reader of verify's output.
func describeObject(d *document, num int, pages map[int]int) string {
	if n := pages[num]; n > 0 {
		return fmt.Sprintf("page %d", n)
	}
	if info, ok := lookup(d.trailer, "Info").(pdfRef); ok && info.Num == num {
		return "the document information (title, author, dates)"
	}
	if root, ok := lookup(d.trailer, "Root").(pdfRef); ok && root.Num == num {
		return "the document catalog"
	}
	if dict := mustDict(d, pdfRef{Num: num, Gen: d.offsets[num].gen}); dict != nil {
		if t, ok := lookup(dict, "Type").(pdfName); ok {
			return fmt.Sprintf("object %d (/Type /%s)", num, t)
		}
	}
	return fmt.Sprintf("object %d", num)
}

// resolveOr resolves v, or returns nil when it cannot be read.
func (d *document) resolveOr(v any) any {
	r, err := d.resolve(v)
	if err != nil {
		return nil
	}
	return r
}

// mustDict resolves v to a dictionary, or nil.
func mustDict(d *document, v any) *pdfDict {
	dict, _ := d.resolveOr(v).(*pdfDict)
	return dict
}

func unionKeys(a, b *pdfDict) []pdfName {
	seen := map[pdfName]bool{}
	var out []pdfName
	for _, d := range []*pdfDict{a, b} {
		for _, e := range d.entries {
			if !seen[e.Key] {
				seen[e.Key] = true
				out = append(out, e.Key)
			}
		}
	}
	return out
}

// sameValue compares two values by their PDF serialisation.
func sameValue(a, b any) bool {
	var x, y bytes.Buffer
	if writeObject(&x, a) != nil || writeObject(&y, b) != nil {
		return false
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}

// number reads an integer or real.
func number(v any) (float64, bool) {
	n, ok := v.(pdfNumber)
	if !ok {
		if i, ok := v.(int); ok {
			return float64(i), true
		}
		return 0, false
	}
	var f float64
	_, err := fmt.Sscan(string(n), &f)
	return f, err == nil
}
