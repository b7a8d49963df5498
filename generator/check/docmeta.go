package check

import "github.com/ismsgen/ismsgen/generator/resolve"

// DocMeta is the document-control view (7.5.2, 7.5.3) shared by Markdown documents and
// the registers kept as data, so that rules and exports treat both alike.
type DocMeta = resolve.DocInfo

// DocumentMeta returns the document-control view of a controlled Markdown document or
// a register; ok is false for anything else.
func DocumentMeta(g *resolve.Graph, e *resolve.Entity) (DocMeta, bool) { return g.Controlled(e) }

// ReviewOverdue reports whether an approved document's next review date is before the
// build date.
func ReviewOverdue(g *resolve.Graph, m DocMeta) bool { return g.DocReviewOverdue(m) }
