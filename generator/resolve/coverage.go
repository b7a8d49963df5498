package resolve

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// Level is how far a requirement of a framework is covered.
type Level string

const (
	Covered       Level = "covered"
	PartlyCovered Level = "partial"
	Gap           Level = "gap"
	NotApplicable Level = "not-applicable"
)

// State is how far one target of a requirement (a control or a clause) is met.
type State string

const (
	Met        State = "met"         // an applicable control implemented; a clause an approved document declares
	InProgress State = "in-progress" // partial or planned; a clause only unapproved documents declare
	Unmet      State = "unmet"       // not implemented, no status or no SoA row; a clause nothing declares
	Excluded   State = "excluded"    // the SoA marks the control not applicable
)

// MappedTarget is one control or clause a requirement maps onto, with its state.
type MappedTarget struct {
	ID           string
	Control      *Entity // nil for a clause
	Relationship model.MapRelationship
	State        State
	// Status says why, for people: the SoA status, "not applicable", "no SoA row",
	// "declared by MAN-RISK", "declared only by PLN-OBJ (draft)", "declared by no document".
	Status string
	// Documents and Evidence implement the control (Implementation) or declare the
	// clause.
	Documents, Evidence []*Entity
}

// Requirement is a requirement (control) of a framework in force with its derived
// coverage: from its own SoA row when it has one, else from what the crosswalks in use
// map it onto (the README's "Coverage" states the rule).
type Requirement struct {
	Entity    *Entity
	Framework *model.Framework
	// Row is the requirement's own SoA row; Mapped whether a crosswalk in use maps it.
	Row     *model.SoARow
	Mapped  bool
	Targets []MappedTarget
	Level   Level
	// Mappings are the crosswalk entries that map it, in file order.
	Mappings []*model.Mapping
	// Documents and Evidence are what stands behind it: what implements it (its own
	// row, documents declaring it) and what implements or declares its targets.
	Documents, Evidence []*Entity
}

// HasApplicableTarget reports whether the requirement maps onto an applicable control
// or a clause (clauses always apply).
func (q *Requirement) HasApplicableTarget() bool {
	for _, t := range q.Targets {
		if t.State != Excluded {
			return true
		}
	}
	return false
}

// Requirements returns the requirements of a framework in force with their coverage,
// in catalogue order; nil for a framework not in force.
func (g *Graph) Requirements(framework string) []*Requirement { return g.requirements[framework] }

// RequirementOf returns the coverage of the requirement with the ID.
func (g *Graph) RequirementOf(id string) (*Requirement, bool) {
	q, ok := g.requirement[id]
	return q, ok
}

// coverage derives the coverage of every requirement of every framework in force.
func (g *Graph) coverage() {
	g.requirements = map[string][]*Requirement{}
	g.requirement = map[string]*Requirement{}
	for _, f := range g.Site.Frameworks {
		if !f.InForce {
			continue
		}
		for _, c := range f.Controls {
			e, ok := g.byID[c.ID]
			if !ok || e.Control != c {
				continue
			}
			q := g.requirementCoverage(f, e)
			g.requirements[f.Name] = append(g.requirements[f.Name], q)
			g.requirement[c.ID] = q
		}
	}
}

func (g *Graph) requirementCoverage(f *model.Framework, e *Entity) *Requirement {
	q := &Requirement{Entity: e, Framework: f}
	q.Row, _ = g.SoARow(e.ID)
	targets, mapped := g.mapped[e.ID]
	q.Mapped = mapped
	seen := map[*Entity]bool{}
	var docs, ev []*Entity
	add := func(dst *[]*Entity, es []*Entity) {
		for _, x := range es {
			if !seen[x] {
				seen[x] = true
				*dst = append(*dst, x)
			}
		}
	}
	d, v := g.Implementation(e.ID)
	add(&docs, d)
	add(&ev, v)
	for _, t := range targets {
		mt := MappedTarget{ID: t.ID, Control: t.Control, Relationship: t.Relationship}
		if t.Control != nil {
			mt.State, mt.Status = controlState(g, t.ID)
			mt.Documents, mt.Evidence = g.Implementation(t.ID)
		} else {
			mt.State, mt.Status, mt.Documents = g.clauseState(t.ID)
		}
		add(&docs, mt.Documents)
		add(&ev, mt.Evidence)
		q.Targets = append(q.Targets, mt)
		if n := len(q.Mappings); n == 0 || q.Mappings[n-1] != t.Mapping {
			q.Mappings = append(q.Mappings, t.Mapping)
		}
	}
	if len(targets) == 0 {
		for _, x := range g.crosswalks {
			for _, m := range x.Mappings {
				if m.From.ID == e.ID {
					q.Mappings = append(q.Mappings, m)
				}
			}
		}
	}
	q.Documents, q.Evidence = docs, ev
	q.Level = level(q)
	return q
}

// level applies the coverage rule. A requirement with its own SoA row is covered when
// the row says implemented, partly when partial or planned, not applicable when the row
// excludes it, else a gap. Otherwise: covered when an equal or subset target is met
// (the control asks at least what the requirement does), or when it has only
// intersects targets and all are met (taken together, as ENISA's mapping intends);
// partly covered when any target is met or in progress (a superset target never covers
// it alone: the requirement asks more); else a gap.
func level(q *Requirement) Level {
	if q.Row != nil {
		if !q.Row.IsApplicable() {
			return NotApplicable
		}
		switch q.Row.Status {
		case model.Implemented:
			return Covered
		case model.Partial, model.Planned:
			return PartlyCovered
		}
		return Gap
	}
	if len(q.Targets) == 0 {
		return Gap
	}
	allMet, onlyIntersects, some := true, true, false
	for _, t := range q.Targets {
		switch t.Relationship {
		case model.Equal, model.Subset:
			if t.State == Met {
				return Covered
			}
			onlyIntersects = false
		case model.Superset:
			onlyIntersects = false
		}
		if t.State != Met {
			allMet = false
		}
		if t.State == Met || t.State == InProgress {
			some = true
		}
	}
	switch {
	case allMet && onlyIntersects:
		return Covered
	case some:
		return PartlyCovered
	}
	return Gap
}

// controlState is the state of a control target from its SoA row.
func controlState(g *Graph, id string) (State, string) {
	row, ok := g.SoARow(id)
	switch {
	case !ok:
		return Unmet, "no SoA row"
	case !row.IsApplicable():
		return Excluded, "not applicable"
	case row.Status == model.Implemented:
		return Met, string(row.Status)
	case row.Status == model.Partial, row.Status == model.Planned:
		return InProgress, string(row.Status)
	case row.Status == "":
		return Unmet, "no status"
	}
	return Unmet, string(row.Status)
}

// clauseState is the state of a clause target: met when an approved document or
// register declares it (or the clause it belongs to, or one of its sub-clauses), in
// progress when only documents not yet approved do.
func (g *Graph) clauseState(number string) (State, string, []*Entity) {
	docs := g.ClauseDocuments(number)
	var approved, other []string
	for _, e := range docs {
		if e.Approved() {
			approved = append(approved, e.ID)
		} else {
			other = append(other, e.ID+" ("+statusWord(e)+")")
		}
	}
	switch {
	case len(approved) > 0:
		return Met, "declared by " + strings.Join(approved, ", "), docs
	case len(other) > 0:
		return InProgress, "declared only by " + strings.Join(other, ", "), docs
	}
	return Unmet, "declared by no document", nil
}

// ClauseDocuments returns the published documents and registers that declare an ISO/IEC
// 27001 clause: the clause itself, a sub-clause of it, or the clause it is part of
// (9.3 for 9.3.1), and the registers that are its documented information by being there
// (the SoA for 6.1.3), in ID order.
func (g *Graph) ClauseDocuments(number string) []*Entity {
	var out []*Entity
	for _, e := range g.Documents() {
		if e.Declares(number) || e.declaresParentOf(number) || (e.Reg != nil && e.Reg.Clause != "" && (e.Reg.Clause == number || strings.HasPrefix(number, e.Reg.Clause+"."))) {
			out = append(out, e)
		}
	}
	return out
}

// declaresParentOf reports whether the entity declares, exactly, a clause that number
// is a sub-clause of (9.3 for 9.3.1; not 5.2 for 5.3).
func (e *Entity) declaresParentOf(number string) bool {
	var nums []model.Clause
	switch {
	case e.Doc != nil:
		nums = e.Doc.Meta.Clauses
	case e.DocControl != nil:
		nums = e.DocControl.Clauses
	}
	for _, c := range nums {
		if len(c.Number) < len(number) && strings.HasPrefix(number, c.Number) && (number[len(c.Number)] == '.' || number[len(c.Number)] == ' ') {
			return true
		}
	}
	return false
}

func statusWord(e *Entity) string {
	switch {
	case e.Doc != nil && e.Doc.Meta.Status != "":
		return string(e.Doc.Meta.Status)
	case e.DocControl != nil && e.DocControl.Status != "":
		return string(e.DocControl.Status)
	}
	return "no status"
}

// SoAControls returns the catalogue controls the Statement of Applicability speaks
// for, in catalogue order: every control of the frameworks in force, less the
// requirements a crosswalk in use maps and that have no row of their own (their
// coverage comes from what they map onto).
func (g *Graph) SoAControls() []*model.Control {
	var out []*model.Control
	for _, c := range g.Site.Catalogue {
		if _, ok := g.SoARow(c.ID); ok || !g.Mapped(c.ID) {
			out = append(out, c)
		}
	}
	return out
}
