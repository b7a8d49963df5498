package pack

import "github.com/ismsgen/ismsgen/generator/pack/layout"

// clauses draws the clause coverage matrix: each ISO/IEC 27001 clause that asks for
// documented information, and the documents and registers that declare it.
func (r *renderer) clauses() {
	r.doc.Para(layout.Plain("Which documents and registers are the documented information each clause asks for. A mandatory clause is covered when an approved document or register declares it.", r.doc.Base()), "L")
	r.doc.Y += layout.GapPara
	head := layout.Style{Bold: true, Size: layout.SizeTable, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable, Color: layout.ColText}
	t := &layout.Table{Size: layout.SizeTable, Weights: []float64{0.8, 2.2, 3.6, 1.1, 2.4, 1.2}}
	for _, h := range []string{"Clause", "Title", "Requires", "Mandatory", "Covered by", "Status"} {
		t.Header = append(t.Header, layout.TextCell(h, head))
	}
	for _, cov := range r.g.ClauseCoverage() {
		c := cov.Clause
		mandatory := "no"
		if c.Mandatory {
			mandatory = "yes"
		}
		status := layout.TextCell("covered", withColor(withBold(body), layout.ColOK))
		switch {
		case cov.Covered():
		case c.Mandatory:
			status = layout.TextCell("GAP", withColor(withBold(body), layout.ColAlert))
		default:
			status = layout.TextCell("not covered", withColor(body, layout.ColMuted))
		}
		t.Rows = append(t.Rows, []layout.Cell{
			layout.TextCell(c.Number, withBold(body)), layout.TextCell(c.Title, body), layout.TextCell(c.Requires, body), layout.TextCell(mandatory, body),
			{Spans: r.idLinks(entityIDs(cov.By), body)}, status,
		})
	}
	r.doc.DrawTable(t)
}
