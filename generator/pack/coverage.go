package pack

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// coverage draws a framework's coverage (coverage:NAME): every requirement, what it
// maps onto with each target's status, the derived coverage, and the documents and
// evidence behind it; gaps stand out.
func (r *renderer) coverage(it *Item) {
	f := it.Framework
	n := map[resolve.Level]int{}
	reqs := r.g.Requirements(f.Name)
	for _, q := range reqs {
		n[q.Level]++
	}
	r.doc.Para(layout.Plain(fmt.Sprintf("Every requirement of %s with the controls and clauses it maps onto and their status in the Statement of Applicability, and the coverage derived from them: %d requirements, %d covered, %d partly covered, %d gaps, %d not applicable.",
		f.DisplayTitle(), len(reqs), n[resolve.Covered], n[resolve.PartlyCovered], n[resolve.Gap], n[resolve.NotApplicable]), r.doc.Base()), "L")
	r.doc.Y += layout.GapPara
	head := layout.Style{Bold: true, Size: layout.SizeTable - 0.5, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable - 0.5, Color: layout.ColText}
	t := &layout.Table{Size: body.Size, Weights: []float64{1.2, 2.4, 1, 4, 2, 1.4}}
	for _, h := range []string{"Requirement", "Title", "Coverage", "Mapped to", "Documents", "Evidence"} {
		t.Header = append(t.Header, layout.TextCell(h, head))
	}
	for _, q := range reqs {
		if r.plan.leftOut(r.g, q.Entity) {
			continue
		}
		level := layout.TextCell(string(q.Level), withColor(withBold(body), layout.ColOK))
		switch q.Level {
		case resolve.Gap:
			level = layout.TextCell("GAP", withColor(withBold(body), layout.ColAlert))
		case resolve.PartlyCovered, resolve.NotApplicable:
			level = layout.TextCell(string(q.Level), withColor(withBold(body), layout.ColMuted))
		}
		var to []string
		if q.Row != nil {
			to = append(to, "own SoA row: "+string(q.Row.Status))
		}
		for _, mt := range q.Targets {
			to = append(to, fmt.Sprintf("%s (%s)", mt.ID, mt.Status))
		}
		if len(to) == 0 {
			to = []string{"nothing"}
		}
		t.Rows = append(t.Rows, []layout.Cell{
			layout.TextCell(q.Entity.ID, withBold(body)), layout.TextCell(q.Entity.Title, body), level, layout.TextCell(strings.Join(to, "; "), body),
			{Spans: r.idLinks(entityIDs(q.Documents), body)}, {Spans: r.idLinks(entityIDs(q.Evidence), body)},
		})
	}
	r.doc.DrawTable(t)
	for _, a := range attributions(r.g, f.Name, f.Attribution) {
		r.doc.Y += layout.GapPara
		r.doc.Para(layout.Plain(a, withColor(r.doc.Base(), layout.ColMuted)), "L")
	}
}

// attributions are the licence notices of a framework and of the crosswalks in use
// that map it, which must travel with their facts.
func attributions(g *resolve.Graph, name, own string) []string {
	var out []string
	if own != "" {
		out = append(out, own)
	}
	for _, x := range g.Crosswalks() {
		if x.Source.ID == name && x.Attribution != "" {
			out = append(out, x.Attribution)
		}
	}
	return out
}
