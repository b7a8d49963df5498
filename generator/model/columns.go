package model

import (
	"fmt"
	"strings"
)

// Column is one field of a register's rows as a table shows it: the exports (CSV, JSON),
// a pack's generic register section and the "what changed" comparison of rows. A value
// is a string, an int, a bool, a []string (a list) or nil (no value).
type Column struct {
	Name  string // the CSV header and JSON key ("residual_level")
	Value func(row Row) any
}

// TableContext is what a register's columns may read besides the row: the site (the
// risk method computes levels) and the build date (overdue is derived from it).
type TableContext struct {
	Site *Site
	Date Date
}

// CellText is a column value as text: a list joined with commas, a bool as yes or no,
// nothing as "".
func CellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []string:
		return strings.Join(v, ", ")
	case bool:
		if v {
			return "yes"
		}
		return "no"
	}
	return fmt.Sprint(v)
}

// ColumnLabel is a column's name as a table header: "held_in" is "Held in".
func ColumnLabel(name string) string {
	switch s := strings.ReplaceAll(name, "_", " "); s {
	case "":
		return s
	case "id":
		return "ID"
	case "cia":
		return "CIA"
	default:
		return strings.ToUpper(s[:1]) + s[1:]
	}
}

// Filled returns the columns that have a value in at least one of the rows: a table
// need not show a column nobody has filled in.
func Filled(cols []Column, rows []Row) []Column {
	var out []Column
	for _, c := range cols {
		for _, r := range rows {
			if CellText(c.Value(r)) != "" {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// dateCell is a date column's value: YYYY-MM-DD, or nil when unset.
func dateCell(d Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// numberCell is a scale value: nil when unset (0 is never on a scale).
func numberCell(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// riskColumns are the risk register's: levels and bands computed by the method, never
// typed in; the residual level is the inherent one when no residual likelihood and
// impact are recorded.
func riskColumns(c TableContext) []Column {
	m := &c.Site.Risks.Method
	risk := func(f func(*Risk) any) func(Row) any { return func(r Row) any { return f(r.(*Risk)) } }
	levels := func(r *Risk) (inherent, residual int, scored bool) {
		inherent = m.Level(r.Likelihood, r.Impact)
		residual = inherent
		if r.Residual != nil {
			residual = m.Level(r.Residual.Likelihood, r.Residual.Impact)
		}
		return inherent, residual, r.Likelihood != 0 && r.Impact != 0
	}
	return []Column{
		{"id", risk(func(r *Risk) any { return r.ID })},
		{"title", risk(func(r *Risk) any { return r.Title })},
		{"description", risk(func(r *Risk) any { return r.Description })},
		{"asset", risk(func(r *Risk) any { return IDs(r.Asset) })},
		{"threat", risk(func(r *Risk) any { return r.Threat })},
		{"vulnerability", risk(func(r *Risk) any { return r.Vulnerability })},
		{"cia", risk(func(r *Risk) any {
			var out []string
			for _, x := range r.CIA {
				out = append(out, string(x))
			}
			return out
		})},
		{"owner", risk(func(r *Risk) any { return r.Owner })},
		{"likelihood", risk(func(r *Risk) any { return numberCell(r.Likelihood) })},
		{"impact", risk(func(r *Risk) any { return numberCell(r.Impact) })},
		{"level", risk(func(r *Risk) any {
			if l, _, ok := levels(r); ok {
				return l
			}
			return nil
		})},
		{"band", risk(func(r *Risk) any {
			if l, _, ok := levels(r); ok {
				return m.Band(l)
			}
			return nil
		})},
		{"acceptable", risk(func(r *Risk) any {
			if l, _, ok := levels(r); ok {
				return m.Acceptable(l)
			}
			return nil
		})},
		{"treatment", risk(func(r *Risk) any { return string(r.Treatment) })},
		{"controls", risk(func(r *Risk) any { return IDs(r.Controls) })},
		{"actions", risk(func(r *Risk) any { return IDs(r.Actions) })},
		{"residual_likelihood", risk(func(r *Risk) any {
			if r.Residual == nil {
				return nil
			}
			return numberCell(r.Residual.Likelihood)
		})},
		{"residual_impact", risk(func(r *Risk) any {
			if r.Residual == nil {
				return nil
			}
			return numberCell(r.Residual.Impact)
		})},
		{"residual_level", risk(func(r *Risk) any {
			_, res, ok := levels(r)
			if !ok || (r.Residual != nil && (r.Residual.Likelihood == 0 || r.Residual.Impact == 0)) {
				return nil
			}
			return res
		})},
		{"accepted_by", risk(func(r *Risk) any { return r.AcceptedBy })},
		{"accepted", risk(func(r *Risk) any { return dateCell(r.Accepted) })},
		{"accepted_until", risk(func(r *Risk) any { return dateCell(r.AcceptedUntil) })},
		{"review", risk(func(r *Risk) any { return dateCell(r.Review) })},
	}
}

// actionColumns are the treatment plan's; overdue is derived from the due date and the
// build date.
func actionColumns(c TableContext) []Column {
	act := func(f func(*Action) any) func(Row) any { return func(r Row) any { return f(r.(*Action)) } }
	return []Column{
		{"id", act(func(a *Action) any { return a.ID })},
		{"title", act(func(a *Action) any { return a.Title })},
		{"risks", act(func(a *Action) any { return IDs(a.Risks) })},
		{"action", act(func(a *Action) any { return a.Action })},
		{"controls", act(func(a *Action) any { return IDs(a.Controls) })},
		{"owner", act(func(a *Action) any { return a.Owner })},
		{"approver", act(func(a *Action) any { return a.Approver })},
		{"resources", act(func(a *Action) any { return a.Resources })},
		{"start", act(func(a *Action) any { return dateCell(a.Start) })},
		{"due", act(func(a *Action) any { return dateCell(a.Due) })},
		{"status", act(func(a *Action) any { return string(a.Status) })},
		{"measure", act(func(a *Action) any { return a.Measure })},
		{"overdue", act(func(a *Action) any { return a.Overdue(c.Date) })},
		{"evidence", act(func(a *Action) any { return IDs(a.Evidence) })},
		{"completed", act(func(a *Action) any { return dateCell(a.Completed) })},
	}
}

// evidenceColumns are the evidence register's, with each file's SHA-256.
func evidenceColumns(TableContext) []Column {
	ev := func(f func(*Evidence) any) func(Row) any { return func(r Row) any { return f(r.(*Evidence)) } }
	return []Column{
		{"id", ev(func(e *Evidence) any { return e.ID })},
		{"title", ev(func(e *Evidence) any { return e.Title })},
		{"description", ev(func(e *Evidence) any { return e.Description })},
		{"file", ev(func(e *Evidence) any { return e.File })},
		{"sha256", ev(func(e *Evidence) any { return e.SHA256 })},
		{"controls", ev(func(e *Evidence) any { return IDs(e.Controls) })},
		{"date", ev(func(e *Evidence) any { return dateCell(e.Date) })},
		{"owner", ev(func(e *Evidence) any { return e.Owner })},
	}
}
