package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"go.yaml.in/yaml/v3"
)

// The information security objectives (clauses 6.2 and 9.1): data/objectives.yaml, one
// row per objective with its measure, target and the results measured over time.

// ObjectiveRegister is data/objectives.yaml.
type ObjectiveRegister struct {
	Path       string       `yaml:"-"`
	Document   DocControl   `yaml:"document"`
	Objectives []*Objective `yaml:"objectives"`
}

// Objective is one information security objective.
type Objective struct {
	Pos   diag.Pos `yaml:"-"`
	ID    string   `yaml:"id"`
	IDPos diag.Pos `yaml:"-"`
	Title string   `yaml:"title"`
	// Measure says what is measured ("credential submission rate in the quarterly
	// phishing simulation"); Target the value it must reach.
	Measure   string   `yaml:"measure"`
	Target    Target   `yaml:"target"`
	Owner     string   `yaml:"owner"`
	OwnerPos  diag.Pos `yaml:"-"`
	Due       Date     `yaml:"due"`
	DuePos    diag.Pos `yaml:"-"`
	Frequency string   `yaml:"frequency"`
	Resources string   `yaml:"resources"`
	// Related are the risks, controls, actions and documents the objective serves.
	Related   []Ref           `yaml:"related"`
	Status    ObjectiveStatus `yaml:"status"`
	StatusPos diag.Pos        `yaml:"-"`
	Results   []*Result       `yaml:"results"`
}

// Target is the value an objective's measure must reach.
type Target struct {
	Pos   diag.Pos `yaml:"-"`
	Value *float64 `yaml:"value"`
	Unit  string   `yaml:"unit"`
	// Direction is at-least (default) or at-most: whether higher or lower is better.
	Direction TargetDirection `yaml:"direction"`
}

// TargetDirection says whether a target is a floor or a ceiling.
type TargetDirection string

// AtMost is a ceiling: lower results are better.
const AtMost TargetDirection = "at-most"

func (d *TargetDirection) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "target direction", []string{"at-least", string(AtMost)}, map[string]string{"min": "at-least", "max": string(AtMost)})
	*d = TargetDirection(v)
	return err
}

// Met reports whether a value reaches the target (false without a target value).
func (t Target) Met(v float64) bool {
	if t.Value == nil {
		return false
	}
	if t.Direction == AtMost {
		return v <= *t.Value
	}
	return v >= *t.Value
}

// String formats the target: "at most 5%".
func (t Target) String() string {
	if t.Value == nil {
		return ""
	}
	dir := "at least"
	if t.Direction == AtMost {
		dir = "at most"
	}
	return dir + " " + FormatValue(*t.Value, t.Unit)
}

// ParseTarget reads a target as String writes it ("at least 95%", "at most 5 tests"),
// also with ≥, ≤, >=, <=, min or max for the direction; without one, at least.
func ParseTarget(text string) (Target, error) {
	t := Target{}
	s := strings.TrimSpace(text)
	for _, d := range []struct {
		prefix string
		dir    TargetDirection
	}{{"at least", ""}, {"at most", AtMost}, {"≥", ""}, {"≤", AtMost}, {">=", ""}, {"<=", AtMost}, {"min", ""}, {"max", AtMost}} {
		if len(s) >= len(d.prefix) && strings.EqualFold(s[:len(d.prefix)], d.prefix) {
			s, t.Direction = strings.TrimSpace(s[len(d.prefix):]), d.dir
			break
		}
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.' || r == '-') })
	if end < 0 {
		end = len(s)
	}
	num := s[:end]
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || num == "" {
		return t, fmt.Errorf("%q is not a target: want a number with its unit and direction, such as \"at least 95%%\" or \"at most 2 incidents\"", text)
	}
	t.Value = &v
	t.Unit = strings.TrimSpace(s[len(num):])
	return t, nil
}

// FormatValue formats a measured value with its unit: "2.2%", "4 tests".
func FormatValue(v float64, unit string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	switch unit {
	case "":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + unit
}

// Result is one measurement of an objective.
type Result struct {
	Pos   diag.Pos `yaml:"-"`
	Date  Date     `yaml:"date"`
	Value float64  `yaml:"value"`
	Note  string   `yaml:"note"`
}

// ObjectiveStatus is where an objective stands.
type ObjectiveStatus string

// The statuses of an objective that end it.
const (
	ObjectiveMet    ObjectiveStatus = "met"
	ObjectiveClosed ObjectiveStatus = "closed"
)

func (s *ObjectiveStatus) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "objective status", []string{"on-track", "at-risk", "off-track", string(ObjectiveMet), "not-met", string(ObjectiveClosed)}, nil)
	*s = ObjectiveStatus(v)
	return err
}

// Latest returns the newest result (nil without one).
func (o *Objective) Latest() *Result {
	var out *Result
	for _, r := range o.Results {
		if r != nil && (out == nil || !r.Date.Before(out.Date)) {
			out = r
		}
	}
	return out
}

func (r *ObjectiveRegister) Control() *DocControl { return &r.Document }
func (r *ObjectiveRegister) Source() *string      { return &r.Path }
func (r *ObjectiveRegister) Rows() []Row          { return rowsOf(r.Objectives) }

func (o *Objective) RowID() string      { return o.ID }
func (o *Objective) RowIDPos() diag.Pos { return o.IDPos }
func (o *Objective) RowPos() diag.Pos   { return o.Pos }
func (o *Objective) RowTitle() string   { return o.Title }
func (o *Objective) RowRefs() []RefField {
	return []RefField{{Field: "related", Refs: o.Related}}
}

func (o *Objective) RowSearch() (meta, text []string) {
	return []string{string(o.Status), o.Owner, dated("due", o.Due)}, []string{o.Measure, o.Resources, o.Owner}
}

// objectiveColumns are the objectives register's.
func objectiveColumns(TableContext) []Column {
	ob := func(f func(*Objective) any) func(Row) any { return func(r Row) any { return f(r.(*Objective)) } }
	latest := func(o *Objective, f func(*Result) any) any {
		if r := o.Latest(); r != nil {
			return f(r)
		}
		return nil
	}
	return []Column{
		{"id", ob(func(o *Objective) any { return o.ID })},
		{"title", ob(func(o *Objective) any { return o.Title })},
		{"measure", ob(func(o *Objective) any { return o.Measure })},
		{"target", ob(func(o *Objective) any { return o.Target.String() })},
		{"owner", ob(func(o *Objective) any { return o.Owner })},
		{"due", ob(func(o *Objective) any { return dateCell(o.Due) })},
		{"frequency", ob(func(o *Objective) any { return o.Frequency })},
		{"status", ob(func(o *Objective) any { return string(o.Status) })},
		{"latest_result", ob(func(o *Objective) any {
			return latest(o, func(r *Result) any { return FormatValue(r.Value, o.Target.Unit) })
		})},
		{"latest_date", ob(func(o *Objective) any { return latest(o, func(r *Result) any { return dateCell(r.Date) }) })},
		{"related", ob(func(o *Objective) any { return IDs(o.Related) })},
	}
}

// objectiveRegister describes the objectives register for the register table.
func objectiveRegister() *Register {
	return &Register{Name: "objectives", Artefact: "objectives", File: "data/objectives.yaml", Key: "objectives", ID: "REG-OBJ",
		Title: "Information security objectives", Page: "objectives/index.html", Layout: "register",
		Section: "Objectives", Clause: "6.2",
		About:   "one row per information security objective, with its target and latest result",
		Row:     &RowKind{Kind: "objective", Noun: "objective", Plural: "objectives", Dir: "objectives", Layout: "objective"},
		Data:    func(s *Site) RegisterData { return &s.Objectives },
		Columns: objectiveColumns, Fields: objectiveFields,
		Tracked: []string{"target", "owner", "due", "status", "latest_result"}}
}
