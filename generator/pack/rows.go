package pack

import (
	"github.com/ismsgen/ismsgen/generator/model"
)

// rowsTable draws a register without a layout of its own in the pack: one table row
// per register row, with the register's columns (model.Register.Columns).
func (r *renderer) rowsTable(it *Item) {
	reg := registerOf(string(it.Kind))
	if reg == nil || reg.Columns == nil {
		return
	}
	rows := reg.Data(r.g.Site).Rows()
	cols := model.Filled(reg.Columns(model.TableContext{Site: r.g.Site, Date: r.g.Date}), rows)
	head := style{bold: true, size: sizeTable - 0.5, color: colText}
	body := style{size: sizeTable - 0.5, color: colText}
	t := &table{size: body.size}
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
