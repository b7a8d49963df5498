package pack

// clauses draws the clause coverage matrix: each ISO/IEC 27001 clause that asks for
// documented information, and the documents and registers that declare it.
func (r *renderer) clauses() {
	r.para(plain("Which documents and registers are the documented information each clause asks for. A mandatory clause is covered when an approved document or register declares it.", r.base()), "L")
	r.y += gapPara
	head := style{bold: true, size: sizeTable, color: colText}
	body := style{size: sizeTable, color: colText}
	t := &table{size: sizeTable, weights: []float64{0.8, 2.2, 3.6, 1.1, 2.4, 1.2}}
	for _, h := range []string{"Clause", "Title", "Requires", "Mandatory", "Covered by", "Status"} {
		t.header = append(t.header, txt(h, head))
	}
	for _, cov := range r.g.ClauseCoverage() {
		c := cov.Clause
		mandatory := "no"
		if c.Mandatory {
			mandatory = "yes"
		}
		status := txt("covered", withColor(withBold(body), colOK))
		switch {
		case cov.Covered():
		case c.Mandatory:
			status = txt("GAP", withColor(withBold(body), colAlert))
		default:
			status = txt("not covered", withColor(body, colMuted))
		}
		t.rows = append(t.rows, []cell{
			txt(c.Number, withBold(body)), txt(c.Title, body), txt(c.Requires, body), txt(mandatory, body),
			{spans: r.idLinks(entityIDs(cov.By), body)}, status,
		})
	}
	r.drawTable(t)
}
