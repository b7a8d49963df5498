package model

import (
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

// The internal audit programme (clause 9.2): data/audits.yaml, one row per audit,
// planned or held, with its scope and, once held, its findings.

// AuditProgramme is data/audits.yaml.
type AuditProgramme struct {
	Path     string     `yaml:"-"`
	Document DocControl `yaml:"document"`
	Audits   []*Audit   `yaml:"audits"`
}

// Audit is one audit of the programme.
type Audit struct {
	Pos   diag.Pos `yaml:"-"`
	ID    string   `yaml:"id"`
	IDPos diag.Pos `yaml:"-"`
	Title string   `yaml:"title"`
	// Planned is when the audit starts; Held when it was held (its report's date).
	Planned    Date        `yaml:"planned"`
	PlannedPos diag.Pos    `yaml:"-"`
	Held       Date        `yaml:"held"`
	HeldPos    diag.Pos    `yaml:"-"`
	Status     AuditStatus `yaml:"status"`
	StatusPos  diag.Pos    `yaml:"-"`
	Auditor    string      `yaml:"auditor"`
	Scope      AuditScope  `yaml:"scope"`
	Criteria   string      `yaml:"criteria"`
	Conclusion string      `yaml:"conclusion"`
	// Report is the document or evidence record that holds the audit's report.
	Report   []Ref           `yaml:"report"`
	Findings []*AuditFinding `yaml:"findings"`
}

// AuditScope is what an audit covers: clauses of ISO/IEC 27001 (a clause covers its
// sub-clauses), controls, and whole control themes.
type AuditScope struct {
	Pos      diag.Pos `yaml:"-"`
	Clauses  []Clause `yaml:"clauses"`
	Controls []Ref    `yaml:"controls"`
	Themes   []string `yaml:"themes"`
	Notes    string   `yaml:"notes"`
}

// AuditFinding is one finding of a held audit. It is an entity of its own (kind
// "finding"): its ID is its audit's and its own, AUD-2026/NC-2026-03 (FindingID), so
// that findings of different audits may share an ID and none takes the ID of the
// nonconformity it raised.
type AuditFinding struct {
	Pos      diag.Pos    `yaml:"-"`
	ID       string      `yaml:"id"`
	IDPos    diag.Pos    `yaml:"-"`
	Type     FindingType `yaml:"type"`
	Clauses  []Clause    `yaml:"clauses"`
	Controls []Ref       `yaml:"controls"`
	Finding  string      `yaml:"finding"`
	FollowUp string      `yaml:"follow_up"`
	// Nonconformity is the entry of the nonconformity log a nonconformity raised.
	Nonconformity    Ref      `yaml:"nonconformity"`
	NonconformityPos diag.Pos `yaml:"-"`
	// Audit is the audit the finding is of (set by its register's Parts.Of).
	Audit *Audit `yaml:"-"`
}

// FindingID is the entity ID of an audit's finding: "AUD-2026/NC-2026-03".
func FindingID(audit, finding string) string {
	if audit == "" || finding == "" {
		return ""
	}
	return audit + "/" + finding
}

// AuditStatus is where an audit stands.
type AuditStatus string

// The statuses of an audit.
const (
	AuditPlanned   AuditStatus = "planned"
	AuditDone      AuditStatus = "done"
	AuditCancelled AuditStatus = "cancelled"
)

func (s *AuditStatus) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "audit status", []string{string(AuditPlanned), string(AuditDone), string(AuditCancelled)}, map[string]string{"held": "done", "completed": "done"})
	*s = AuditStatus(v)
	return err
}

// FindingType is the kind of an audit finding.
type FindingType string

func (t *FindingType) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "finding type", []string{"major-nonconformity", "minor-nonconformity", "observation", "opportunity"},
		map[string]string{"major": "major-nonconformity", "minor": "minor-nonconformity", "ofi": "opportunity"})
	*t = FindingType(v)
	return err
}

// IsNonconformity reports whether the finding is a nonconformity (major or minor).
func (t FindingType) IsNonconformity() bool { return strings.HasSuffix(string(t), "-nonconformity") }

func (p *AuditProgramme) Control() *DocControl { return &p.Document }
func (p *AuditProgramme) Source() *string      { return &p.Path }
func (p *AuditProgramme) Rows() []Row          { return rowsOf(p.Audits) }

func (a *Audit) RowID() string      { return a.ID }
func (a *Audit) RowIDPos() diag.Pos { return a.IDPos }
func (a *Audit) RowPos() diag.Pos   { return a.Pos }
func (a *Audit) RowTitle() string   { return a.Title }
func (a *Audit) RowRefs() []RefField {
	return []RefField{
		{Field: "scope.controls", Refs: a.Scope.Controls, Kinds: []string{"control"}},
		{Field: "report", Refs: a.Report, Kinds: []string{"document", "evidence"}},
	}
}

// findingsOf returns an audit's findings as Rows (Parts.Of of the audit programme),
// each knowing its audit.
func findingsOf(r Row) []Row {
	a := r.(*Audit)
	for _, f := range a.Findings {
		if f != nil {
			f.Audit = a
		}
	}
	return rowsOf(a.Findings)
}

func (f *AuditFinding) auditID() string {
	if f.Audit == nil {
		return ""
	}
	return f.Audit.ID
}

func (f *AuditFinding) RowID() string { return FindingID(f.auditID(), f.ID) }
func (f *AuditFinding) RowIDPos() diag.Pos {
	if f.IDPos.Path == "" {
		return f.Pos
	}
	return f.IDPos
}
func (f *AuditFinding) RowPos() diag.Pos { return f.Pos }

// RowTitle is the finding's text, cut to its first sentence when long.
func (f *AuditFinding) RowTitle() string { return firstSentence(f.Finding) }
func (f *AuditFinding) RowRefs() []RefField {
	refs := []RefField{{Field: "controls", Refs: f.Controls, Kinds: []string{"control"}}}
	if f.Audit != nil && f.Audit.ID != "" {
		refs = append(refs, RefField{Field: "audit", Refs: []Ref{{ID: f.Audit.ID, Pos: f.Audit.IDPos}}, Kinds: []string{"audit"}})
	}
	if f.Nonconformity.ID != "" {
		refs = append(refs, RefField{Field: "nonconformity", Refs: []Ref{f.Nonconformity}, Kinds: []string{"nonconformity"}})
	}
	return refs
}

func (f *AuditFinding) RowSearch() (meta, text []string) {
	return []string{string(f.Type), f.auditID()}, []string{f.ID, f.Finding, f.FollowUp}
}

// firstSentence is s up to its first ". " when s is longer than a title should be.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= 90 {
		return s
	}
	if i := strings.Index(s, ". "); i > 0 && i < 120 {
		return s[:i+1]
	}
	return s
}

// optionalID is a reference column's value: a list of the ID, nil for none.
func optionalID(id string) any {
	if id == "" {
		return nil
	}
	return []string{id}
}

// findingColumns are an audit finding's, as its page shows them.
func findingColumns(TableContext) []Column {
	fc := func(f func(*AuditFinding) any) func(Row) any { return func(r Row) any { return f(r.(*AuditFinding)) } }
	return []Column{
		{"id", fc(func(f *AuditFinding) any { return f.RowID() })},
		{"audit", fc(func(f *AuditFinding) any { return optionalID(f.auditID()) })},
		{"type", fc(func(f *AuditFinding) any { return string(f.Type) })},
		{"clauses", fc(func(f *AuditFinding) any { return ClauseNumbers(f.Clauses) })},
		{"controls", fc(func(f *AuditFinding) any { return IDs(f.Controls) })},
		{"finding", fc(func(f *AuditFinding) any { return f.Finding })},
		{"follow_up", fc(func(f *AuditFinding) any { return f.FollowUp })},
		{"nonconformity", fc(func(f *AuditFinding) any { return optionalID(f.Nonconformity.ID) })},
	}
}

func (a *Audit) RowSearch() (meta, text []string) {
	text = []string{a.Auditor, a.Scope.Notes, a.Conclusion}
	for _, f := range a.Findings {
		if f != nil {
			text = append(text, f.ID, f.Finding)
		}
	}
	return []string{string(a.Status), dated("planned", a.Planned)}, text
}

// ClauseNumbers returns the numbers of clauses.
func ClauseNumbers(cs []Clause) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Number
	}
	return out
}

// auditColumns are the audit programme's.
func auditColumns(TableContext) []Column {
	au := func(f func(*Audit) any) func(Row) any { return func(r Row) any { return f(r.(*Audit)) } }
	count := func(a *Audit, nc bool) any {
		n := 0
		for _, f := range a.Findings {
			if f != nil && f.Type.IsNonconformity() == nc {
				n++
			}
		}
		if a.Status != AuditDone {
			return nil
		}
		return n
	}
	return []Column{
		{"id", au(func(a *Audit) any { return a.ID })},
		{"title", au(func(a *Audit) any { return a.Title })},
		{"planned", au(func(a *Audit) any { return dateCell(a.Planned) })},
		{"held", au(func(a *Audit) any { return dateCell(a.Held) })},
		{"status", au(func(a *Audit) any { return string(a.Status) })},
		{"auditor", au(func(a *Audit) any { return a.Auditor })},
		{"clauses", au(func(a *Audit) any { return ClauseNumbers(a.Scope.Clauses) })},
		{"themes", au(func(a *Audit) any { return a.Scope.Themes })},
		{"controls", au(func(a *Audit) any { return IDs(a.Scope.Controls) })},
		{"nonconformities", au(func(a *Audit) any { return count(a, true) })},
		{"other_findings", au(func(a *Audit) any { return count(a, false) })},
		{"findings", au(func(a *Audit) any {
			var out []string
			for _, f := range a.Findings {
				if f != nil {
					out = append(out, strings.TrimSpace(f.ID+" "+string(f.Type)))
				}
			}
			return out
		})},
	}
}

// auditRegister describes the audit programme for the register table.
func auditRegister() *Register {
	return &Register{Name: "audits", Artefact: "audit-programme", File: "data/audits.yaml", Key: "audits", ID: "REG-AUDIT",
		Title: "Internal audit programme", Page: "audits/index.html", Layout: "register",
		Section: "Internal audits", Clause: "9.2",
		About: "one row per internal audit, planned or held, with its scope and its findings counted",
		Row: &RowKind{Kind: "audit", Noun: "audit", Plural: "audits", Dir: "audits", Layout: "audit",
			Parts: &PartKind{RowKind: RowKind{Kind: "finding", Noun: "audit finding", Plural: "audit findings", Dir: "audits/findings", Layout: "row"},
				Of: findingsOf, Columns: findingColumns, Tracked: []string{"type", "nonconformity", "follow_up"}}},
		Data:    func(s *Site) RegisterData { return &s.Audits },
		Columns: auditColumns, Fields: auditFields,
		Tracked: []string{"planned", "held", "status", "nonconformities"},
		Finish:  checkAuditThemes}
}

// checkAuditThemes reports a scope theme that no control in force has: a misspelt
// theme would otherwise audit nothing, silently.
func checkAuditThemes(s *Site, _ func(string) ([]byte, error), errs *diag.List) {
	var themes []string
	for _, c := range s.Catalogue {
		if c != nil && c.Theme != "" && !slices.Contains(themes, c.Theme) {
			themes = append(themes, c.Theme)
		}
	}
	for _, a := range s.Audits.Audits {
		if a == nil {
			continue
		}
		for _, th := range a.Scope.Themes {
			if !slices.Contains(themes, th) {
				pos := a.Scope.Pos
				if pos.Path == "" {
					pos = a.Pos
				}
				errs.Add(pos, "audit %s: scope theme %q is not a theme of the controls in force (%s)", a.ID, th, strings.Join(themes, ", "))
			}
		}
	}
}
