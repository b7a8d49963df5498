package model

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// Control is one entry of a control catalogue: an Annex A control, a NIS2
// requirement, a SOC 2 criterion.
type Control struct {
	Pos   diag.Pos `yaml:"-"`
	ID    string   `yaml:"id"`
	Title string   `yaml:"title"`
	Theme string   `yaml:"theme"`
	// Description, Group, Guidance and Params are the user's own text and values (a
	// licensed catalogue's wording stays in the user's repository; ismsgen ships IDs and
	// short titles only). Group names a group of the catalogue's groups:.
	Description string         `yaml:"description"`
	Group       string         `yaml:"group"`
	Guidance    string         `yaml:"guidance"`
	Params      map[string]any `yaml:"params"`
	// Catalogue is the name of the framework the control belongs to (load sets it).
	Catalogue string `yaml:"-"`
}

// SoA is data/soa.yaml.
type SoA struct {
	Path     string     `yaml:"-"`
	Document DocControl `yaml:"document"`
	Controls []*SoARow  `yaml:"controls"`
}

// SoARow is one Statement of Applicability row.
type SoARow struct {
	Pos              diag.Pos      `yaml:"-"`
	Control          Ref           `yaml:"control"`
	Applicable       *bool         `yaml:"applicable"`
	ApplicablePos    diag.Pos      `yaml:"-"`
	Reasons          []Reason      `yaml:"reasons"`
	Justification    string        `yaml:"justification"`
	JustificationPos diag.Pos      `yaml:"-"`
	Status           ControlStatus `yaml:"status"`
	StatusPos        diag.Pos      `yaml:"-"`
	Owner            string        `yaml:"owner"`
	Documents        []Ref         `yaml:"documents"`
	Evidence         []Ref         `yaml:"evidence"`
	Target           Date          `yaml:"target"`
	TargetPos        diag.Pos      `yaml:"-"`
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
	// AcceptanceAuthority names the roles, besides a risk's own owner, that may accept
	// a risk (6.1.3 f: the risk owners approve the plan and accept residual risks).
	AcceptanceAuthority []string `yaml:"acceptance_authority"`
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
	level := m.Level(likelihood, impact)
	s := fmt.Sprintf("%s = %d", m.ScaleWords(likelihood, impact), level)
	if b := m.Band(level); b != "" {
		s += " " + b
	}
	return s
}

// ScaleWords names a likelihood and an impact in the method's words, joined by
// its formula's operator: "Likely × Major".
func (m *RiskMethod) ScaleWords(likelihood, impact int) string {
	op := "×"
	if m.Formula == "add" {
		op = "+"
	}
	return stepName(m.Likelihood, likelihood) + " " + op + " " + stepName(m.Impact, impact)
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
	Pos              diag.Pos  `yaml:"-"`
	ID               string    `yaml:"id"`
	IDPos            diag.Pos  `yaml:"-"`
	Title            string    `yaml:"title"`
	Description      string    `yaml:"description"`
	Asset            RefList   `yaml:"asset"`
	Threat           string    `yaml:"threat"`
	Vulnerability    string    `yaml:"vulnerability"`
	CIA              []CIA     `yaml:"cia"`
	Owner            string    `yaml:"owner"`
	OwnerPos         diag.Pos  `yaml:"-"`
	Likelihood       int       `yaml:"likelihood"`
	Impact           int       `yaml:"impact"`
	Treatment        Treatment `yaml:"treatment"`
	TreatmentPos     diag.Pos  `yaml:"-"`
	Controls         []Ref     `yaml:"controls"`
	Actions          []Ref     `yaml:"actions"`
	Residual         *Residual `yaml:"residual"`
	AcceptedBy       string    `yaml:"accepted_by"`
	AcceptedByPos    diag.Pos  `yaml:"-"`
	Accepted         Date      `yaml:"accepted"`
	AcceptedPos      diag.Pos  `yaml:"-"`
	AcceptedUntil    Date      `yaml:"accepted_until"`
	AcceptedUntilPos diag.Pos  `yaml:"-"`
	Review           Date      `yaml:"review"`
	ReviewPos        diag.Pos  `yaml:"-"`
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
	Pos          diag.Pos     `yaml:"-"`
	ID           string       `yaml:"id"`
	IDPos        diag.Pos     `yaml:"-"`
	Title        string       `yaml:"title"`
	Risks        []Ref        `yaml:"risks"`
	Action       string       `yaml:"action"`
	Controls     []Ref        `yaml:"controls"`
	Owner        string       `yaml:"owner"`
	OwnerPos     diag.Pos     `yaml:"-"`
	Approver     string       `yaml:"approver"`
	Resources    string       `yaml:"resources"`
	Start        Date         `yaml:"start"`
	StartPos     diag.Pos     `yaml:"-"`
	Due          Date         `yaml:"due"`
	DuePos       diag.Pos     `yaml:"-"`
	Status       ActionStatus `yaml:"status"`
	StatusPos    diag.Pos     `yaml:"-"`
	Measure      string       `yaml:"measure"`
	Evidence     []Ref        `yaml:"evidence"`
	Completed    Date         `yaml:"completed"`
	CompletedPos diag.Pos     `yaml:"-"`
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
	DatePos     diag.Pos `yaml:"-"`
	// Collected is when the evidence was collected (default: Date); it is fresh for
	// ValidFor (else the site's checks.evidence_valid_for for the control's theme) or
	// until Expires.
	Collected    Date     `yaml:"collected"`
	CollectedPos diag.Pos `yaml:"-"`
	ValidFor     Cycle    `yaml:"valid_for"`
	Expires      Date     `yaml:"expires"`
	ExpiresPos   diag.Pos `yaml:"-"`
	Owner        string   `yaml:"owner"`
	// SHA256 and Size are filled by load when the file exists inside the site root;
	// FileError says why it could not be read otherwise.
	SHA256    string `yaml:"-"`
	Size      int64  `yaml:"-"`
	FileError string `yaml:"-"`
}
