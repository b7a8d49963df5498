package check

import (
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Status is how far the ISMS meets one Stage 1 checklist item.
type Status string

const (
	// StatusMet: an approved document covers the item and no finding concerns it.
	StatusMet Status = "met"
	// StatusFindings: the item is covered but findings concern it.
	StatusFindings Status = "findings"
	// StatusMissing: nothing approved covers the item yet.
	StatusMissing Status = "missing"
)

// ChecklistItem is one item of the Stage 1 checklist with its state in this ISMS.
type ChecklistItem struct {
	Number  int
	Title   string
	Clauses []string // the ISO/IEC 27001 clauses the item is about
	// Controls are the Annex A controls the item is about: for item 18 the applicable
	// controls auditors expect documented, for item 19 A.5.31.
	Controls []string
	Status   Status
	// Findings are the findings that concern the item, in the order given.
	Findings []Finding
	// Documents are the published documents and registers that cover the item, approved
	// or not, in ID order.
	Documents []*resolve.Entity
}

// Readiness returns the Stage 1 checklist (20 items) for the ISMS, given the findings of
// Run (and of FromDiag, if any).
func Readiness(g *resolve.Graph, findings []Finding) []ChecklistItem {
	var out []ChecklistItem
	for _, spec := range stage1() {
		out = append(out, readinessItem(g, spec, findings))
	}
	return out
}

func readinessItem(g *resolve.Graph, spec itemSpec, findings []Finding) ChecklistItem {
	it := ChecklistItem{Number: spec.number, Title: spec.title, Clauses: spec.clauses, Controls: spec.controls}
	if spec.annexA {
		for _, id := range DocumentedControls() {
			if row, ok := g.SoARow(id); ok && row.IsApplicable() {
				it.Controls = append(it.Controls, id)
			}
		}
	}
	docIDs := map[string]bool{}
	for _, e := range g.Documents() {
		if covers(g, spec, it.Controls, e) {
			it.Documents = append(it.Documents, e)
			docIDs[e.ID] = true
		}
	}
	for _, f := range findings {
		if concerns(spec, it.Controls, docIDs, f) {
			it.Findings = append(it.Findings, f)
		}
	}
	it.Status = itemStatus(g, spec, it)
	return it
}

// covers reports whether a published document or register covers an item.
func covers(g *resolve.Graph, spec itemSpec, controls []string, e *resolve.Entity) bool {
	if e.ID == "" {
		return false
	}
	for _, c := range spec.clauses {
		if e.Declares(c) {
			return true
		}
	}
	if e.Register != "" && slices.Contains(spec.registers, e.Register) {
		return true
	}
	if e.Doc != nil && e.Doc.Meta.Status != model.StatusRetired {
		for _, c := range controls {
			if slices.ContainsFunc(e.Doc.Meta.Controls, func(r model.Ref) bool { return r.ID == c }) {
				return true
			}
		}
	}
	return false
}

// concerns reports whether a finding belongs to an item: by its rule, by the clause or
// control it is about, or because it is about one of the item's documents.
func concerns(spec itemSpec, controls []string, docIDs map[string]bool, f Finding) bool {
	switch {
	case slices.Contains(spec.rules, f.Rule):
		return true
	case f.Rule == RuleClauseMissing:
		for _, c := range spec.clauses {
			if clauseWithin(c, f.Subject) {
				return true
			}
		}
		return false
	case f.Rule == RuleControlNeedsDocument:
		return slices.Contains(controls, f.Subject)
	}
	return f.Subject != "" && docIDs[f.Subject]
}

// clauseWithin reports whether clause c is clause p or one of its sub-clauses
// ("6.1.3 e" is within "6.1.3").
func clauseWithin(c, p string) bool {
	return c == p || strings.HasPrefix(c, p+" ") || strings.HasPrefix(c, p+".")
}

func itemStatus(g *resolve.Graph, spec itemSpec, it ChecklistItem) Status {
	approved := false
	for _, e := range it.Documents {
		approved = approved || e.Approved()
	}
	switch {
	case spec.annexA:
		// Nothing is required when no such control is applicable; a control left
		// undocumented is a finding.
		if len(it.Findings) > 0 && len(it.Documents) == 0 {
			return StatusMissing
		}
	case spec.evidence && !hasReadableEvidence(g):
		return StatusMissing
	case spec.recorded != nil && !spec.recorded(g.Site):
		return StatusMissing
	case !approved:
		return StatusMissing
	}
	if len(it.Findings) > 0 {
		return StatusFindings
	}
	return StatusMet
}

func hasReadableEvidence(g *resolve.Graph) bool {
	for _, ev := range g.Site.Evidence.Evidence {
		if ev != nil && ev.File != "" && ev.FileError == "" {
			return true
		}
	}
	return false
}

// Report is everything the readiness page shows.
type Report struct {
	Date      model.Date
	Checklist []ChecklistItem
	Coverage  []resolve.Coverage
	Findings  []Finding
	Errors    int
	Warnings  int
	// Uncontrolled are the documents written without front matter (doc-uncontrolled).
	Uncontrolled []*resolve.Entity
}

// NewReport assembles the readiness page data from the graph and its findings.
func NewReport(g *resolve.Graph, findings []Finding) Report {
	e, w := Count(findings)
	return Report{Date: g.Date, Checklist: Readiness(g, findings), Coverage: g.ClauseCoverage(), Findings: findings, Errors: e, Warnings: w,
		Uncontrolled: g.Uncontrolled()}
}
