package model

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

// The supplier register (Annex A 5.19 to 5.22): data/suppliers.yaml, one row per
// supplier (and per partner whose interface the ISMS must watch as a supply chain).

// SupplierRegister is data/suppliers.yaml.
type SupplierRegister struct {
	Path      string      `yaml:"-"`
	Document  DocControl  `yaml:"document"`
	Suppliers []*Supplier `yaml:"suppliers"`
}

// Supplier is one row of the supplier register.
type Supplier struct {
	Pos   diag.Pos `yaml:"-"`
	ID    string   `yaml:"id"`
	IDPos diag.Pos `yaml:"-"`
	Name  string   `yaml:"name"`
	// Relationship is supplier (default) or partner (a third party acting for the
	// customers, listed so that its interface is reviewed like a supplier's).
	Relationship Relationship `yaml:"relationship"`
	Service      string       `yaml:"service"`
	Criticality  Criticality  `yaml:"criticality"`
	// Data is the information the supplier handles, and Classification the highest
	// classification of it.
	Data           string         `yaml:"data"`
	Classification Classification `yaml:"classification"`
	// Assurance is what was checked at the last assessment (certifications, reports).
	Assurance []string `yaml:"assurance"`
	Agreement string   `yaml:"agreement"`
	// Clauses are the security clauses the agreement has (A.5.20).
	Clauses           []ContractClause `yaml:"contract_clauses"`
	ClausesPos        diag.Pos         `yaml:"-"`
	Owner             string           `yaml:"owner"`
	OwnerPos          diag.Pos         `yaml:"-"`
	LastAssessment    Date             `yaml:"last_assessment"`
	LastAssessmentPos diag.Pos         `yaml:"-"`
	NextAssessment    Date             `yaml:"next_assessment"`
	NextAssessmentPos diag.Pos         `yaml:"-"`
	Status            SupplierStatus   `yaml:"status"`
	Assets            []Ref            `yaml:"assets"`
	Evidence          []Ref            `yaml:"evidence"`
}

// Relationship is how a third party relates to the organisation.
type Relationship string

func (r *Relationship) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "relationship", []string{"supplier", "partner"}, map[string]string{"vendor": "supplier"})
	*r = Relationship(v)
	return err
}

// Criticality rates how much the organisation depends on a supplier.
type Criticality string

// CriticalityCritical is the highest rating: the assessments the policy asks for are
// the strictest.
const CriticalityCritical Criticality = "critical"

func (c *Criticality) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "criticality", []string{"critical", "high", "medium", "low"}, nil)
	*c = Criticality(v)
	return err
}

// ContractClause is a security clause of a supplier agreement.
type ContractClause string

func (c *ContractClause) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "contract clause", []string{"confidentiality", "data-protection", "security-requirements", "incident-notification", "audit-rights", "subcontracting", "exit"},
		map[string]string{"nda": "confidentiality", "dpa": "data-protection", "security": "security-requirements", "incidents": "incident-notification", "audit": "audit-rights", "subprocessors": "subcontracting", "termination": "exit"})
	*c = ContractClause(v)
	return err
}

// SupplierStatus is whether a supplier is in use.
type SupplierStatus string

// SupplierExited is a supplier no longer in use, kept for the record.
const SupplierExited SupplierStatus = "exited"

func (s *SupplierStatus) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "supplier status", []string{"active", "onboarding", "exited"}, nil)
	*s = SupplierStatus(v)
	return err
}

func (r *SupplierRegister) Control() *DocControl { return &r.Document }
func (r *SupplierRegister) Source() *string      { return &r.Path }
func (r *SupplierRegister) Rows() []Row          { return rowsOf(r.Suppliers) }

func (s *Supplier) RowID() string      { return s.ID }
func (s *Supplier) RowIDPos() diag.Pos { return s.IDPos }
func (s *Supplier) RowPos() diag.Pos   { return s.Pos }
func (s *Supplier) RowTitle() string   { return s.Name }
func (s *Supplier) RowRefs() []RefField {
	return []RefField{
		{Field: "assets", Refs: s.Assets, Kinds: []string{"asset"}},
		{Field: "evidence", Refs: s.Evidence, Kinds: []string{"evidence"}},
	}
}

func (s *Supplier) RowSearch() (meta, text []string) {
	return []string{string(s.Criticality), s.Owner, dated("next assessment", s.NextAssessment)},
		[]string{s.Service, s.Data, s.Agreement, s.Owner}
}

// supplierColumns are the supplier register's.
func supplierColumns(TableContext) []Column {
	sup := func(f func(*Supplier) any) func(Row) any { return func(r Row) any { return f(r.(*Supplier)) } }
	return []Column{
		{"id", sup(func(s *Supplier) any { return s.ID })},
		{"name", sup(func(s *Supplier) any { return s.Name })},
		{"relationship", sup(func(s *Supplier) any { return string(s.Relationship) })},
		{"service", sup(func(s *Supplier) any { return s.Service })},
		{"criticality", sup(func(s *Supplier) any { return string(s.Criticality) })},
		{"data", sup(func(s *Supplier) any { return s.Data })},
		{"classification", sup(func(s *Supplier) any { return string(s.Classification) })},
		{"assurance", sup(func(s *Supplier) any { return s.Assurance })},
		{"agreement", sup(func(s *Supplier) any { return s.Agreement })},
		{"contract_clauses", sup(func(s *Supplier) any {
			var out []string
			for _, c := range s.Clauses {
				out = append(out, string(c))
			}
			return out
		})},
		{"owner", sup(func(s *Supplier) any { return s.Owner })},
		{"last_assessment", sup(func(s *Supplier) any { return dateCell(s.LastAssessment) })},
		{"next_assessment", sup(func(s *Supplier) any { return dateCell(s.NextAssessment) })},
		{"status", sup(func(s *Supplier) any { return string(s.Status) })},
		{"assets", sup(func(s *Supplier) any { return IDs(s.Assets) })},
		{"evidence", sup(func(s *Supplier) any { return IDs(s.Evidence) })},
	}
}

// supplierRegister describes the supplier register for the register table.
func supplierRegister() *Register {
	return &Register{Name: "suppliers", Artefact: "supplier-register", File: "data/suppliers.yaml", Key: "suppliers", ID: "REG-SUPPLIERS", Title: "Supplier register",
		Page: "suppliers/index.html", Layout: "register", Section: "Supplier register",
		About:   "one row per supplier, with its criticality, contract clauses and assessments",
		Row:     &RowKind{Kind: "supplier", Noun: "supplier", Plural: "suppliers", Dir: "suppliers", Layout: "row"},
		Data:    func(s *Site) RegisterData { return &s.Suppliers },
		Columns: supplierColumns, Fields: supplierFields,
		Tracked: []string{"criticality", "owner", "last_assessment", "next_assessment", "status"}}
}
