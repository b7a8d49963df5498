package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// actions checks the risk treatment plan (6.1.3 e, 8.3): every action has someone
// responsible and a date, and open actions are not past their date.
func (c *checker) actions() {
	for _, a := range c.g.Site.Treatment.Actions {
		if a == nil {
			continue
		}
		var missing []string
		if strings.TrimSpace(a.Owner) == "" {
			missing = append(missing, "no owner")
		}
		// A cancelled action will never be done, so it needs no due date.
		if a.Due.IsZero() && a.Status != model.ActionCancelled {
			missing = append(missing, "no due date")
		}
		if len(missing) > 0 {
			c.add(RuleActionIncomplete, a.Pos, a.ID, "treatment action %s has %s: say who does it (owner:) and by when (due:)", a.ID, joinAnd(missing))
		}
		if c.g.Overdue(a) {
			status := string(a.Status)
			if status == "" {
				status = "without a status"
			}
			c.add(RuleActionOverdue, a.Pos, a.ID, "treatment action %s was due on %s (build date %s) and is %s", a.ID, a.Due, c.g.Date, status)
		}
	}
}
