package pack

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
)

// maxTableColumns is the most columns a register's rows are drawn with as one table on
// a portrait page; a register with more is drawn row by row as records.
const maxTableColumns = 9

// rowsTable draws a register without a layout of its own in the pack: one table row
// per register row, with the register's columns (model.Register.Columns), or one record
// per row when it has too many columns to be read across a page.
func (r *renderer) rowsTable(it *Item) {
	reg := registerOf(string(it.Kind))
	if reg == nil || reg.Columns == nil {
		return
	}
	rows := reg.Data(r.g.Site).Rows()
	cols := model.Filled(reg.Columns(model.TableContext{Site: r.g.Site, Date: r.g.Date}), rows)
	if len(cols) > maxTableColumns {
		r.rowRecords(rows, cols)
		return
	}
	head := layout.Style{Bold: true, Size: layout.SizeTable - 0.5, Color: layout.ColText}
	body := layout.Style{Size: layout.SizeTable - 0.5, Color: layout.ColText}
	t := &layout.Table{Size: body.Size}
	for _, c := range cols {
		t.Header = append(t.Header, layout.TextCell(model.ColumnLabel(c.Name), head))
	}
	for _, row := range rows {
		e, ok := r.g.Lookup(row.RowID())
		if ok && r.plan.leftOut(r.g, e) {
			continue
		}
		var cells []layout.Cell
		for i, c := range cols {
			st := body
			if i == 0 {
				st = withBold(body)
			}
			cells = append(cells, layout.TextCell(model.CellText(c.Value(row)), st))
		}
		t.Rows = append(t.Rows, cells)
		t.Marks = append(t.Marks, r.rowMark(e))
	}
	r.doc.DrawTable(t)
}

// rowRecords draws each row as a record: a two-column table of the row's filled
// fields, its ID first.
func (r *renderer) rowRecords(rows []model.Row, cols []model.Column) {
	label := layout.Style{Bold: true, Size: layout.SizeTable, Color: layout.ColMuted}
	val := layout.Style{Size: layout.SizeTable, Color: layout.ColText}
	for _, row := range rows {
		e, ok := r.g.Lookup(row.RowID())
		if ok && r.plan.leftOut(r.g, e) {
			continue
		}
		t := &layout.Table{Size: layout.SizeTable, Weights: []float64{1, 3.4}, Marks: []func(float64){r.rowMark(e)}}
		for i, c := range cols {
			text := model.CellText(c.Value(row))
			if text == "" {
				continue
			}
			st := val
			if i == 0 {
				st = withBold(val)
			}
			t.Rows = append(t.Rows, []layout.Cell{{Spans: layout.Plain(model.ColumnLabel(c.Name), label), Fill: &layout.ColLabel}, layout.TextCell(text, st)})
		}
		r.doc.DrawTable(t)
		r.doc.Y += layout.GapPara
	}
}
