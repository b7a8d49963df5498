package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// nonconformities checks the nonconformity log (10.2): each open nonconformity has an
// owner and a date and is not late, a closed one was reviewed and found effective, and
// the dates follow each other.
func (c *checker) nonconformities() {
	today := c.g.Date
	for _, nc := range c.g.Site.Nonconformities.Nonconformities {
		if nc == nil {
			continue
		}
		closed := nc.Status == model.NCClosed
		eff := &nc.Effectiveness
		if !closed {
			var missing []string
			if strings.TrimSpace(nc.Owner) == "" {
				missing = append(missing, "no owner")
			}
			if nc.Due.IsZero() {
				missing = append(missing, "no due date")
			}
			if len(missing) > 0 {
				c.add(RuleNCIncomplete, keyPos(nc.OwnerPos, nc.Pos), nc.ID, "nonconformity %s has %s: say who corrects it (owner:) and by when (due:)", nc.ID, joinAnd(missing))
			}
			if (nc.Status == model.NCOpen || nc.Status == model.NCInProgress || nc.Status == "") && !nc.Due.IsZero() && nc.Due.Before(today) {
				c.add(RuleNCOverdue, keyPos(nc.DuePos, nc.Pos), nc.ID, "nonconformity %s was due on %s (build date %s) and is %s", nc.ID, nc.Due, today, statusOr(string(nc.Status)))
			}
		}
		if !eff.Due.IsZero() && eff.Checked.IsZero() && eff.Due.Before(today) {
			c.add(RuleNCOverdue, keyPos(eff.DuePos, nc.Pos), nc.ID, "the effectiveness review of nonconformity %s was due on %s (build date %s) and is not recorded: record effectiveness: checked: and result:", nc.ID, eff.Due, today)
		}
		if closed {
			switch {
			case nc.Closed.IsZero():
				c.add(RuleNCUnverified, keyPos(nc.StatusPos, nc.Pos), nc.ID, "nonconformity %s is closed but records no closing date: set closed: (YYYY-MM-DD)", nc.ID)
			case eff.Checked.IsZero() || eff.Result != model.NCEffective:
				c.add(RuleNCUnverified, keyPos(nc.StatusPos, nc.Pos), nc.ID, "nonconformity %s is closed, but no effectiveness review found its corrective action effective: keep it open (action-done) until effectiveness: checked: and result: effective are recorded", nc.ID)
			}
		}
		c.ncDates(nc)
	}
}

func (c *checker) ncDates(nc *model.Nonconformity) {
	today := c.g.Date
	dates := []struct {
		what string
		date model.Date
		pos  diag.Pos
	}{
		{"raised", nc.Raised, nc.RaisedPos},
		{"closed", nc.Closed, nc.ClosedPos},
		{"reviewed for effectiveness", nc.Effectiveness.Checked, nc.Effectiveness.CheckedPos},
	}
	for i, d := range dates {
		switch {
		case d.date.After(today):
			c.add(RuleNCDates, keyPos(d.pos, nc.Pos), nc.ID, "nonconformity %s is %s on %s, after the build date %s", nc.ID, d.what, d.date, today)
		case i > 0 && !nc.Raised.IsZero() && !d.date.IsZero() && d.date.Before(nc.Raised):
			c.add(RuleNCDates, keyPos(d.pos, nc.Pos), nc.ID, "nonconformity %s is %s on %s, before it was raised on %s", nc.ID, d.what, d.date, nc.Raised)
		}
	}
}

// statusOr is a status for messages, "without a status" when there is none.
func statusOr(s string) string {
	if s == "" {
		return "without a status"
	}
	return s
}
