package pdf

import (
	"bytes"
	"maps"
)

// Revisions: every incremental update makes a new revision of the file, whose objects
// are the previous revision's with the update's cross-reference section laid over them.

// Entry returns the cross-reference entry of object num in d's newest revision.
func (d *Document) Entry(num int) (XRefEntry, bool) {
	e, ok := d.offsets[num]
	return e, ok
}

// Updated returns the revision after d that the cross-reference section at off makes,
// given that section's entries and trailer (as ReadXRefSection returns them).
func (d *Document) Updated(off int, entries map[int]XRefEntry, trailer *Dict) *Document {
	after := &Document{Data: d.Data, offsets: maps.Clone(d.offsets), Trailer: trailer, StartXRef: off}
	maps.Copy(after.offsets, entries)
	return after
}

// RevisionEnd is the offset just past the "%%EOF" line that ends the revision whose
// xref section is at off.
func RevisionEnd(data []byte, off int) int {
	i := bytes.Index(data[off:], []byte("%%EOF"))
	if i < 0 {
		return len(data)
	}
	end := off + i + len("%%EOF")
	if bytes.HasPrefix(data[end:], []byte("\r\n")) {
		return end + 2
	}
	if end < len(data) && (data[end] == '\n' || data[end] == '\r') {
		return end + 1
	}
	return end
}

// PageNumbers numbers the pages of d's page tree, by object number, from 1.
func (d *Document) PageNumbers() map[int]int {
	out := map[int]int{}
	catalog := d.ResolveDict(Lookup(d.Trailer, "Root"))
	if catalog == nil {
		return out
	}
	seen := map[int]bool{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		ref, ok := v.(Ref)
		if !ok || seen[ref.Num] || depth > MaxDepth || len(seen) > 1_000_000 {
			return
		}
		seen[ref.Num] = true
		node := d.ResolveDict(ref)
		if node == nil {
			return
		}
		if Lookup(node, "Type") == Name("Page") {
			out[ref.Num] = len(out) + 1
			return
		}
		kids, _ := d.ResolveOr(Lookup(node, "Kids")).(Array)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	walk(Lookup(catalog, "Pages"), 0)
	return out
}
