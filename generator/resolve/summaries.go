package resolve

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/model"
)

// The one-sentence summaries the SoA and the treatment plan open with, on the site and
// in the packs alike (derived once, here, so that the two never disagree).

// SoASummary counts the catalogue's controls by applicability and implementation.
func (g *Graph) SoASummary() string { return g.SoASummaryOf(nil) }

// SoASummaryOf is SoASummary over the controls shown reports true for (all when nil):
// the site counts only the rows it publishes.
func (g *Graph) SoASummaryOf(shown func(*Entity) bool) string {
	counts := map[string]int{}
	var controls []*model.Control
	for _, c := range g.SoAControls() {
		if shown != nil {
			if e, ok := g.Lookup(c.ID); !ok || !shown(e) {
				continue
			}
		}
		controls = append(controls, c)
	}
	for _, c := range controls {
		row, ok := g.SoARow(c.ID)
		switch {
		case !ok:
			counts["no row"]++
		case !row.IsApplicable():
			counts["not applicable"]++
		default:
			counts["applicable"]++
			counts[string(row.Status)]++
		}
	}
	s := fmt.Sprintf("%d controls: %d applicable (%d implemented, %d partially implemented, %d planned, %d not implemented), %d not applicable",
		len(controls), counts["applicable"], counts[string(model.Implemented)], counts[string(model.Partial)],
		counts[string(model.Planned)], counts[string(model.NotImplemented)], counts["not applicable"])
	if n := counts["no row"]; n > 0 {
		s += fmt.Sprintf(", %d without an SoA row", n)
	}
	return s + "."
}

// TreatmentSummary counts the treatment actions by status and those overdue on the
// build date.
func (g *Graph) TreatmentSummary() string { return g.TreatmentSummaryOf(nil) }

// TreatmentSummaryOf is TreatmentSummary over the actions shown reports true for (all
// when nil).
func (g *Graph) TreatmentSummaryOf(shown func(*Entity) bool) string {
	var acts []*model.Action
	for _, a := range g.Site.Treatment.Actions {
		if a == nil {
			continue
		}
		if shown != nil {
			if e, ok := g.Lookup(a.ID); !ok || !shown(e) {
				continue
			}
		}
		acts = append(acts, a)
	}
	counts := map[model.ActionStatus]int{}
	overdue := 0
	for _, a := range acts {
		counts[a.Status]++
		if g.Overdue(a) {
			overdue++
		}
	}
	return fmt.Sprintf("%d actions: %d planned, %d in progress, %d done, %d cancelled; %d overdue on %s.",
		len(acts), counts[model.ActionPlanned], counts[model.ActionInProgress], counts[model.ActionDone],
		counts[model.ActionCancelled], overdue, g.Date)
}
