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
		c.actionDates(a)
		if c.g.Overdue(a) {
			c.add(RuleActionOverdue, keyPos(a.DuePos, a.Pos), a.ID, "treatment action %s was due on %s (build date %s) and is %s", a.ID, a.Due, c.g.Date, statusOr(string(a.Status)))
		}
	}
}

// actionDates checks an action's dates against each other, its status and the build
// date.
func (c *checker) actionDates(a *model.Action) {
	today := c.g.Date
	if !a.Start.IsZero() && !a.Due.IsZero() && a.Due.Before(a.Start) {
		c.add(RuleActionDates, keyPos(a.DuePos, a.Pos), a.ID, "treatment action %s is due on %s, before it starts on %s", a.ID, a.Due, a.Start)
	}
	if a.Completed.IsZero() {
		if a.Status == model.ActionDone {
			c.add(RuleActionDates, keyPos(a.StatusPos, a.Pos), a.ID, "treatment action %s is done but records no completion date: set completed: (YYYY-MM-DD)", a.ID)
		}
		return
	}
	at := keyPos(a.CompletedPos, a.Pos)
	switch {
	case a.Status != model.ActionDone:
		c.add(RuleActionDates, at, a.ID, "treatment action %s records a completion on %s but is %s: set status: done, or remove completed:", a.ID, a.Completed, statusOr(string(a.Status)))
	case a.Completed.After(today):
		c.add(RuleActionDates, at, a.ID, "treatment action %s is completed on %s, after the build date %s", a.ID, a.Completed, today)
	case !a.Start.IsZero() && a.Completed.Before(a.Start):
		c.add(RuleActionDates, at, a.ID, "treatment action %s is completed on %s, before it starts on %s", a.ID, a.Completed, a.Start)
	}
}
