package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// soaPath is where the SoA lives; findings about a missing SoA point there.
const soaPath = "data/soa.yaml"

// soa checks the Statement of Applicability (6.1.3 d): one row per catalogue control,
// each with a decision, a reason or justification, and an implementation that is real
// or planned with an owner and a date.
func (c *checker) soa() {
	site := c.g.Site
	// A requirement that a crosswalk in use maps onto another framework's controls
	// takes its coverage from them and needs no row of its own.
	need := c.g.SoAControls()
	if site.SoA.Path == "" {
		c.add(RuleSoAMissingRow, diag.Pos{Path: soaPath}, "",
			"there is no Statement of Applicability: create %s with one row for each of the %d catalogue controls", soaPath, len(need))
		return
	}
	// A missing row has no line of its own: it is reported at the SoA's document block,
	// the place that speaks for the SoA as a whole.
	at := site.SoA.Document.Pos
	for _, ctl := range need {
		if _, ok := c.g.SoARow(ctl.ID); !ok {
			c.add(RuleSoAMissingRow, at, ctl.ID,
				"control %s (%s) has no SoA row: add a row with control: %s, saying whether it is applicable and why", ctl.ID, ctl.Title, ctl.ID)
		}
	}
	for _, row := range site.SoA.Controls {
		if row != nil {
			c.soaRow(row)
		}
	}
}

func (c *checker) soaRow(row *model.SoARow) {
	id := row.Control.ID
	if row.Applicable == nil {
		c.add(RuleSoANoApplicability, row.Pos, id, "SoA row for %s does not say whether the control is applicable: set applicable: true or false", id)
		// Undecided: the decision comes first, and what follows from it is not yet due.
		return
	}
	c.justificationRisks(row)
	if !row.IsApplicable() {
		if row.Justification == "" {
			c.add(RuleSoANoJustification, row.Pos, id, "%s is not applicable but the SoA gives no justification for excluding it: set justification:", id)
		} else {
			c.weakJustification(row)
		}
		c.excludedImplemented(row)
		// An excluded control has no implementation to check.
		return
	}
	if len(row.Reasons) == 0 {
		c.add(RuleSoANoReason, row.Pos, id, "%s is applicable but the SoA gives no reason for including it: set reasons: to risk, legal, contractual or business", id)
	}
	switch row.Status {
	case "":
		c.add(RuleSoANoStatus, row.Pos, id, "%s is applicable but the SoA gives no implementation status: set status: to implemented, partial, planned or not-implemented", id)
	case model.Implemented:
		if docs, ev := c.g.Implementation(id); len(docs) == 0 && len(ev) == 0 {
			c.add(RuleSoANoImplementation, row.Pos, id, "%s is marked implemented but no document implements it and no evidence shows it: list documents: or evidence: in the row, or declare the control in a document's controls:", id)
		}
	case model.Planned, model.Partial:
		var missing []string
		if row.Owner == "" {
			missing = append(missing, "no owner")
		}
		if row.Target.IsZero() {
			missing = append(missing, "no target date")
		}
		if len(missing) > 0 {
			c.add(RuleSoAPlanIncomplete, row.Pos, id, "%s is %s but has %s: say who implements it (owner:) and by when (target:)", id, row.Status, joinAnd(missing))
		}
	}
	if row.Status != model.Implemented && !row.Target.IsZero() && row.Target.Before(c.g.Date) {
		c.add(RuleSoATargetPast, keyPos(row.TargetPos, row.Pos), id, "the target date %s for %s has passed (build date %s) and the control is %s", row.Target, id, c.g.Date, statusText(row.Status))
	}
}

func statusText(s model.ControlStatus) string {
	switch s {
	case "":
		return "without an implementation status"
	case model.Partial:
		return "only partially implemented"
	case model.NotImplemented:
		return "not implemented"
	}
	return "still " + string(s)
}

// joinAnd joins phrases as "a, b and c".
func joinAnd(s []string) string { return joinWith(s, "and") }

// joinOr joins phrases as "a, b or c".
func joinOr(s []string) string { return joinWith(s, "or") }

func joinWith(s []string, conj string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " " + conj + " " + s[len(s)-1]
}
