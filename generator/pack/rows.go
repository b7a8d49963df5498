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
	t := &table{size: body.Size}
	for _, c := range cols {
		t.header = append(t.header, txt(model.ColumnLabel(c.Name), head))
	}
	for _, row := range rows {
		e, ok := r.g.Lookup(row.RowID())
		if ok && r.plan.leftOut(r.g, e) {
			continue
		}
		var cells []cell
		for i, c := range cols {
			st := body
			if i == 0 {
				st = withBold(body)
			}
			cells = append(cells, txt(model.CellText(c.Value(row)), st))
		}
		t.rows = append(t.rows, cells)
		t.keys = append(t.keys, anchorKey{e: e})
	}
	r.drawTable(t)
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
		t := &table{size: layout.SizeTable, weights: []float64{1, 3.4}, keys: []anchorKey{{e: e}}}
		for i, c := range cols {
			text := model.CellText(c.Value(row))
			if text == "" {
				continue
			}
			st := val
			if i == 0 {
				st = withBold(val)
			}
			t.rows = append(t.rows, []cell{{spans: layout.Plain(model.ColumnLabel(c.Name), label), fill: &layout.ColLabel}, txt(text, st)})
		}
		r.drawTable(t)
		r.Y += gapPara
	}
}
