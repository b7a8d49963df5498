package pack

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
)

// treatment draws the risk treatment plan (ISO/IEC 27001 6.1.3 e, 8.3); an open action
// past its due date on the build date is marked overdue.
func (r *renderer) treatment() {
	g := r.g
	acts := g.Site.Treatment.Actions
	r.doc.Para(layout.Plain(g.TreatmentSummary(), r.doc.Base()), "L")
	r.doc.Y += layout.GapPara
	head := layout.Style{Bold: true, Size: layout.SizeTable - 0.5, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable - 0.5, Color: layout.ColText}
	t := &layout.Table{Size: body.Size, Weights: []float64{1.1, 4.6, 1.1, 1.4, 1.6, 1.35, 1.35, 1.7, 2.4, 1.3}}
	for _, h := range []string{"Action", "What", "Risks", "Controls", "Owner", "Start", "Due", "Status", "Measure", "Evidence"} {
		t.Header = append(t.Header, layout.TextCell(h, head))
	}
	alertFill := layout.RGB{R: 255, G: 225, B: 225}
	for _, a := range acts {
		if a == nil {
			continue
		}
		e, _ := g.Lookup(a.ID)
		what := []layout.Span{}
		if a.Title != "" {
			what = append(what, layout.Span{Text: a.Title, Style: withBold(body)})
		}
		if a.Action != "" && a.Action != a.Title {
			if len(what) > 0 {
				what = append(what, layout.Span{Break: true, Style: body})
			}
			what = append(what, layout.Span{Text: a.Action, Style: body})
		}
		if a.Resources != "" {
			what = append(what, layout.Span{Break: true, Style: body}, layout.Span{Text: "Resources: " + a.Resources, Style: withColor(body, layout.ColMuted)})
		}
		status := layout.Cell{Spans: layout.Plain(string(a.Status), body)}
		if !a.Completed.IsZero() {
			status.Spans = append(status.Spans, layout.Span{Text: " " + a.Completed.String(), Style: body})
		}
		if g.Overdue(a) {
			status = layout.Cell{Spans: []layout.Span{{Text: "OVERDUE", Style: withColor(withBold(body), layout.ColAlert)}, {Text: " (" + string(a.Status) + ")", Style: body}}, Fill: &alertFill}
		}
		t.Rows = append(t.Rows, []layout.Cell{
			layout.TextCell(a.ID, withBold(body)),
			{Spans: what},
			{Spans: r.idLinks(model.IDs(a.Risks), body)},
			{Spans: r.idLinks(model.IDs(a.Controls), body)},
			layout.TextCell(strings.TrimSpace(a.Owner+approver(a.Approver)), body),
			layout.TextCell(a.Start.String(), body),
			layout.TextCell(a.Due.String(), body),
			status,
			layout.TextCell(a.Measure, body),
			{Spans: r.idLinks(model.IDs(a.Evidence), body)},
		})
		t.Marks = append(t.Marks, r.rowMark(e))
	}
	r.doc.DrawTable(t)
}

func approver(s string) string {
	if s == "" {
		return ""
	}
	return " (approver: " + s + ")"
}
