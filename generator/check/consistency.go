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
