package resolve

import (
	"github.com/ismsgen/ismsgen/generator/catalog"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// mappedTo is one target a crosswalk in use maps a requirement onto: a control of the
// target framework (an entity) or, for ISO/IEC 27001, a clause number.
type mappedTo struct {
	ID           string
	Control      *Entity // nil for a clause
	Relationship model.MapRelationship
	Mapping      *model.Mapping
	Crosswalk    *model.Crosswalk
}

// resolveCrosswalks resolves the crosswalks whose source and target frameworks are both
// in force: each from: must be a requirement of the source framework, each to: a
// control of the target framework or, onto ISO/IEC 27001, a clause number (4 to 10).
// A crosswalk with a framework not in force is left unused (a NIS2-only site describes
// its requirements in its own SoA rows).
func (r *resolver) resolveCrosswalks() {
	g := r.g
	site := g.Site
	g.mapped = map[string][]mappedTo{}
	for _, x := range site.Crosswalks {
		if !site.InForce(x.Source.ID) || !site.InForce(x.Target.ID) {
			continue
		}
		g.crosswalks = append(g.crosswalks, x)
		for _, m := range x.Mappings {
			from := r.requirementOf(x.Source.ID, m.From, "from")
			if from == nil {
				continue
			}
			if _, ok := g.mapped[from.ID]; !ok {
				g.mapped[from.ID] = nil
			}
			for _, to := range m.To {
				t := mappedTo{ID: to.ID, Relationship: m.Relationship, Mapping: m, Crosswalk: x}
				if x.Target.ID == model.ISO27001 && catalog.IsClause(to.ID) {
					g.mapped[from.ID] = append(g.mapped[from.ID], t)
					continue
				}
				if t.Control = r.requirementOf(x.Target.ID, to, "to"); t.Control == nil {
					continue
				}
				r.link(from, t.Control)
				g.mapped[from.ID] = append(g.mapped[from.ID], t)
			}
		}
	}
}

// requirementOf resolves a reference that must be a control of the framework.
func (r *resolver) requirementOf(framework string, ref model.Ref, field string) *Entity {
	e, ok := r.g.byID[ref.ID]
	if !ok || e.Kind != KindControl || e.Control.Catalogue != framework {
		what := "control"
		if field == "from" {
			what = "requirement"
		}
		msg := r.unresolved(ref.ID, field)
		if ok {
			msg = field + ": " + ref.ID + " is not a " + what + " of " + framework
		}
		if framework == model.ISO27001 && field == "to" {
			msg += " (want an Annex A control such as A.5.1 or a clause number such as 6.1.2)"
		}
		r.errs.AddKind(diag.KindReference, ref.Pos, "%s", msg)
		return nil
	}
	return e
}

// frameworkNotInForce returns the name of a known framework not in force that has a
// control with the ID, or "".
func (r *resolver) frameworkNotInForce(id string) string {
	for _, f := range r.g.Site.Frameworks {
		if f.InForce {
			continue
		}
		for _, c := range f.Controls {
			if c.ID == id {
				return f.Name
			}
		}
	}
	return ""
}

// Crosswalks returns the crosswalks in use: both their frameworks are in force.
func (g *Graph) Crosswalks() []*model.Crosswalk { return g.crosswalks }

// Mapped reports whether a crosswalk in use maps the requirement with the ID (its
// coverage then comes from what it maps onto, and it needs no SoA row of its own).
func (g *Graph) Mapped(id string) bool {
	_, ok := g.mapped[id]
	return ok
}
