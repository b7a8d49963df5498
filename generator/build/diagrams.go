package build

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/pack"
)

// packDiagramWarnings returns a warning for each Mermaid diagram of the pack's documents
// that has no image for the PDF (the pack shows a placeholder instead).
func packDiagramWarnings(files map[string][]byte, plan *pack.Plan) diag.List {
	var out diag.List
	for _, it := range plan.Items {
		if it.Kind == pack.ItemDocument && it.Entity != nil && it.Entity.Doc != nil {
			out.Append(diagram.Warnings(files, it.Entity.Doc))
		}
	}
	return out
}

// MergeWarnings adds to into the warnings of more it does not hold yet (a document in
// two packs warns once), sorted by position.
func MergeWarnings(into *diag.List, more diag.List) {
	seen := map[string]bool{}
	for _, e := range *into {
		seen[e.Error()] = true
	}
	for _, e := range more {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			*into = append(*into, e)
		}
	}
	into.Sort()
}
