package check

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/ismsgen/ismsgen/generator/diag"
)

// Severity says whether a finding blocks readiness (error) or is advice (warning).
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem a rule found. Pos is the row or document it is about; Subject
// is the ID of the entity it concerns (a control, risk, action, evidence or document ID;
// the clause number for clause-missing) so the site can link to it.
type Finding struct {
	Rule     string
	Severity Severity
	Message  string
	Pos      diag.Pos
	Subject  string
}

// String formats a finding the way compilers print errors:
// path:line:col: severity: message [rule].
func (f Finding) String() string {
	if p := f.Pos.String(); p != "" {
		return fmt.Sprintf("%s: %s: %s [%s]", p, f.Severity, f.Message, f.Rule)
	}
	return fmt.Sprintf("%s: %s [%s]", f.Severity, f.Message, f.Rule)
}

// findingJSON is the flat JSON form of a finding: flat so that tools such as jq can
// print path:line without digging into a nested position.
type findingJSON struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Path     string   `json:"path"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Subject  string   `json:"subject,omitempty"`
}

// MarshalJSON writes the flat form {rule, severity, message, path, line, col, subject}.
func (f Finding) MarshalJSON() ([]byte, error) {
	return json.Marshal(findingJSON{f.Rule, f.Severity, f.Message, f.Pos.Path, f.Pos.Line, f.Pos.Col, f.Subject})
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (f *Finding) UnmarshalJSON(b []byte) error {
	var j findingJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Finding{Rule: j.Rule, Severity: j.Severity, Message: j.Message, Pos: diag.Pos{Path: j.Path, Line: j.Line, Col: j.Col}, Subject: j.Subject}
	return nil
}

// Sort orders findings by position, then rule, then message, then subject, and drops
// exact duplicates, so that output is the same on every run whatever order the rules
// ran in.
func Sort(fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.Pos != b.Pos:
			return a.Pos.Before(b.Pos)
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		case a.Message != b.Message:
			return a.Message < b.Message
		}
		return a.Subject < b.Subject
	})
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f == fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Count returns the number of errors and warnings.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Failed reports whether findings should fail a run: any error, or under strict any
// finding at all.
func Failed(fs []Finding, strict bool) bool {
	e, w := Count(fs)
	return e > 0 || (strict && w > 0)
}
