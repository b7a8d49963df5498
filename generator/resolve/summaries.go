package resolve

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/model"
)

// The one-sentence summaries the SoA and the treatment plan open with, on the site and
// in the packs alike (derived once, here, so that the two never disagree).

// SoASummary counts the catalogue's controls by applicability and implementation.
func (g *Graph) SoASummary() string {
	counts := map[string]int{}
	controls := g.SoAControls()
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
func (g *Graph) TreatmentSummary() string {
	acts := g.Site.Treatment.Actions
	counts := map[model.ActionStatus]int{}
	overdue := 0
	for _, a := range acts {
		if a == nil {
			continue
		}
		counts[a.Status]++
		if g.Overdue(a) {
			overdue++
		}
	}
	return fmt.Sprintf("%d actions: %d planned, %d in progress, %d done, %d cancelled; %d overdue on %s.",
		len(acts), counts[model.ActionPlanned], counts[model.ActionInProgress], counts[model.ActionDone],
		counts[model.ActionCancelled], overdue, g.Date)
}
