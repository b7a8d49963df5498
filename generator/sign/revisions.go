package sign

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/ismsgen/ismsgen/generator/pdf"
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
func laterRevisions(file []byte, doc *pdf.Document, signedLen int) ([]*Revision, error) {
	if doc == nil {
		return nil, errors.New("the cross-reference table after the signed revision cannot be read")
	}
	base, err := pdf.LastStartXRef(file[:signedLen])
	if err != nil {
		return nil, fmt.Errorf("the signed revision: %w", err)
	}
	var chain []int // newest first
	for off := doc.StartXRef; off != base; {
		if off < signedLen {
			return nil, fmt.Errorf("the cross-reference section at byte %d is neither the signed revision's nor after it", off)
		}
		chain = append(chain, off)
		_, trailer, err := pdf.ReadXRefSection(file, off)
		if err != nil {
			return nil, err
		}
		prev, ok := pdf.IntValue(pdf.Lookup(trailer, "Prev"))
		if !ok {
			return nil, fmt.Errorf("the update with its cross-reference section at byte %d does not continue the signed revision (no /Prev)", off)
		}
		off = prev
	}
	slices.Reverse(chain)
	before, err := pdf.OpenAt(file, base)
	if err != nil {
		return nil, fmt.Errorf("the signed revision: %w", err)
	}
	var out []*Revision
	start := signedLen
	for i, off := range chain {
		entries, trailer, err := pdf.ReadXRefSection(file, off)
		if err != nil {
			return nil, err
		}
		after := before.Updated(off, entries, trailer)
		r := &Revision{Number: i + 2, Start: start, End: pdf.RevisionEnd(file, off)}
		compareRevision(r, before, after, entries)
		out = append(out, r)
		before, start = after, r.End
	}
	return out, nil
}

// compareRevision records in r every change from before to after that PAdES does not
// allow after a signature.
func compareRevision(r *Revision, before, after *pdf.Document, entries map[int]pdf.XRefEntry) {
	oldRoot, _ := pdf.Lookup(before.Trailer, "Root").(pdf.Ref)
	newRoot, _ := pdf.Lookup(after.Trailer, "Root").(pdf.Ref)
	if oldRoot != newRoot {
		r.change("replaces the document catalog")
		return
	}
	pages := before.PageNumbers()
	formRef, _ := pdf.Lookup(before.ResolveDict(oldRoot), "AcroForm").(pdf.Ref)
	added := map[int]bool{}
	for num, e := range entries {
		if old, ok := before.Entry(num); !ok || !old.InUse {
			added[num] = e.InUse
		}
	}
	for _, num := range slices.Sorted(maps.Keys(entries)) {
		e := entries[num]
		old, existed := before.Entry(num)
		if !existed || !old.InUse {
			continue
		}
		what := describeObject(before, num, pages)
		if !e.InUse {
			r.change("deletes %s", what)
			continue
		}
		a, errA := before.RawObject(num)
		b, errB := after.RawObject(num)
		if errA == nil && errB == nil && bytes.Equal(a, b) {
			continue
		}
		ref := pdf.Ref{Num: num, Gen: old.Gen}
		switch {
		case num == oldRoot.Num:
			compareCatalog(r, before, after, ref, added)
		case num == formRef.Num && formRef.Num != 0:
			compareForm(r, before.ResolveOr(ref), after.ResolveOr(ref), after, added)
		case pages[num] > 0:
			comparePage(r, before, after, ref, added, what)
		default:
			r.change("changes %s", what)
		}
	}
}

// compareCatalog allows the catalog to gain or change /DSS and to gain signature fields.
func compareCatalog(r *Revision, before, after *pdf.Document, ref pdf.Ref, added map[int]bool) {
	oldCat, newCat := before.ResolveDict(ref), after.ResolveDict(ref)
	if oldCat == nil || newCat == nil {
		r.change("makes the document catalog unreadable")
		return
	}
	for _, key := range unionKeys(oldCat, newCat) {
		switch key {
		case "DSS":
			if !pdf.SameValue(pdf.Lookup(oldCat, key), pdf.Lookup(newCat, key)) {
				r.DSS = true
			}
		case "AcroForm":
			if o, ok := pdf.Lookup(oldCat, key).(pdf.Ref); ok && pdf.SameValue(o, pdf.Lookup(newCat, key)) {
				continue // the same form object: compared as an object of its own
			}
			compareForm(r, before.ResolveOr(pdf.Lookup(oldCat, key)), after.ResolveOr(pdf.Lookup(newCat, key)), after, added)
		default:
			if !pdf.SameValue(pdf.Lookup(oldCat, key), pdf.Lookup(newCat, key)) {
				r.change("changes the document catalog's /%s", key)
			}
		}
	}
}

// compareForm allows the form to gain invisible signature fields; /SigFlags may change.
func compareForm(r *Revision, oldForm, newForm any, after *pdf.Document, added map[int]bool) {
	o, _ := oldForm.(*pdf.Dict)
	n, _ := newForm.(*pdf.Dict)
	if n == nil {
		if o != nil {
			r.change("removes the form (/AcroForm)")
		}
		return
	}
	if o == nil {
		o = &pdf.Dict{}
	}
	for _, key := range unionKeys(o, n) {
		switch key {
		case "SigFlags":
		case "Fields":
			oldFields, _ := after.ResolveOr(pdf.Lookup(o, key)).(pdf.Array)
			newFields, _ := after.ResolveOr(pdf.Lookup(n, key)).(pdf.Array)
			for _, f := range oldFields {
				if !slices.ContainsFunc(newFields, func(g any) bool { return pdf.SameValue(f, g) }) {
					r.change("removes a form field")
				}
			}
			for _, f := range newFields {
				if slices.ContainsFunc(oldFields, func(g any) bool { return pdf.SameValue(f, g) }) {
					continue
				}
				if msg := invisibleSignatureField(after, f, added); msg != "" {
					r.change("adds a form field that %s", msg)
				}
			}
		default:
			if !pdf.SameValue(pdf.Lookup(o, key), pdf.Lookup(n, key)) {
				r.change("changes the form's /%s", key)
			}
		}
	}
}

// comparePage allows a page only to gain the widgets of new invisible signature fields.
func comparePage(r *Revision, before, after *pdf.Document, ref pdf.Ref, added map[int]bool, what string) {
	o, n := before.ResolveDict(ref), after.ResolveDict(ref)
	if o == nil || n == nil {
		r.change("changes %s", what)
		return
	}
	for _, key := range unionKeys(o, n) {
		if key != "Annots" {
			if !pdf.SameValue(pdf.Lookup(o, key), pdf.Lookup(n, key)) {
				r.change("changes %s (/%s)", what, key)
			}
			continue
		}
		oldAnnots, _ := before.ResolveOr(pdf.Lookup(o, key)).(pdf.Array)
		newAnnots, _ := after.ResolveOr(pdf.Lookup(n, key)).(pdf.Array)
		for _, a := range oldAnnots {
			if !slices.ContainsFunc(newAnnots, func(b any) bool { return pdf.SameValue(a, b) }) {
				r.change("removes an annotation from %s", what)
			}
		}
		for _, a := range newAnnots {
			if slices.ContainsFunc(oldAnnots, func(b any) bool { return pdf.SameValue(a, b) }) {
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
func invisibleSignatureField(d *pdf.Document, v any, added map[int]bool) string {
	ref, ok := v.(pdf.Ref)
	if !ok || !added[ref.Num] {
		return "is not a new object"
	}
	f := d.ResolveDict(ref)
	if f == nil {
		return "cannot be read"
	}
	ft := pdf.Lookup(f, "FT")
	if parent := d.ResolveDict(pdf.Lookup(f, "Parent")); ft == nil && parent != nil {
		ft = pdf.Lookup(parent, "FT")
	}
	if ft != pdf.Name("Sig") {
		return "is not a signature field"
	}
	if rect, ok := d.ResolveOr(pdf.Lookup(f, "Rect")).(pdf.Array); ok && len(rect) == 4 {
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

// describeObject names object num for a reader of verify's output.
func describeObject(d *pdf.Document, num int, pages map[int]int) string {
	if n := pages[num]; n > 0 {
		return fmt.Sprintf("page %d", n)
	}
	if info, ok := pdf.Lookup(d.Trailer, "Info").(pdf.Ref); ok && info.Num == num {
		return "the document information (title, author, dates)"
	}
	if root, ok := pdf.Lookup(d.Trailer, "Root").(pdf.Ref); ok && root.Num == num {
		return "the document catalog"
	}
	e, _ := d.Entry(num)
	if dict := d.ResolveDict(pdf.Ref{Num: num, Gen: e.Gen}); dict != nil {
		if t, ok := pdf.Lookup(dict, "Type").(pdf.Name); ok {
			return fmt.Sprintf("object %d (/Type /%s)", num, t)
		}
	}
	return fmt.Sprintf("object %d", num)
}

func unionKeys(a, b *pdf.Dict) []pdf.Name {
	seen := map[pdf.Name]bool{}
	var out []pdf.Name
	for _, d := range []*pdf.Dict{a, b} {
		for _, e := range d.Entries() {
			if !seen[e.Key] {
				seen[e.Key] = true
				out = append(out, e.Key)
			}
		}
	}
	return out
}

// number reads an integer or real.
func number(v any) (float64, bool) {
	n, ok := v.(pdf.Number)
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
