package export

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// soaTable has one row per catalogue control, in catalogue order, whether or not the SoA
// has a row for it: an auditor must see the gaps too.
func (x exporter) soaTable() *Table {
	g := x.g
	t := &Table{Columns: []string{"control", "title", "theme", "applicable", "reasons", "justification", "status", "owner", "documents", "evidence", "risks", "target"}}
	for _, c := range g.SoAControls() {
		if !x.keepID(c.ID) {
			continue
		}
		var applicable any
		var reasons []string
		var justification, status, owner string
		var target any
		if row, ok := g.SoARow(c.ID); ok {
			if row.Applicable != nil {
				applicable = *row.Applicable
			}
			for _, r := range row.Reasons {
				reasons = append(reasons, string(r))
			}
			justification, status, owner = row.Justification, string(row.Status), row.Owner
			target = date(row.Target)
		}
		docs, ev := g.Implementation(c.ID)
		var risks []string
		if e, ok := g.Lookup(c.ID); ok {
			risks = x.ids(g.BacklinksOfKind(e, resolve.KindRisk))
		}
		t.Rows = append(t.Rows, []any{c.ID, c.Title, c.Theme, applicable, reasons, justification, status, owner, x.ids(docs), x.ids(ev), risks, target})
	}
	return t
}

// registerTable has one row per row of a register, in file order, with the register's
// columns (model.Register.Columns: a risk's levels computed by the method, an action's
// overdue derived from the build date).
func (x exporter) registerTable(reg *model.Register) *Table {
	cols := reg.Columns(model.TableContext{Site: x.g.Site, Date: x.g.Date})
	t := &Table{}
	for _, c := range cols {
		t.Columns = append(t.Columns, c.Name)
	}
	for _, row := range reg.Data(x.g.Site).Rows() {
		if !x.keepID(row.RowID()) {
			continue
		}
		cells := make([]any, len(cols))
		for i, c := range cols {
			cells[i] = c.Value(row)
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// documentTable has one row per published controlled document and register, in ID
// order: the master list of documents (7.5.3). A document without a classification has
// the site's default one.
func (x exporter) documentTable() *Table {
	g := x.g
	t := &Table{Columns: []string{"id", "title", "type", "version", "status", "owner", "approver", "approved", "next_review", "review_overdue", "classification", "path"}}
	for _, e := range g.Documents() {
		m, ok := g.Controlled(e)
		if !ok || !x.keep(e) {
			continue
		}
		class := m.Classification
		if class == "" {
			class = g.Site.Config.Classification
		}
		t.Rows = append(t.Rows, []any{m.ID, m.Title, string(m.Type), m.Version, string(m.Status), m.Owner, m.Approver,
			date(m.Approved), date(m.NextReview), g.DocReviewOverdue(m), string(class), m.Path})
	}
	return t
}

// date is a date cell: YYYY-MM-DD, or nil when unset.
func date(d model.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}
