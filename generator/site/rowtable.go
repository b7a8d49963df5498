package site

import (
	"html/template"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// The generic register layouts: a register without a layout of its own (layouts
// register.html and row.html) shows its rows with its columns (model.Register.Columns),
// each reference a link, so that a register added to the table needs no template.

// rowTable is a register's rows as the register layout shows them.
type rowTable struct {
	Columns []rowColumn
	Rows    []rowView
}

// rowColumn is one column of a rowTable.
type rowColumn struct {
	Name  string // the export's name ("held_in")
	Label string // its header ("Held in")
	// Short is the header a wide table shows instead of a long label ("Class." for
	// "Classification", with the label as its tooltip); "" when Label is short.
	Short string
	// Filter marks a column whose values repeat (a type, an owner): the table offers
	// a filter on it.
	Filter bool
}

// rowView is one row of a rowTable: its entity and its cells as HTML.
type rowView struct {
	Entity *resolve.Entity
	Cells  []rowCell
}

// rowCell is one cell: its HTML and, for sorting, its text.
type rowCell struct {
	HTML template.HTML
	Sort string
}

// rowField is one field of a row's page.
type rowField struct {
	Label string
	HTML  template.HTML
}

// shortLabels are the headers of long-labelled columns, which make a register with
// many columns too wide for a 1280 px window at its full labels.
var shortLabels = map[string]string{
	"classification":  "Class.",
	"relationship":    "Rel.",
	"criticality":     "Crit.",
	"confidentiality": "C",
	"integrity":       "I",
	"availability":    "A",
	"last_assessment": "Last assessed",
	"next_assessment": "Next assessed",
}

// filterLimit is the most distinct values a column may have to be offered as a filter.
const filterLimit = 12

// RowTable returns the rows of the page's register with its columns; nil when the page
// is not a register's or the register has no columns.
func (p *Page) RowTable() *rowTable {
	reg, cols := p.columns()
	if reg == nil {
		return nil
	}
	rows := reg.Data(p.G.Site).Rows()
	cols = model.Filled(slices.DeleteFunc(cols, func(c model.Column) bool { return slices.Contains(reg.Details, c.Name) }), rows)
	t := &rowTable{}
	distinct := make([]map[string]bool, len(cols))
	for i, c := range cols {
		t.Columns = append(t.Columns, rowColumn{Name: c.Name, Label: model.ColumnLabel(c.Name), Short: shortLabels[c.Name]})
		distinct[i] = map[string]bool{}
	}
	lists := make([]bool, len(cols))
	for _, row := range rows {
		e, ok := p.G.Lookup(row.RowID())
		if !ok || !p.pub().shown(e) {
			continue
		}
		v := rowView{Entity: e}
		refs := refFields(row)
		for i, c := range cols {
			val := c.Value(row)
			if _, ok := val.([]string); ok {
				lists[i] = true
			}
			text := model.CellText(val)
			distinct[i][text] = true
			cell := rowCell{HTML: p.cellHTML(c.Name, val, refs), Sort: text}
			if i == 0 {
				cell.HTML = p.Link(e)
			}
			v.Cells = append(v.Cells, cell)
		}
		t.Rows = append(t.Rows, v)
	}
	for i := range t.Columns {
		n := len(distinct[i])
		t.Columns[i].Filter = i > 1 && !lists[i] && n > 1 && n <= filterLimit && n < len(t.Rows)
	}
	return t
}

// RowFields returns the fields of the page's row, in column order, without its ID and
// title (the page's heading) and without the empty ones.
func (p *Page) RowFields() []rowField {
	e := p.Entity
	if e == nil || e.Row == nil || e.Reg == nil || e.Reg.ColumnsOf(e.RowKind) == nil {
		return nil
	}
	refs := refFields(e.Row)
	var out []rowField
	for _, c := range e.Reg.ColumnsOf(e.RowKind)(model.TableContext{Site: p.G.Site, Date: p.G.Date}) {
		val := c.Value(e.Row)
		if c.Name == "id" || model.CellText(val) == "" || model.CellText(val) == e.Title {
			continue
		}
		out = append(out, rowField{Label: model.ColumnLabel(c.Name), HTML: p.cellHTML(c.Name, val, refs)})
	}
	return out
}

// columns returns the register of the page's register entity and its columns.
func (p *Page) columns() (*model.Register, []model.Column) {
	e := p.Entity
	if e == nil || e.Kind != resolve.KindRegister || e.Reg == nil || e.Reg.Columns == nil {
		return nil, nil
	}
	return e.Reg, e.Reg.Columns(model.TableContext{Site: p.G.Site, Date: p.G.Date})
}

// refFields names the fields of a row that reference other entities.
func refFields(row model.Row) map[string]bool {
	out := map[string]bool{}
	for _, f := range row.RowRefs() {
		out[f.Field] = true
	}
	return out
}

// cellHTML is a value as a cell shows it: the IDs of a reference field as links (an ID
// that names nothing as text), anything else as escaped text.
func (p *Page) cellHTML(name string, val any, refs map[string]bool) template.HTML {
	if d, ok := val.(model.Date); ok {
		return dateHTML(d)
	}
	if s, ok := val.(string); ok && isDate(s) {
		return dateHTML(s) // a date column's cell (model's dateCell)
	}
	if s, ok := val.(string); ok && name == "owner" {
		return p.Owner(s)
	}
	ids, isList := val.([]string)
	if !refs[name] || !isList {
		return wrapHTML(model.CellText(val))
	}
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(string(p.LinkID(id)))
	}
	return template.HTML(b.String())
}
