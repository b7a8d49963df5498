package model

import "github.com/ismsgen/ismsgen/generator/diag"

// DocControl is the document-control block of a controlled document: a document's front
// matter (the content contract) and a register's document: block alike. A register's
// type is always "register".
type DocControl struct {
	Pos             diag.Pos       `yaml:"-"`
	ID              string         `yaml:"id"`
	IDPos           diag.Pos       `yaml:"-"`
	Title           string         `yaml:"title"`
	Type            DocType        `yaml:"type"`
	TypePos         diag.Pos       `yaml:"-"`
	Version         string         `yaml:"version"`
	VersionPos      diag.Pos       `yaml:"-"`
	Status          DocStatus      `yaml:"status"`
	StatusPos       diag.Pos       `yaml:"-"`
	Owner           string         `yaml:"owner"`
	OwnerPos        diag.Pos       `yaml:"-"`
	Author          string         `yaml:"author"`
	Approver        string         `yaml:"approver"`
	ApproverPos     diag.Pos       `yaml:"-"`
	Approved        Date           `yaml:"approved"`
	ApprovedPos     diag.Pos       `yaml:"-"`
	Review          Date           `yaml:"review"`
	ReviewPos       diag.Pos       `yaml:"-"`
	ReviewCycle     Cycle          `yaml:"review_cycle"`
	ReviewCyclePos  diag.Pos       `yaml:"-"`
	Classification  Classification `yaml:"classification"`
	Distribution    string         `yaml:"distribution"`
	DistributionPos diag.Pos       `yaml:"-"`
	Summary         string         `yaml:"summary"`
	// Controls lists the controls the document declares it implements.
	Controls []Ref `yaml:"controls"`
	// Clauses lists the ISO/IEC 27001 clauses the document is documented information for.
	Clauses []Clause       `yaml:"clauses"`
	History []Revision     `yaml:"history"`
	Tags    []string       `yaml:"tags"`
	Weight  int            `yaml:"weight"`
	Params  map[string]any `yaml:"params"`
}

// NextReview returns the next review date: the explicit review date, else approval
// date plus the review cycle, else the zero date.
func (m *DocControl) NextReview() Date {
	if !m.Review.IsZero() {
		return m.Review
	}
	if !m.Approved.IsZero() && m.ReviewCycle.Months > 0 {
		return m.Approved.AddMonths(m.ReviewCycle.Months)
	}
	return Date{}
}

// Controlled reports whether a document is under document control (has an ID and is not
// a plain page).
func (m *DocControl) Controlled() bool { return m.ID != "" && m.Type != TypePage }
