package resolve

import "github.com/ismsgen/ismsgen/generator/model"

// DefaultEvidenceMonths is how long evidence stays fresh when neither the record nor
// data/site.yaml's checks.evidence_valid_for says: one audit cycle.
const DefaultEvidenceMonths = 12

// Freshness is how long an evidence record shows what it shows.
type Freshness struct {
	// Collected is when the evidence was collected (its collected: date, else its
	// date:); zero when the record has neither.
	Collected model.Date
	// Until is the last day it is fresh: expires:, else Collected plus its validity;
	// zero when Collected is.
	Until model.Date
	// Stale is true when Until is before the build date.
	Stale bool
}

// EvidenceFreshness returns how long an evidence record is fresh. Its validity is its
// own valid_for, else the shortest checks.evidence_valid_for of the themes of the
// controls it shows, else that setting's default, else DefaultEvidenceMonths.
func (g *Graph) EvidenceFreshness(ev *model.Evidence) Freshness {
	f := Freshness{Collected: ev.Collected}
	if f.Collected.IsZero() {
		f.Collected = ev.Date
	}
	switch {
	case !ev.Expires.IsZero():
		f.Until = ev.Expires
	case f.Collected.IsZero():
		return f
	default:
		f.Until = f.Collected.AddMonths(g.evidenceValidity(ev).Months)
	}
	f.Stale = f.Until.Before(g.Date)
	return f
}

func (g *Graph) evidenceValidity(ev *model.Evidence) model.Cycle {
	if ev.ValidFor.Months > 0 {
		return ev.ValidFor
	}
	byTheme := g.Site.Config.Checks.EvidenceValidFor
	var shortest model.Cycle
	for _, ref := range ev.Controls {
		e, ok := g.Lookup(ref.ID)
		if !ok || e.Control == nil {
			continue
		}
		if v, ok := byTheme[e.Control.Theme]; ok && (shortest.Months == 0 || v.Months < shortest.Months) {
			shortest = v
		}
	}
	if shortest.Months > 0 {
		return shortest
	}
	if v, ok := byTheme["default"]; ok && v.Months > 0 {
		return v
	}
	return model.Cycle{Months: DefaultEvidenceMonths}
}
