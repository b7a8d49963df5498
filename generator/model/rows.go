package model

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// The registers kept as data implement RegisterData, and their rows Row (register.go).

var docKinds = []string{"document", "register"}

func (s *SoA) Control() *DocControl { return &s.Document }
func (s *SoA) Source() *string      { return &s.Path }
func (s *SoA) Rows() []Row          { return rowsOf(s.Controls) }

func (r *RiskRegister) Control() *DocControl { return &r.Document }
func (r *RiskRegister) Source() *string      { return &r.Path }
func (r *RiskRegister) Rows() []Row          { return rowsOf(r.Risks) }

func (t *TreatmentPlan) Control() *DocControl { return &t.Document }
func (t *TreatmentPlan) Source() *string      { return &t.Path }
func (t *TreatmentPlan) Rows() []Row          { return rowsOf(t.Actions) }

func (e *EvidenceRegister) Control() *DocControl { return &e.Document }
func (e *EvidenceRegister) Source() *string      { return &e.Path }
func (e *EvidenceRegister) Rows() []Row          { return rowsOf(e.Evidence) }

// rowsOf returns the non-nil rows of a register as Rows.
func rowsOf[T interface {
	comparable
	Row
}](rows []T) []Row {
	var zero T
	out := make([]Row, 0, len(rows))
	for _, r := range rows {
		if r != zero {
			out = append(out, r)
		}
	}
	return out
}

func (r *SoARow) RowID() string      { return r.Control.ID }
func (r *SoARow) RowIDPos() diag.Pos { return r.Control.Pos }
func (r *SoARow) RowPos() diag.Pos   { return r.Pos }
func (r *SoARow) RowTitle() string   { return "" }
func (r *SoARow) RowRefs() []RefField {
	return []RefField{
		{Field: "SoA control", Refs: []Ref{r.Control}, Kinds: []string{"control"}, Owner: true},
		{Field: "documents", Refs: r.Documents, Kinds: docKinds},
		{Field: "evidence", Refs: r.Evidence, Kinds: []string{"evidence"}},
	}
}

func (r *Risk) RowID() string      { return r.ID }
func (r *Risk) RowIDPos() diag.Pos { return r.IDPos }
func (r *Risk) RowPos() diag.Pos   { return r.Pos }
func (r *Risk) RowTitle() string   { return r.Title }
func (r *Risk) RowRefs() []RefField {
	return []RefField{
		{Field: "asset", Refs: r.Asset, Kinds: []string{"asset"}, Soft: true},
		{Field: "controls", Refs: r.Controls, Kinds: []string{"control"}},
		{Field: "actions", Refs: r.Actions, Kinds: []string{"action"}},
	}
}

func (a *Action) RowID() string      { return a.ID }
func (a *Action) RowIDPos() diag.Pos { return a.IDPos }
func (a *Action) RowPos() diag.Pos   { return a.Pos }

// RowTitle is the action's title, else what it does.
func (a *Action) RowTitle() string {
	if a.Title != "" {
		return a.Title
	}
	return a.Action
}
func (a *Action) RowRefs() []RefField {
	return []RefField{
		{Field: "risks", Refs: a.Risks, Kinds: []string{"risk"}},
		{Field: "controls", Refs: a.Controls, Kinds: []string{"control"}},
		{Field: "evidence", Refs: a.Evidence, Kinds: []string{"evidence"}},
	}
}

func (e *Evidence) RowID() string      { return e.ID }
func (e *Evidence) RowIDPos() diag.Pos { return e.IDPos }
func (e *Evidence) RowPos() diag.Pos   { return e.Pos }
func (e *Evidence) RowTitle() string   { return e.Title }
func (e *Evidence) RowRefs() []RefField {
	return []RefField{{Field: "controls", Refs: e.Controls, Kinds: []string{"control"}}}
}

// Searchable is a row that says what the site's search shows and finds of it: a short
// status line (meta) and its searchable text fields.
type Searchable interface {
	RowSearch() (meta, text []string)
}

// dated is "prefix DATE", or "" for no date.
func dated(prefix string, d Date) string {
	switch {
	case d.IsZero():
		return ""
	case prefix == "":
		return d.String()
	}
	return prefix + " " + d.String()
}

func (r *Risk) RowSearch() (meta, text []string) {
	return []string{r.Owner, string(r.Treatment)},
		[]string{r.Description, strings.Join(IDs(r.Asset), ", "), r.Threat, r.Vulnerability, r.Owner, string(r.Treatment), r.AcceptedBy}
}

func (a *Action) RowSearch() (meta, text []string) {
	return []string{string(a.Status), a.Owner, dated("due", a.Due)},
		[]string{a.Action, a.Owner, a.Approver, a.Resources, a.Measure, string(a.Status)}
}

func (e *Evidence) RowSearch() (meta, text []string) {
	return []string{e.Owner, dated("", e.Date)}, []string{e.Description, e.File, e.Owner}
}
