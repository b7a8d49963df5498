package pack

import (
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	east "github.com/yuin/goldmark/extension/ast"
)

// mdTable converts a GFM table.
func (r *renderer) mdTable(d *docCtx, t *east.Table) {
	tb := &layout.Table{Size: layout.SizeTable}
	body := layout.Style{Size: layout.SizeTable, Color: r.doc.TextColor}
	head := body
	head.Bold = true
	for c := t.FirstChild(); c != nil; c = c.NextSibling() {
		st := body
		if _, ok := c.(*east.TableHeader); ok {
			st = head
		}
		var cells []layout.Cell
		for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
			tc, ok := cc.(*east.TableCell)
			if !ok {
				continue
			}
			cl := layout.Cell{Spans: d.in.Spans(tc, st)}
			switch tc.Alignment {
			case east.AlignCenter:
				cl.Align = "C"
			case east.AlignRight:
				cl.Align = "R"
			}
			cells = append(cells, cl)
		}
		if st.Bold {
			tb.Header = cells
		} else {
			tb.Rows = append(tb.Rows, cells)
		}
	}
	r.doc.Gap(0.5)
	r.doc.DrawTable(tb)
}
