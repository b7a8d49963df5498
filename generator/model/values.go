package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Date is a calendar date (YYYY-MM-DD) with no time zone. The zero Date means unset.
type Date struct{ t time.Time }

// NewDate returns the date of y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar date of t in its location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// ParseDate parses YYYY-MM-DD strictly.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

func (d Date) IsZero() bool         { return d.t.IsZero() }
func (d Date) Time() time.Time      { return d.t }
func (d Date) Before(e Date) bool   { return d.t.Before(e.t) }
func (d Date) After(e Date) bool    { return d.t.After(e.t) }
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// String formats the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// UnmarshalYAML accepts a YYYY-MM-DD scalar.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("want a date YYYY-MM-DD")
	}
	if n.Value == "" || n.Tag == "!!null" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(n.Value)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText formats the date for JSON and CSV exports.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Cycle is a review cycle such as 12m (months) or 1y.
type Cycle struct{ Months int }

func (c Cycle) String() string {
	if c.Months == 0 {
		return ""
	}
	if c.Months%12 == 0 {
		return fmt.Sprintf("%dy", c.Months/12)
	}
	return fmt.Sprintf("%dm", c.Months)
}

// UnmarshalYAML accepts "<n>m" or "<n>y".
func (c *Cycle) UnmarshalYAML(n *yaml.Node) error {
	s := strings.TrimSpace(n.Value)
	if n.Kind != yaml.ScalarNode || len(s) < 2 {
		return fmt.Errorf("invalid review cycle %q: want months or years such as 12m or 1y", n.Value)
	}
	num, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || num <= 0 {
		return fmt.Errorf("invalid review cycle %q: want months or years such as 12m or 1y", n.Value)
	}
	switch s[len(s)-1] {
	case 'm':
		c.Months = num
	case 'y':
		c.Months = 12 * num
	default:
		return fmt.Errorf("invalid review cycle %q: want months or years such as 12m or 1y", n.Value)
	}
	return nil
}

// enum decodes a scalar into one of the allowed values, accepting synonyms.
func enum(n *yaml.Node, what string, allowed []string, synonyms map[string]string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("invalid %s: want one of %s", what, strings.Join(allowed, ", "))
	}
	v := strings.ToLower(strings.TrimSpace(n.Value))
	if s, ok := synonyms[v]; ok {
		v = s
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", fmt.Errorf("invalid %s %q: want one of %s", what, n.Value, strings.Join(allowed, ", "))
}

// DocType is a document type.
type DocType string

const (
	TypePolicy    DocType = "policy"
	TypeProcedure DocType = "procedure"
	TypeManual    DocType = "manual"
	TypePlan      DocType = "plan"
	TypeStandard  DocType = "standard"
	TypeRegister  DocType = "register"
	TypeRecord    DocType = "record"
	TypePage      DocType = "page"
)

// DocTypes lists the document types in the order sections are shown.
var DocTypes = []DocType{TypeManual, TypePolicy, TypeStandard, TypeProcedure, TypePlan, TypeRegister, TypeRecord, TypePage}

func (t *DocType) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "document type", []string{"policy", "procedure", "manual", "plan", "standard", "register", "record", "page"}, nil)
	*t = DocType(v)
	return err
}

// DocStatus is a document's approval status.
type DocStatus string

const (
	StatusDraft    DocStatus = "draft"
	StatusReview   DocStatus = "review"
	StatusApproved DocStatus = "approved"
	StatusRetired  DocStatus = "retired"
)

func (s *DocStatus) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "status", []string{"draft", "review", "approved", "retired"}, nil)
	*s = DocStatus(v)
	return err
}

// Classification is an information classification level. The levels are ordered
// public < internal < confidential < restricted; the empty value means unset (a
// document without one has the site's default, a limit without one is no limit).
type Classification string

const (
	Public       Classification = "public"
	Internal     Classification = "internal"
	Confidential Classification = "confidential"
	Restricted   Classification = "restricted"
)

// Classifications lists the levels from the least to the most sensitive.
var Classifications = []Classification{Public, Internal, Confidential, Restricted}

func (c *Classification) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "classification", []string{"public", "internal", "confidential", "restricted"}, nil)
	*c = Classification(v)
	return err
}

// Rank orders the levels: 0 for public up to 3 for restricted, -1 for unset.
func (c Classification) Rank() int {
	for i, x := range Classifications {
		if x == c {
			return i
		}
	}
	return -1
}

// Above reports whether c is more sensitive than limit. Nothing is above an unset
// limit.
func (c Classification) Above(limit Classification) bool {
	return limit != "" && c.Rank() > limit.Rank()
}

// StricterLimit returns the stricter of two limits (an unset limit is no limit).
func StricterLimit(a, b Classification) Classification {
	if a == "" || (b != "" && b.Rank() < a.Rank()) {
		return b
	}
	return a
}

// MaxClassification returns the most sensitive of cs ("" when all are unset).
func MaxClassification(cs ...Classification) Classification {
	var out Classification
	for _, c := range cs {
		if c.Rank() > out.Rank() {
			out = c
		}
	}
	return out
}

// LinkLevel says what a broken Markdown link or fragment is: an error (the default) or,
// while migrating a repository, a warning.
type LinkLevel string

const (
	LinksError LinkLevel = "error"
	LinksWarn  LinkLevel = "warn"
)

func (l *LinkLevel) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "links", []string{"error", "warn"}, map[string]string{"warning": "warn"})
	*l = LinkLevel(v)
	return err
}

// ParseLinkLevel reads "error" or "warn" as a flag gives it; "" is error.
func ParseLinkLevel(s string) (LinkLevel, error) {
	switch LinkLevel(s) {
	case "", LinksError:
		return LinksError, nil
	case LinksWarn, "warning":
		return LinksWarn, nil
	}
	return "", fmt.Errorf("links %q: want error or warn", s)
}

// ControlStatus is the implementation status of a control in the SoA.
type ControlStatus string

const (
	Implemented    ControlStatus = "implemented"
	Partial        ControlStatus = "partial"
	Planned        ControlStatus = "planned"
	NotImplemented ControlStatus = "not-implemented"
)

func (s *ControlStatus) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "implementation status", []string{"implemented", "partial", "planned", "not-implemented"},
		map[string]string{"not implemented": "not-implemented", "partially": "partial", "partially-implemented": "partial"})
	*s = ControlStatus(v)
	return err
}

func (r *MapRelationship) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "relationship", Relationships(),
		map[string]string{"equivalent": "equal", "subset-of": "subset", "superset-of": "superset", "intersect": "intersects", "intersects-with": "intersects"})
	*r = MapRelationship(v)
	return err
}

// Reason is a reason for including a control in the SoA.
type Reason string

func (r *Reason) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "reason", []string{"risk", "legal", "contractual", "business"},
		map[string]string{"regulatory": "legal", "risk-assessment": "risk", "best-practice": "business"})
	*r = Reason(v)
	return err
}

// Treatment is a risk treatment option, by its ISO/IEC 27005 name.
type Treatment string

const (
	Modify Treatment = "modify"
	Retain Treatment = "retain"
	Avoid  Treatment = "avoid"
	Share  Treatment = "share"
)

func (t *Treatment) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "treatment option", []string{"modify", "retain", "avoid", "share"},
		map[string]string{"mitigate": "modify", "reduce": "modify", "treat": "modify", "accept": "retain", "transfer": "share"})
	*t = Treatment(v)
	return err
}

// CIA is an information security property.
type CIA string

func (c *CIA) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "CIA property", []string{"confidentiality", "integrity", "availability"},
		map[string]string{"c": "confidentiality", "i": "integrity", "a": "availability"})
	*c = CIA(v)
	return err
}

// ActionStatus is the status of a treatment action.
type ActionStatus string

const (
	ActionPlanned    ActionStatus = "planned"
	ActionInProgress ActionStatus = "in-progress"
	ActionDone       ActionStatus = "done"
	ActionCancelled  ActionStatus = "cancelled"
)

func (s *ActionStatus) UnmarshalYAML(n *yaml.Node) error {
	v, err := enum(n, "action status", []string{"planned", "in-progress", "done", "cancelled"},
		map[string]string{"in progress": "in-progress", "completed": "done", "canceled": "cancelled"})
	*s = ActionStatus(v)
	return err
}

// ByteSize formats a file size as the site and the packs show it: "512 B", "12.3 kB",
// "4.1 MB" (binary multiples).
func ByteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
