package pack

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// ackTable is the acknowledgement coverage as the acknowledgements export has it (one
// row per distributed document and group), without the documents the pack leaves out
// for its max_classification.
func ackTable(g *resolve.Graph, p *Plan) *export.Table {
	t, err := export.BuildOnly(g, export.Acknowledgements, func(e *resolve.Entity) bool { return !p.leftOut(g, e) })
	if err != nil { // the export kind is known: never
		return &export.Table{}
	}
	return t
}

// ackDocuments returns the documents and registers the acknowledgement coverage lists.
func ackDocuments(g *resolve.Graph, p *Plan) []*resolve.Entity {
	var out []*resolve.Entity
	for _, row := range ackTable(g, p).Rows {
		if e, ok := g.Lookup(model.CellText(row[0])); ok && (len(out) == 0 || out[len(out)-1] != e) {
			out = append(out, e)
		}
	}
	return out
}

// acknowledgements draws the acknowledgement coverage (7.3): for each document and
// register whose distribution: names a group, how many of the group acknowledged its
// version in force, and who has not. Its rows are the acknowledgements export's.
func (r *renderer) acknowledgements() {
	cfg := r.g.Site.Config.Checks
	r.doc.Para(layout.Plain(fmt.Sprintf("Who has acknowledged the version in force of each distributed document and register: "+
		"acknowledgements of an earlier major version do not count. A new major version is expected to reach %g%% of its group within %d days of approval.",
		cfg.AckCoverage(), cfg.AckDays()), r.doc.Base()), "L")
	r.doc.Y += layout.GapPara
	t := ackTable(r.g, r.plan)
	if len(t.Rows) == 0 {
		r.doc.Para(layout.Plain("No published document or register names a distribution group.", withColor(r.doc.Base(), layout.ColMuted)), "L")
		return
	}
	head := layout.Style{Bold: true, Size: layout.SizeTable - 0.5, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable - 0.5, Color: layout.ColText}
	tab := &layout.Table{Size: body.Size, Weights: []float64{2.1, 3.2, 1, 1.4, 2.2, 1.1, 1.6, 1.5, 1.2, 3.2}}
	col := map[string]int{}
	for i, c := range t.Columns {
		col[c] = i
		tab.Header = append(tab.Header, layout.TextCell(model.ColumnLabel(c), head))
	}
	low := cfg.AckCoverage()
	for _, row := range t.Rows {
		var cells []layout.Cell
		for i, v := range row {
			text := model.CellText(v)
			switch {
			case i == col["document"]:
				cells = append(cells, layout.Cell{Spans: r.idLinks([]string{text}, withBold(body))})
			case i == col["coverage"]:
				st := withColor(withBold(body), layout.ColOK)
				if n, ok := v.(int); ok && float64(n) < low {
					st = withColor(withBold(body), layout.ColAlert)
				}
				cells = append(cells, layout.TextCell(text+"%", st))
			default:
				cells = append(cells, layout.TextCell(text, body))
			}
		}
		tab.Rows = append(tab.Rows, cells)
	}
	r.doc.DrawTable(tab)
}
