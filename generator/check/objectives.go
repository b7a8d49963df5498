package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// resultMonths is how old an open objective's latest result may be.
const resultMonths = 6

// objectives checks the information security objectives (6.2, 9.1): each is measurable,
// owned and dated, is not past its date unresolved, and its results are measured and
// agree with its status.
func (c *checker) objectives() {
	today := c.g.Date
	for _, o := range c.g.Site.Objectives.Objectives {
		if o == nil {
			continue
		}
		var missing []string
		if strings.TrimSpace(o.Measure) == "" {
			missing = append(missing, "no measure")
		}
		if o.Target.Value == nil {
			missing = append(missing, "no target value")
		}
		if strings.TrimSpace(o.Owner) == "" {
			missing = append(missing, "no owner")
		}
		if o.Due.IsZero() && strings.TrimSpace(o.Frequency) == "" {
			missing = append(missing, "neither a due date nor a frequency")
		}
		if len(missing) > 0 {
			c.add(RuleObjectiveIncomplete, o.Pos, o.ID, "objective %s has %s: say what is measured (measure:), the value to reach (target: {value:}), who owns it (owner:) and by when (due:) or how often (frequency:)", o.ID, joinAnd(missing))
		}
		ended := o.Status == model.ObjectiveMet || o.Status == model.ObjectiveClosed || o.Status == "not-met"
		if !ended && !o.Due.IsZero() && o.Due.Before(today) {
			c.add(RuleObjectiveOverdue, keyPos(o.DuePos, o.Pos), o.ID, "objective %s was due on %s (build date %s) and is %s: record whether it was met", o.ID, o.Due, today, statusOr(string(o.Status)))
		}
		latest := o.Latest()
		switch {
		case o.Status == model.ObjectiveMet && latest != nil && o.Target.Value != nil && !o.Target.Met(latest.Value):
			c.add(RuleObjectiveResults, keyPos(o.StatusPos, o.Pos), o.ID, "objective %s is marked met, but its latest result (%s on %s) misses the target %s", o.ID, model.FormatValue(latest.Value, o.Target.Unit), latest.Date, o.Target)
		case ended:
		case latest == nil:
			c.add(RuleObjectiveResults, o.Pos, o.ID, "objective %s has no result: record what was measured under results: (date, value)", o.ID)
		case latest.Date.Before(today.AddMonths(-resultMonths)):
			c.add(RuleObjectiveResults, keyPos(latest.Pos, o.Pos), o.ID, "the latest result of objective %s is of %s, more than %d months before the build date %s: measure it again", o.ID, latest.Date, resultMonths, today)
		}
	}
}
