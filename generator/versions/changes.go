package versions

import (
	"sort"

	"github.com/ismsgen/ismsgen/generator/site"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// side is one version of a comparison: its snapshot and where its pages are (the site
// root "" for the current site, versions/<slug>/ for a release).
type side struct {
	v    site.VersionInfo
	snap *snapshot
	root string
}

// compare lists what changed from old to cur. A nil old is the first release: every
// document is "added" and nothing else is listed. What either side classifies above
// limit (the current site's publish.max_classification) is left out of both, and its
// changes only counted. The comparison is labelled with the highest classification of
// what it lists.
func compare(old *side, cur side, limit model.Classification) *site.Comparison {
	all := diff(old, cur)
	if limit == "" {
		return all
	}
	hidden := map[string]bool{}
	cur.snap.above(limit, hidden)
	if old != nil {
		old.snap.above(limit, hidden)
		old = &side{v: old.v, root: old.root, snap: old.snap.without(hidden)}
	}
	cur.snap = cur.snap.without(hidden)
	c := diff(old, cur)
	c.Withheld, c.Limit = changes(all)-changes(c), string(limit)
	return c
}

// diff lists what changed from old to cur.
func diff(old *side, cur side) *site.Comparison {
	c := &site.Comparison{To: cur.v}
	if old == nil {
		for _, d := range cur.snap.Documents {
			c.Added = append(c.Added, docRef(d, cur.root))
			raise(c, d.Class)
		}
		return c
	}
	c.From = &old.v
	compareDocuments(c, old, cur)
	compareSoA(c, old, cur)
	compareRows(c, old, cur)
	return c
}

// changes counts the changes a comparison lists.
func changes(c *site.Comparison) int {
	n := len(c.Added) + len(c.Removed) + len(c.Changed) + len(c.SoA)
	for _, r := range c.Registers {
		n += len(r.Added) + len(r.Removed) + len(r.Changed)
	}
	return n
}

// raise labels a comparison with the classification of something it lists.
func raise(c *site.Comparison, class string) {
	c.Classification = string(model.MaxClassification(model.Classification(c.Classification), model.Classification(class)))
}

// above records in hidden the entries of a snapshot classified above limit, by kind
// and key.
func (s *snapshot) above(limit model.Classification, hidden map[string]bool) {
	mark := func(kind, key, class string) {
		if model.Classification(class).Above(limit) {
			hidden[kind+"\x00"+key] = true
		}
	}
	for _, d := range s.Documents {
		mark("doc", d.Key, d.Class)
	}
	for _, r := range s.SoA {
		mark("soa", r.Control, r.Class)
	}
	for _, r := range s.Rows {
		mark(r.Register, r.ID, r.Class)
	}
}

// without returns the snapshot without the hidden entries.
func (s *snapshot) without(hidden map[string]bool) *snapshot {
	if len(hidden) == 0 {
		return s
	}
	out := &snapshot{}
	for _, d := range s.Documents {
		if !hidden["doc\x00"+d.Key] {
			out.Documents = append(out.Documents, d)
		}
	}
	for _, r := range s.SoA {
		if !hidden["soa\x00"+r.Control] {
			out.SoA = append(out.SoA, r)
		}
	}
	for _, r := range s.Rows {
		if !hidden[r.Register+"\x00"+r.ID] {
			out.Rows = append(out.Rows, r)
		}
	}
	return out
}

func docRef(d snapDoc, root string) site.DocRef {
	return site.DocRef{ID: d.ID, Title: d.Title, Type: d.Type, Version: d.Version, Status: d.Status, Path: root + d.Page}
}

// compareDocuments matches documents by ID (by source path for uncontrolled pages): a
// document that moved to another file is changed, not removed and added. A document
// changed when its source file's bytes did.
func compareDocuments(c *site.Comparison, old *side, cur side) {
	before := map[string]snapDoc{}
	for _, d := range old.snap.Documents {
		before[d.Key] = d
	}
	seen := map[string]bool{}
	for _, d := range cur.snap.Documents {
		seen[d.Key] = true
		o, ok := before[d.Key]
		switch {
		case !ok:
			c.Added = append(c.Added, docRef(d, cur.root))
			raise(c, d.Class)
		case o.Hash != d.Hash:
			raise(c, o.Class)
			raise(c, d.Class)
			c.Changed = append(c.Changed, site.DocChange{
				ID: d.ID, Title: d.Title, OldVersion: o.Version, NewVersion: d.Version,
				Bumped:  resolve.CompareVersions(o.Version, d.Version) != 0,
				OldPath: old.root + o.Page, NewPath: cur.root + d.Page,
				Register: d.Register, Diff: WordDiff(o.Body, d.Body),
			})
		}
	}
	for _, d := range old.snap.Documents {
		if !seen[d.Key] {
			c.Removed = append(c.Removed, docRef(d, old.root))
			raise(c, d.Class)
		}
	}
	byID := func(refs []site.DocRef) {
		sort.SliceStable(refs, func(i, j int) bool { return idLess(refs[i].ID, refs[i].Title, refs[j].ID, refs[j].Title) })
	}
	byID(c.Added)
	byID(c.Removed)
	sort.SliceStable(c.Changed, func(i, j int) bool {
		return idLess(c.Changed[i].ID, c.Changed[i].Title, c.Changed[j].ID, c.Changed[j].Title)
	})
}

// idLess orders by ID in natural order, pages without an ID last by title.
func idLess(a, at, b, bt string) bool {
	if a != b {
		if a == "" || b == "" {
			return b == ""
		}
		return resolve.NaturalLess(a, b)
	}
	return at < bt
}

// compareSoA lists SoA rows added, removed, or changed in applicability, status or
// justification, in catalogue order.
func compareSoA(c *site.Comparison, old *side, cur side) {
	before := map[string]snapSoA{}
	for _, r := range old.snap.SoA {
		before[r.Control] = r
	}
	seen := map[string]bool{}
	for _, r := range cur.snap.SoA {
		seen[r.Control] = true
		o, ok := before[r.Control]
		if !ok {
			raise(c, r.Class)
			c.SoA = append(c.SoA, site.SoAChange{Control: r.Control, Title: r.Title, Added: true, NewPath: cur.root + r.Page,
				Fields: []site.FieldChange{{Field: "applicable", New: r.Applicable}, {Field: "status", New: r.Status}}})
			continue
		}
		var fields []site.FieldChange
		for _, f := range []site.FieldChange{
			{Field: "applicable", Old: o.Applicable, New: r.Applicable},
			{Field: "status", Old: o.Status, New: r.Status},
			{Field: "justification", Old: o.Justification, New: r.Justification},
		} {
			if f.Old != f.New {
				fields = append(fields, f)
			}
		}
		if len(fields) > 0 {
			raise(c, o.Class)
			raise(c, r.Class)
			c.SoA = append(c.SoA, site.SoAChange{Control: r.Control, Title: r.Title, Fields: fields, OldPath: old.root + o.Page, NewPath: cur.root + r.Page})
		}
	}
	for _, r := range old.snap.SoA {
		if !seen[r.Control] {
			raise(c, r.Class)
			c.SoA = append(c.SoA, site.SoAChange{Control: r.Control, Title: r.Title, Removed: true, OldPath: old.root + r.Page})
		}
	}
}

// rowSet is a set of rows "what changed" compares: a register's, or the
// acknowledgement coverage's.
type rowSet struct{ name, section string }

// rowSets are the sets of rows compared, in the order listed: the registers whose rows
// are entities, in the table's order, then the acknowledgement coverage.
func rowSets() []rowSet {
	var out []rowSet
	for _, reg := range model.Registers() {
		out = append(out, rowSet{reg.Name, reg.Section})
	}
	return append(out, rowSet{resolve.AckArtefact, "Acknowledgement coverage"})
}

// compareRows lists, set by set (rowSets), the rows added and removed and the rows
// whose tracked columns changed (model.Register.Tracked; ackTracked).
func compareRows(c *site.Comparison, old *side, cur side) {
	key := func(r snapRow) string { return r.Register + "\x00" + r.ID + "\x00" + r.Of }
	before := map[string]snapRow{}
	for _, r := range old.snap.Rows {
		before[key(r)] = r
	}
	now := map[string]bool{}
	for _, r := range cur.snap.Rows {
		now[key(r)] = true
	}
	for _, reg := range rowSets() {
		ch := site.RegisterChanges{Name: reg.name, Section: reg.section}
		for _, r := range cur.snap.Rows {
			if r.Register != reg.name {
				continue
			}
			o, ok := before[key(r)]
			if !ok {
				ch.Added = append(ch.Added, rowRef(r, cur.root, nil))
				raise(c, r.Class)
				continue
			}
			if fields := changedFields(o.Fields, r.Fields); len(fields) > 0 {
				raise(c, o.Class)
				raise(c, r.Class)
				ch.Changed = append(ch.Changed, rowRef(r, cur.root, fields))
			}
		}
		for _, r := range old.snap.Rows {
			if r.Register == reg.name && !now[key(r)] {
				ch.Removed = append(ch.Removed, rowRef(r, old.root, nil))
				raise(c, r.Class)
			}
		}
		if len(ch.Added)+len(ch.Removed)+len(ch.Changed) > 0 {
			c.Registers = append(c.Registers, ch)
		}
	}
}

// rowRef is a row as "what changed" lists it: with the fields that changed, or (added
// or removed) with its tracked fields' values.
func rowRef(r snapRow, root string, changed []site.FieldChange) site.RowChange {
	out := site.RowChange{ID: r.ID, Title: r.Title, Path: root + r.Page, Fields: changed}
	if changed == nil {
		for _, f := range r.Fields {
			if f.Value != "" {
				out.Fields = append(out.Fields, site.FieldChange{Field: f.Name, New: f.Value})
			}
		}
	}
	return out
}

// changedFields lists the fields whose value differs, in column order.
func changedFields(old, cur []snapCell) []site.FieldChange {
	was := map[string]string{}
	for _, f := range old {
		was[f.Name] = f.Value
	}
	var out []site.FieldChange
	for _, f := range cur {
		if o := was[f.Name]; o != f.Value {
			out = append(out, site.FieldChange{Field: f.Name, Old: o, New: f.Value})
		}
	}
	return out
}
