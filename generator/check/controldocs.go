package check

import (
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// DocumentedControls lists the Annex A controls that auditors expect to see documented
// when the SoA marks them applicable, because the control itself asks for something
// defined, documented or inventoried (iso27001-documents.md §2).
func DocumentedControls() []string {
	return []string{
		"A.5.1", "A.5.9", "A.5.10", "A.5.12", "A.5.13", "A.5.14", "A.5.15",
		"A.5.19", "A.5.20", "A.5.21", "A.5.22", "A.5.23", "A.5.24", "A.5.26", "A.5.28",
		"A.5.29", "A.5.30", "A.5.31", "A.5.32", "A.5.37",
		"A.6.2", "A.6.4", "A.6.6", "A.7.7",
		"A.8.9", "A.8.13", "A.8.19", "A.8.24", "A.8.25", "A.8.27", "A.8.32",
	}
}

// controlDocuments warns when an applicable control of DocumentedControls is declared by
// no published document. The SoA row's own documents: list does not count: the rule
// asks for the document to say, in its front matter, which control it implements, so
// the site and the pack can cross-reference it both ways.
func (c *checker) controlDocuments() {
	for _, id := range DocumentedControls() {
		row, ok := c.g.SoARow(id)
		if !ok || row.Applicable == nil || !row.IsApplicable() {
			continue
		}
		if len(c.g.DeclaringDocuments(id)) > 0 {
			continue
		}
		title := id
		if e, ok := c.g.Lookup(id); ok && e.Kind == resolve.KindControl {
			title = id + " (" + e.Title + ")"
		}
		c.add(RuleControlNeedsDocument, row.Pos, id,
			"%s is applicable and auditors expect it to be documented, but no published document declares it: add %s to the controls: of the policy, procedure or register that implements it", title, id)
	}
}
