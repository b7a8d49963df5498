package model

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

// The nonconformity log (clause 10.2): data/nonconformities.yaml, one row per
// nonconformity with its correction, root cause, corrective action and the check that
// the action worked.

// NonconformityLog is data/nonconformities.yaml.
type NonconformityLog struct {
	Path            string           `yaml:"-"`
	Document        DocControl       `yaml:"document"`
	Nonconformities []*Nonconformity `yaml:"nonconformities"`
}

// Nonconformity is one row of the nonconformity log.
type Nonconformity struct {
	Pos       diag.Pos `yaml:"-"`
	ID        string   `yaml:"id"`
	IDPos     diag.Pos `yaml:"-"`
	Title     string   `yaml:"title"`
	Raised    Date     `yaml:"raised"`
	RaisedPos diag.Pos `yaml:"-"`
	// Source is where it was found; Reference names the finding there (an audit
	// finding, an incident number).
	Source    NCSource `yaml:"source"`
	Reference string   `yaml:"reference"`
	// Finding is the audit finding that raised it ("AUD-2026/NC-2026-03"), when an
	// audit did: a reference when the site keeps an audit programme, else free text.
	Finding Ref `yaml:"finding"`
	// Requirements are the controls and documents whose requirement was not met;
	// Clauses the clauses of ISO/IEC 27001.
	Requirements     []Ref    `yaml:"requirements"`
	Clauses          []string `yaml:"clauses"`
	Description      string   `yaml:"description"`
	Correction       string   `yaml:"correction"`
	RootCause        string   `yaml:"root_cause"`
	CorrectiveAction string   `yaml:"corrective_action"`
	// Actions are the treatment actions that carry the corrective action, when it is
	// tracked in the risk treatment plan.
	Actions   []Ref    `yaml:"actions"`
	Owner     string   `yaml:"owner"`
	OwnerPos  diag.Pos `yaml:"-"`
	Due       Date     `yaml:"due"`
	DuePos    diag.Pos `yaml:"-"`
	Status    NCStatus `yaml:"status"`
	StatusPos diag.Pos `yaml:"-"`
	Closed    Date     `yaml:"closed"`
	ClosedPos diag.Pos `yaml:"-"`
	// Effectiveness is the review of whether the corrective action worked (10.2 d).
	Effectiveness Effectiveness `yaml:"effectiveness"`
}

// Effectiveness is the review of a corrective action.
type Effectiveness struct {
	Pos diag.Pos `yaml:"-"`
	// Due is when the review is to be made; Checked when it was, with its Result and
	// what was looked at (Notes).
	Due        Date     `yaml:"due"`
	DuePos     diag.Pos `yaml:"-"`
	Checked    Date     `yaml:"checked"`
	CheckedPos diag.Pos `yaml:"-"`
	Result     NCResult `yaml:"result"`
	ResultPos  diag.Pos `yaml:"-"`
	Notes      string   `yaml:"notes"`
}

// NCSource is where a nonconformity was found.
type NCSource string

func (s *NCSource) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "nonconformity source", []string{"internal-audit", "external-audit", "incident", "management-review", "monitoring", "complaint", "observation"},
		map[string]string{"audit": "internal-audit", "review": "management-review", "kpi": "monitoring"})
	*s = NCSource(v)
	return err
}

// NCStatus is how far a nonconformity's handling has gone.
type NCStatus string

// The statuses of a nonconformity, in order.
const (
	NCOpen       NCStatus = "open"
	NCInProgress NCStatus = "in-progress"
	NCActionDone NCStatus = "action-done"
	NCClosed     NCStatus = "closed"
)

func (s *NCStatus) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "nonconformity status", []string{string(NCOpen), string(NCInProgress), string(NCActionDone), string(NCClosed)},
		map[string]string{"done": string(NCActionDone)})
	*s = NCStatus(v)
	return err
}

// NCResult is the outcome of an effectiveness review.
type NCResult string

// NCEffective is a corrective action that worked.
const NCEffective NCResult = "effective"

func (r *NCResult) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "effectiveness result", []string{string(NCEffective), "not-effective"}, map[string]string{"ineffective": "not-effective"})
	*r = NCResult(v)
	return err
}

func (l *NonconformityLog) Control() *DocControl { return &l.Document }
func (l *NonconformityLog) Source() *string      { return &l.Path }
func (l *NonconformityLog) Rows() []Row          { return rowsOf(l.Nonconformities) }

func (nc *Nonconformity) RowID() string      { return nc.ID }
func (nc *Nonconformity) RowIDPos() diag.Pos { return nc.IDPos }
func (nc *Nonconformity) RowPos() diag.Pos   { return nc.Pos }
func (nc *Nonconformity) RowTitle() string   { return nc.Title }
func (nc *Nonconformity) RowRefs() []RefField {
	refs := []RefField{
		{Field: "requirements", Refs: nc.Requirements},
		{Field: "actions", Refs: nc.Actions, Kinds: []string{"action"}},
	}
	if nc.Finding.ID != "" {
		refs = append(refs, RefField{Field: "finding", Refs: []Ref{nc.Finding}, Kinds: []string{"finding"}, Soft: true})
	}
	return refs
}

func (nc *Nonconformity) RowSearch() (meta, text []string) {
	return []string{string(nc.Source), string(nc.Status), nc.Owner, dated("due", nc.Due)},
		[]string{nc.Description, nc.Correction, nc.RootCause, nc.CorrectiveAction, nc.Effectiveness.Notes}
}

// ncColumns are the nonconformity log's.
func ncColumns(TableContext) []Column {
	nc := func(f func(*Nonconformity) any) func(Row) any {
		return func(r Row) any { return f(r.(*Nonconformity)) }
	}
	return []Column{
		{"id", nc(func(n *Nonconformity) any { return n.ID })},
		{"title", nc(func(n *Nonconformity) any { return n.Title })},
		{"raised", nc(func(n *Nonconformity) any { return dateCell(n.Raised) })},
		{"source", nc(func(n *Nonconformity) any { return string(n.Source) })},
		{"reference", nc(func(n *Nonconformity) any { return n.Reference })},
		{"finding", nc(func(n *Nonconformity) any { return optionalID(n.Finding.ID) })},
		{"requirements", nc(func(n *Nonconformity) any { return IDs(n.Requirements) })},
		{"clauses", nc(func(n *Nonconformity) any { return n.Clauses })},
		{"owner", nc(func(n *Nonconformity) any { return n.Owner })},
		{"due", nc(func(n *Nonconformity) any { return dateCell(n.Due) })},
		{"status", nc(func(n *Nonconformity) any { return string(n.Status) })},
		{"closed", nc(func(n *Nonconformity) any { return dateCell(n.Closed) })},
		{"effectiveness_due", nc(func(n *Nonconformity) any { return dateCell(n.Effectiveness.Due) })},
		{"effectiveness_checked", nc(func(n *Nonconformity) any { return dateCell(n.Effectiveness.Checked) })},
		{"effectiveness_result", nc(func(n *Nonconformity) any { return string(n.Effectiveness.Result) })},
		{"description", nc(func(n *Nonconformity) any { return n.Description })},
		{"correction", nc(func(n *Nonconformity) any { return n.Correction })},
		{"root_cause", nc(func(n *Nonconformity) any { return n.RootCause })},
		{"corrective_action", nc(func(n *Nonconformity) any { return n.CorrectiveAction })},
		{"actions", nc(func(n *Nonconformity) any { return IDs(n.Actions) })},
		{"effectiveness_notes", nc(func(n *Nonconformity) any { return n.Effectiveness.Notes })},
	}
}

// ncRegister describes the nonconformity log for the register table.
func ncRegister() *Register {
	return &Register{Name: "nonconformities", Artefact: "nonconformity-log", File: "data/nonconformities.yaml", Key: "nonconformities", ID: "REG-NC",
		Title: "Nonconformity and corrective action log", Page: "nonconformities/index.html", Layout: "register",
		Section: "Nonconformities", Clause: "10.2",
		About:   "one row per nonconformity, with its correction, root cause, corrective action and effectiveness review",
		Row:     &RowKind{Kind: "nonconformity", Noun: "nonconformity", Plural: "nonconformities", Dir: "nonconformities", Layout: "row"},
		Data:    func(s *Site) RegisterData { return &s.Nonconformities },
		Columns: ncColumns, Fields: ncFields,
		Details: []string{"finding", "description", "correction", "root_cause", "corrective_action", "effectiveness_notes"},
		Tracked: []string{"status", "owner", "due", "closed", "effectiveness_result"}}
}
