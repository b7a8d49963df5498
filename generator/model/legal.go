package model

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

// The legal register (clause 4.2, Annex A 5.31): data/legal.yaml, one row per law,
// regulation or contract whose information security requirements the ISMS meets.

// LegalRegister is data/legal.yaml.
type LegalRegister struct {
	Path         string         `yaml:"-"`
	Document     DocControl     `yaml:"document"`
	Requirements []*Requirement `yaml:"requirements"`
}

// Requirement is one row of the legal register.
type Requirement struct {
	Pos   diag.Pos `yaml:"-"`
	ID    string   `yaml:"id"`
	IDPos diag.Pos `yaml:"-"`
	// Title names the law, regulation or contract ("UK GDPR and Data Protection Act
	// 2018").
	Title string `yaml:"title"`
	// Kind is what the requirement is: law, regulation, contract or other.
	Kind RequirementKind `yaml:"kind"`
	// Source is where it comes from (a jurisdiction, a regulator, a counterparty).
	Source string `yaml:"source"`
	// Applicability says what it means for the organisation; Applicable false records a
	// requirement assessed as not applying (kept, with the reason, for the record).
	Applicability string   `yaml:"applicability"`
	Applicable    *bool    `yaml:"applicable"`
	Owner         string   `yaml:"owner"`
	OwnerPos      diag.Pos `yaml:"-"`
	// MetBy lists how it is met: documents, controls, evidence, treatment actions.
	MetBy []Ref `yaml:"met_by"`
	// Notes say what met_by cannot (measures outside the ISMS, changes to watch).
	Notes     string   `yaml:"notes"`
	Review    Date     `yaml:"review"`
	ReviewPos diag.Pos `yaml:"-"`
}

// IsApplicable reports the row's applicability (a missing value counts as applicable).
func (r *Requirement) IsApplicable() bool { return r.Applicable == nil || *r.Applicable }

// RequirementKind is what kind of obligation a requirement is.
type RequirementKind string

func (k *RequirementKind) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "requirement kind", []string{"law", "regulation", "contract", "standard", "other"},
		map[string]string{"legal": "law", "statutory": "law", "regulatory": "regulation", "contractual": "contract"})
	*k = RequirementKind(v)
	return err
}

func (l *LegalRegister) Control() *DocControl { return &l.Document }
func (l *LegalRegister) Source() *string      { return &l.Path }
func (l *LegalRegister) Rows() []Row          { return rowsOf(l.Requirements) }

func (r *Requirement) RowID() string      { return r.ID }
func (r *Requirement) RowIDPos() diag.Pos { return r.IDPos }
func (r *Requirement) RowPos() diag.Pos   { return r.Pos }
func (r *Requirement) RowTitle() string   { return r.Title }
func (r *Requirement) RowRefs() []RefField {
	return []RefField{{Field: "met_by", Refs: r.MetBy}}
}

func (r *Requirement) RowSearch() (meta, text []string) {
	return []string{string(r.Kind), r.Owner, dated("review", r.Review)}, []string{r.Source, r.Applicability, r.Notes, r.Owner}
}

// legalColumns are the legal register's.
func legalColumns(TableContext) []Column {
	req := func(f func(*Requirement) any) func(Row) any { return func(r Row) any { return f(r.(*Requirement)) } }
	return []Column{
		{"id", req(func(r *Requirement) any { return r.ID })},
		{"title", req(func(r *Requirement) any { return r.Title })},
		{"kind", req(func(r *Requirement) any { return string(r.Kind) })},
		{"source", req(func(r *Requirement) any { return r.Source })},
		{"applicable", req(func(r *Requirement) any { return r.IsApplicable() })},
		{"applicability", req(func(r *Requirement) any { return r.Applicability })},
		{"owner", req(func(r *Requirement) any { return r.Owner })},
		{"met_by", req(func(r *Requirement) any { return IDs(r.MetBy) })},
		{"notes", req(func(r *Requirement) any { return r.Notes })},
		{"review", req(func(r *Requirement) any { return dateCell(r.Review) })},
	}
}

// legalRegister describes the legal register for the register table.
func legalRegister() *Register {
	return &Register{Name: "legal", Artefact: "legal-register", File: "data/legal.yaml", Key: "requirements", ID: "REG-LEGAL",
		Title: "Legal, regulatory and contractual requirements", Page: "legal/index.html", Layout: "register",
		Section: "Legal register", Clause: "4.2",
		About:   "one row per legal, regulatory or contractual requirement, with its owner and how it is met",
		Row:     &RowKind{Kind: "requirement", Noun: "requirement", Plural: "requirements", Dir: "legal", Layout: "row"},
		Data:    func(s *Site) RegisterData { return &s.Legal },
		Columns: legalColumns, Fields: legalFields,
		Tracked: []string{"applicable", "owner", "met_by", "review"}}
}
