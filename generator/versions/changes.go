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
	compareRisks(c, old, cur)
	compareActions(c, old, cur)
	return c
}

// changes counts the changes a comparison lists.
func changes(c *site.Comparison) int {
	return len(c.Added) + len(c.Removed) + len(c.Changed) + len(c.SoA) + len(c.RisksAdded) + len(c.RisksRemoved) +
		len(c.RiskLevels) + len(c.ActionsAdded) + len(c.ActionsRemoved) + len(c.ActionStatus)
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
	for _, r := range s.Risks {
		mark("risk", r.ID, r.Class)
	}
	for _, a := range s.Actions {
		mark("action", a.ID, a.Class)
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
	for _, r := range s.Risks {
		if !hidden["risk\x00"+r.ID] {
			out.Risks = append(out.Risks, r)
		}
	}
	for _, a := range s.Actions {
		if !hidden["action\x00"+a.ID] {
			out.Actions = append(out.Actions, a)
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

// compareRisks lists risks added and removed, and risks whose inherent or residual
// level changed.
func compareRisks(c *site.Comparison, old *side, cur side) {
	before := map[string]snapRisk{}
	for _, r := range old.snap.Risks {
		before[r.ID] = r
	}
	seen := map[string]bool{}
	ref := func(r snapRisk, root string) site.RiskRef {
		return site.RiskRef{ID: r.ID, Title: r.Title, Inherent: r.Inherent, Residual: r.Residual, Band: r.Band, Path: root + r.Page}
	}
	for _, r := range cur.snap.Risks {
		seen[r.ID] = true
		o, ok := before[r.ID]
		switch {
		case !ok:
			c.RisksAdded = append(c.RisksAdded, ref(r, cur.root))
			raise(c, r.Class)
		case o.Inherent != r.Inherent || o.Residual != r.Residual:
			raise(c, o.Class)
			raise(c, r.Class)
			c.RiskLevels = append(c.RiskLevels, site.RiskChange{ID: r.ID, Title: r.Title,
				OldInherent: o.Inherent, NewInherent: r.Inherent, OldResidual: o.Residual, NewResidual: r.Residual,
				OldBand: o.Band, NewBand: r.Band, Path: cur.root + r.Page})
		}
	}
	for _, r := range old.snap.Risks {
		if !seen[r.ID] {
			c.RisksRemoved = append(c.RisksRemoved, ref(r, old.root))
			raise(c, r.Class)
		}
	}
}

// compareActions lists treatment actions added and removed, and those whose status
// changed.
func compareActions(c *site.Comparison, old *side, cur side) {
	before := map[string]snapAction{}
	for _, a := range old.snap.Actions {
		before[a.ID] = a
	}
	seen := map[string]bool{}
	for _, a := range cur.snap.Actions {
		seen[a.ID] = true
		o, ok := before[a.ID]
		switch {
		case !ok:
			c.ActionsAdded = append(c.ActionsAdded, site.ActionRef{ID: a.ID, Title: a.Title, Status: a.Status, Path: cur.root + a.Page})
			raise(c, a.Class)
		case o.Status != a.Status:
			raise(c, o.Class)
			raise(c, a.Class)
			c.ActionStatus = append(c.ActionStatus, site.ActionChange{ID: a.ID, Title: a.Title, OldStatus: o.Status, NewStatus: a.Status, Path: cur.root + a.Page})
		}
	}
	for _, a := range old.snap.Actions {
		if !seen[a.ID] {
			c.ActionsRemoved = append(c.ActionsRemoved, site.ActionRef{ID: a.ID, Title: a.Title, Status: a.Status, Path: old.root + a.Page})
			raise(c, a.Class)
		}
	}
}
