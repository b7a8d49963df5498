package pack

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// item renders one document or generated artefact, starting on a new page.
func (r *renderer) item(it *Item, te *layout.Entry) {
	c := r.itemControl(it)
	r.cur = pageInfo{doc: pageLabel(it, c)}
	r.doc.Landscape = landscape(it.Kind)
	r.doc.Indent, r.doc.Bars, r.doc.Markers, r.doc.TextColor = 0, nil, nil, layout.ColText
	r.doc.NewPage()
	r.doc.Reach(te, 0)
	if it.Entity != nil {
		r.anchors.Mark(anchorKey{e: it.Entity}, r.doc.Y)
	}
	r.docTitle(it.ID(), it.Title())
	if !it.generated() {
		r.controlTable(c)
		r.history(c)
	}
	switch it.Kind {
	case ItemDocument:
		r.doc.HLine(r.doc.Left(), r.doc.Left()+r.doc.Width(), r.doc.Y, layout.ColRule, 0.3)
		r.doc.Y += 3
		r.body(it)
	case ItemClauses:
		r.clauses()
	case ItemCoverage:
		r.coverage(it)
	case ItemAcknowledgements:
		r.acknowledgements()
	default:
		r.registerSection(it)
	}
}

// registerSection draws a register's section: the register's own layout where it has
// one (the SoA by theme, the risk register with its heat maps), else a table of its
// rows with its columns.
func (r *renderer) registerSection(it *Item) {
	switch it.Kind {
	case ItemSoA:
		r.soa(it)
	case ItemRisks:
		r.risks(it)
	case ItemTreatment:
		r.treatment()
	case ItemEvidence:
		r.evidence()
	default:
		r.rowsTable(it)
	}
}

// landscape reports whether an item is printed across the page: the registers, which
// are wide, read better so.
func landscape(k ItemKind) bool { return k != ItemDocument && k != ItemClauses }

// docTitle draws a document's ID and title.
func (r *renderer) docTitle(id, title string) {
	if id != "" {
		r.doc.Para(layout.Plain(id, layout.Style{Bold: true, Size: 10, Color: layout.ColMuted}), "L")
	}
	r.doc.Para(layout.Plain(title, layout.Style{Bold: true, Size: 18, Color: layout.ColText}), "L")
	r.doc.Y += 3
}

// section draws the heading of a section of a generated artefact, as an outline entry
// when the TOC lists it.
func (r *renderer) section(it *Item, name, title string) {
	st := layout.Style{Bold: true, Size: 12.5, Color: layout.ColText}
	lines := r.doc.Lines(layout.Plain(title, st), r.doc.Width())
	r.doc.Gap(layout.GapHeading)
	// Keep the heading with the table header and a first row, which in the registers may
	// be several lines tall.
	r.doc.Ensure(layout.LinesHeight(lines) + 35)
	if te := r.headTOC[sectionKey{it, name}]; te != nil {
		r.doc.Reach(te, 1)
	}
	r.doc.Emit(lines, "L")
	r.doc.Y += 1.5
}

// controlTable draws the document-control block (ISO/IEC 27001 7.5.2, 7.5.3).
func (r *renderer) controlTable(c resolve.DocInfo) {
	label := layout.Style{Bold: true, Size: layout.SizeTable, Color: layout.ColMuted}
	val := layout.Style{Size: layout.SizeTable, Color: layout.ColText}
	status := layout.Cell{Spans: layout.Plain(string(c.Status), withColor(val, statusColor(c.Status)))}
	next := layout.Cell{Spans: layout.Plain(c.NextReview.String(), val)}
	if r.g.ReviewOverdue(c.NextReview) {
		next.Spans = append(next.Spans, layout.Span{Text: " (review overdue)", Style: withColor(val, layout.ColAlert)})
	}
	class := string(c.Classification)
	if c.DefaultClass {
		class += " (site default)"
	}
	l := func(s string) layout.Cell { return layout.Cell{Spans: layout.Plain(s, label), Fill: &layout.ColLabel} }
	v := func(s string) layout.Cell { return layout.TextCell(s, val) }
	t := &layout.Table{Size: layout.SizeTable, Weights: []float64{1.2, 2, 1.2, 2}}
	t.Rows = [][]layout.Cell{
		{l("Document ID"), v(c.ID), l("Version"), v(c.Version)},
		{l("Status"), status, l("Classification"), v(class)},
		{l("Owner"), v(c.Owner), l("Author"), v(c.Author)},
		{l("Approver"), v(c.Approver), l("Approved"), v(c.Approved.String())},
		{l("Next review"), next, l("Review cycle"), v(c.ReviewCycle.String())},
		{l("Type"), v(string(c.Type)), l("Source"), v(c.Path)},
	}
	if c.Distribution != "" {
		t.Rows = append(t.Rows, []layout.Cell{l("Distribution"), v(c.Distribution), l(""), v("")})
	}
	r.doc.DrawTable(t)
	r.doc.Y -= layout.GapPara - 1
	if len(c.Controls) > 0 {
		spans := append(layout.Plain("Implements controls: ", label), r.idLinks(model.IDs(c.Controls), val)...)
		r.doc.Para(spans, "L")
	}
	if len(c.Clauses) > 0 {
		var clauses []string
		for _, cl := range c.Clauses {
			clauses = append(clauses, cl.Number)
		}
		r.doc.Para(append(layout.Plain("Documented information for clauses: ", label), layout.Plain(strings.Join(clauses, ", "), val)...), "L")
	}
	r.doc.Y += layout.GapPara
}

// history draws the revision history.
func (r *renderer) history(c resolve.DocInfo) {
	if len(c.History) == 0 {
		return
	}
	head := layout.Style{Bold: true, Size: layout.SizeTable, Color: layout.ColText}
	val := layout.Style{Size: layout.SizeTable, Color: layout.ColText}
	r.doc.Ensure(layout.LineHeight(layout.SizeBody) + 3*layout.LineHeight(layout.SizeTable))
	r.doc.Para(layout.Plain("Revision history", layout.Style{Bold: true, Size: layout.SizeBody, Color: layout.ColText}), "L")
	r.doc.Y += 1
	t := &layout.Table{Size: layout.SizeTable, Weights: []float64{0.8, 1.2, 1.8, 5}}
	for _, h := range []string{"Version", "Date", "Author", "Change"} {
		t.Header = append(t.Header, layout.TextCell(h, head))
	}
	for _, h := range c.History {
		t.Rows = append(t.Rows, []layout.Cell{layout.TextCell(h.Version, val), layout.TextCell(h.Date.String(), val), layout.TextCell(h.Author, val), layout.TextCell(h.Change, val)})
	}
	r.doc.DrawTable(t)
}

func statusColor(s model.DocStatus) layout.RGB {
	switch s {
	case model.StatusApproved:
		return layout.ColOK
	case model.StatusDraft, model.StatusReview:
		return layout.RGB{R: 170, G: 100, B: 0}
	case model.StatusRetired:
		return layout.ColMuted
	}
	return layout.ColText
}
