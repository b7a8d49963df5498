package check

import (
	"github.com/ismsgen/ismsgen/generator/model"
)

// consistency checks that the SoA agrees with the risk treatment plan: a control that a
// risk or a treatment action relies on cannot be excluded in the SoA (Stage 1 item 8).
// The finding is at the citing reference, where the disagreement is written.
func (c *checker) consistency() {
	site := c.g.Site
	for _, r := range site.Risks.Risks {
		if r != nil {
			c.excluded("risk", r.ID, r.Controls)
		}
	}
	for _, a := range site.Treatment.Actions {
		if a != nil {
			c.excluded("treatment action", a.ID, a.Controls)
		}
	}
	c.riskActionLinks()
}

// riskActionLinks checks that risks and treatment actions cite each other: a risk that
// counts on an action the plan does not tie to it (or the reverse) is a gap between the
// register and the plan (6.1.3 e).
func (c *checker) riskActionLinks() {
	site := c.g.Site
	actions := map[string]*model.Action{}
	for _, a := range site.Treatment.Actions {
		if a != nil && a.ID != "" {
			actions[a.ID] = a
		}
	}
	risks := c.riskIndex()
	for _, r := range site.Risks.Risks {
		if r == nil {
			continue
		}
		for _, ref := range r.Actions {
			if a, ok := actions[ref.ID]; ok && !cites(a.Risks, r.ID) {
				c.add(RuleRiskActionLink, ref.Pos, r.ID, "risk %s lists treatment action %s, which does not list the risk: add %s to the action's risks:", r.ID, a.ID, r.ID)
			}
		}
	}
	for _, a := range site.Treatment.Actions {
		if a == nil {
			continue
		}
		for _, ref := range a.Risks {
			if r, ok := risks[ref.ID]; ok && !cites(r.Actions, a.ID) {
				c.add(RuleRiskActionLink, ref.Pos, a.ID, "treatment action %s treats risk %s, which does not list the action: add %s to the risk's actions:", a.ID, r.ID, a.ID)
			}
		}
	}
}

// cites reports whether refs name id.
func cites(refs []model.Ref, id string) bool {
	for _, r := range refs {
		if r.ID == id {
			return true
		}
	}
	return false
}

func (c *checker) excluded(what, id string, controls []model.Ref) {
	for _, ref := range controls {
		row, ok := c.g.SoARow(ref.ID)
		if !ok || row.IsApplicable() {
			continue
		}
		c.add(RuleExcludedControl, ref.Pos, id,
			"%s %s relies on control %s, which the SoA marks not applicable (%s): include the control in the SoA or stop citing it",
			what, id, ref.ID, row.Pos)
	}
}
