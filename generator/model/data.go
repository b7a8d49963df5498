package model

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// Control is one entry of a control catalogue.
type Control struct {
	Pos       diag.Pos `yaml:"-"`
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Theme     string   `yaml:"theme"`
	Catalogue string   `yaml:"-"`
}

// Catalogue is a data/controls/*.yaml file (and the embedded Annex A catalogue).
type Catalogue struct {
	Catalogue string     `yaml:"catalogue"`
	Controls  []*Control `yaml:"controls"`
}

// SoA is data/soa.yaml.
type SoA struct {
	Path     string     `yaml:"-"`
	Document DocControl `yaml:"document"`
	Controls []*SoARow  `yaml:"controls"`
}

// SoARow is one Statement of Applicability row.
type SoARow struct {
	Pos           diag.Pos      `yaml:"-"`
	Control       Ref           `yaml:"control"`
	Applicable    *bool         `yaml:"applicable"`
	Reasons       []Reason      `yaml:"reasons"`
	Justification string        `yaml:"justification"`
	Status        ControlStatus `yaml:"status"`
	Owner         string        `yaml:"owner"`
	Documents     []Ref         `yaml:"documents"`
	Evidence      []Ref         `yaml:"evidence"`
	Target        Date          `yaml:"target"`
}

// IsApplicable reports the row's applicability (a missing value counts as applicable;
// check reports it).
func (r *SoARow) IsApplicable() bool { return r.Applicable == nil || *r.Applicable }

// RiskRegister is data/risks.yaml.
type RiskRegister struct {
	Path     string     `yaml:"-"`
	Document DocControl `yaml:"document"`
	Method   RiskMethod `yaml:"method"`
	Risks    []*Risk    `yaml:"risks"`
}

// RiskMethod is the risk assessment method: scales, how the level is computed, the
// acceptance threshold and the level bands.
type RiskMethod struct {
	Pos        diag.Pos    `yaml:"-"`
	Likelihood []ScaleStep `yaml:"likelihood"`
	Impact     []ScaleStep `yaml:"impact"`
	// Formula is how a level is computed from likelihood and impact: "multiply"
	// (default) or "add".
	Formula string `yaml:"formula"`
	// Acceptance is the highest level that is acceptable without treatment.
	Acceptance int    `yaml:"acceptance"`
	Bands      []Band `yaml:"bands"`
}

// ScaleStep is one value of a likelihood or impact scale.
type ScaleStep struct {
	Pos         diag.Pos `yaml:"-"`
	Value       int      `yaml:"value"`
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
}

// Band names a range of risk levels (up to and including Max).
type Band struct {
	Pos  diag.Pos `yaml:"-"`
	Max  int      `yaml:"max"`
	Name string   `yaml:"name"`
}

// Level computes a risk level from likelihood and impact per the method.
func (m *RiskMethod) Level(likelihood, impact int) int {
	if m.Formula == "add" {
		return likelihood + impact
	}
	return likelihood * impact
}

// Band returns the name of the band a level falls in.
func (m *RiskMethod) Band(level int) string {
	for _, b := range m.Bands {
		if level <= b.Max {
			return b.Name
		}
	}
	if n := len(m.Bands); n > 0 {
		return m.Bands[n-1].Name
	}
	return ""
}

// Acceptable reports whether a level is within the acceptance threshold.
func (m *RiskMethod) Acceptable(level int) bool { return level <= m.Acceptance }

// LevelWords says a likelihood and impact and their level in the scales' words, as the
// site and the packs show it: "Likely × Major = 16 High" (a value without a name shows
// as its number; "+" for the add formula).
func (m *RiskMethod) LevelWords(likelihood, impact int) string {
	op := "×"
	if m.Formula == "add" {
		op = "+"
	}
	level := m.Level(likelihood, impact)
	s := fmt.Sprintf("%s %s %s = %d", stepName(m.Likelihood, likelihood), op, stepName(m.Impact, impact), level)
	if b := m.Band(level); b != "" {
		s += " " + b
	}
	return s
}

// stepName is the name of a scale's value, or the value.
func stepName(scale []ScaleStep, v int) string {
	for _, s := range scale {
		if s.Value == v && s.Name != "" {
			return s.Name
		}
	}
	return fmt.Sprint(v)
}

// Risk is one risk register row.
type Risk struct {
	Pos           diag.Pos  `yaml:"-"`
	ID            string    `yaml:"id"`
	IDPos         diag.Pos  `yaml:"-"`
	Title         string    `yaml:"title"`
	Description   string    `yaml:"description"`
	Asset         RefList   `yaml:"asset"`
	Threat        string    `yaml:"threat"`
	Vulnerability string    `yaml:"vulnerability"`
	CIA           []CIA     `yaml:"cia"`
	Owner         string    `yaml:"owner"`
	Likelihood    int       `yaml:"likelihood"`
	Impact        int       `yaml:"impact"`
	Treatment     Treatment `yaml:"treatment"`
	Controls      []Ref     `yaml:"controls"`
	Actions       []Ref     `yaml:"actions"`
	Residual      *Residual `yaml:"residual"`
	AcceptedBy    string    `yaml:"accepted_by"`
	Accepted      Date      `yaml:"accepted"`
	AcceptedUntil Date      `yaml:"accepted_until"`
	Review        Date      `yaml:"review"`
}

// Residual is the expected likelihood and impact after treatment.
type Residual struct {
	Pos        diag.Pos `yaml:"-"`
	Likelihood int      `yaml:"likelihood"`
	Impact     int      `yaml:"impact"`
}

// TreatmentPlan is data/treatment.yaml.
type TreatmentPlan struct {
	Path     string     `yaml:"-"`
	Document DocControl `yaml:"document"`
	Actions  []*Action  `yaml:"actions"`
}

// Action is one risk treatment plan action.
type Action struct {
	Pos       diag.Pos     `yaml:"-"`
	ID        string       `yaml:"id"`
	IDPos     diag.Pos     `yaml:"-"`
	Title     string       `yaml:"title"`
	Risks     []Ref        `yaml:"risks"`
	Action    string       `yaml:"action"`
	Controls  []Ref        `yaml:"controls"`
	Owner     string       `yaml:"owner"`
	Approver  string       `yaml:"approver"`
	Resources string       `yaml:"resources"`
	Start     Date         `yaml:"start"`
	Due       Date         `yaml:"due"`
	Status    ActionStatus `yaml:"status"`
	Measure   string       `yaml:"measure"`
	Evidence  []Ref        `yaml:"evidence"`
	Completed Date         `yaml:"completed"`
}

// Overdue reports whether an open action is past its due date on the given day.
func (a *Action) Overdue(today Date) bool {
	open := a.Status != ActionDone && a.Status != ActionCancelled
	return open && !a.Due.IsZero() && a.Due.Before(today)
}

// EvidenceRegister is data/evidence.yaml.
type EvidenceRegister struct {
	Path     string      `yaml:"-"`
	Document DocControl  `yaml:"document"`
	Evidence []*Evidence `yaml:"evidence"`
}

// Evidence is one evidence record, pointing at a file under the site root.
type Evidence struct {
	Pos         diag.Pos `yaml:"-"`
	ID          string   `yaml:"id"`
	IDPos       diag.Pos `yaml:"-"`
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	File        string   `yaml:"file"`
	FilePos     diag.Pos `yaml:"-"`
	Controls    []Ref    `yaml:"controls"`
	Date        Date     `yaml:"date"`
	Owner       string   `yaml:"owner"`
	// SHA256 and Size are filled by load when the file exists inside the site root;
	// FileError says why it could not be read otherwise.
	SHA256    string `yaml:"-"`
	Size      int64  `yaml:"-"`
	FileError string `yaml:"-"`
}
