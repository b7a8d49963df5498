package resolve

import (
	"slices"
	"sort"

	"github.com/ismsgen/ismsgen/generator/model"
)

// Implementation returns what implements a control: the documents its SoA row lists
// followed by the published documents that declare the control in their front matter
// controls:, and the evidence its row lists followed by the evidence records that name
// the control. Both lists are deduplicated and keep that order. A document that merely
// mentions the control in its text ([[A.5.15]]) does not implement it, which is why this
// does not use the control's backlinks.
func (g *Graph) Implementation(controlID string) (docs, evidence []*Entity) {
	// Asked for every control by coverage, the readiness rules, the exports and the
	// site, several times a build: made once per control (the graph does not change
	// once resolved), each caller given its own slices.
	v, ok := g.impl.Load(controlID)
	if !ok {
		d, e := g.implementation(controlID)
		v, _ = g.impl.LoadOrStore(controlID, [2][]*Entity{d, e})
	}
	impl := v.([2][]*Entity)
	return slices.Clone(impl[0]), slices.Clone(impl[1])
}

func (g *Graph) implementation(controlID string) (docs, evidence []*Entity) {
	seen := map[*Entity]bool{}
	add := func(dst *[]*Entity, e *Entity) {
		if e != nil && !seen[e] {
			seen[e] = true
			*dst = append(*dst, e)
		}
	}
	if row, ok := g.SoARow(controlID); ok {
		for _, r := range row.Documents {
			e, _ := g.Lookup(r.ID)
			add(&docs, e)
		}
		for _, r := range row.Evidence {
			e, _ := g.Lookup(r.ID)
			add(&evidence, e)
		}
	}
	for _, e := range g.DeclaringDocuments(controlID) {
		add(&docs, e)
	}
	for _, e := range g.namingEvidence(controlID) {
		add(&evidence, e)
	}
	return docs, evidence
}

// namingEvidence returns the evidence records that name the control in their
// controls:, in definition order.
func (g *Graph) namingEvidence(controlID string) []*Entity {
	return declaring(g, controlID, KindEvidence, func(e *Entity) []model.Ref {
		return e.Evidence.Controls
	})
}

// DeclaringDocuments returns the published, not retired documents that list the control
// in their controls: (a document's front matter, a register's document: block), in
// definition order: documents by path, then registers.
func (g *Graph) DeclaringDocuments(controlID string) []*Entity {
	docs := declaring(g, controlID, KindDocument, func(e *Entity) []model.Ref {
		if e.Doc == nil || e.ID == "" || !e.Published || e.Doc.Meta.Status == model.StatusRetired {
			return nil
		}
		return e.Doc.Meta.Controls
	})
	return append(docs, declaring(g, controlID, KindRegister, func(e *Entity) []model.Ref {
		if e.DocControl == nil || e.DocControl.Status == model.StatusRetired {
			return nil
		}
		return e.DocControl.Controls
	})...)
}

// declaring returns the entities of a kind whose controls (as given by refs) list the
// control, in definition order. It looks only at the control's backlinks (a
// declaration is a link), not at every entity: the readiness rules and exports ask this
// for every control.
func declaring(g *Graph, controlID string, kind Kind, refs func(*Entity) []model.Ref) []*Entity {
	c, ok := g.Lookup(controlID)
	if !ok {
		return nil
	}
	var out []*Entity
	for _, e := range g.BacklinksOfKind(c, kind) {
		if hasRef(refs(e), controlID) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos.Before(out[j].Pos) })
	return out
}

func hasRef(refs []model.Ref, id string) bool {
	for _, r := range refs {
		if r.ID == id {
			return true
		}
	}
	return false
}

// Uncontrolled returns the documents written without front matter, by path.
func (g *Graph) Uncontrolled() []*Entity {
	var out []*Entity
	for _, e := range g.OfKind(KindDocument) {
		if e.Doc != nil && e.Doc.NoFrontMatter {
			out = append(out, e)
		}
	}
	return out
}
