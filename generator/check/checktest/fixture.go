package checktest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"

	"github.com/ismsgen/ismsgen/generator/catalog"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"go.yaml.in/yaml/v3"
)

// Date is the build date the fixture is valid on.
const Date = "2026-06-01"

// Site is an ISMS held in memory as file path → content, in the shared fixture form.
type Site struct {
	Files fixture.Files
}

// ControlIDs returns the IDs of the built-in Annex A catalogue, in catalogue order.
func ControlIDs(t testing.TB) []string {
	t.Helper()
	var c struct {
		Controls []struct {
			ID string `yaml:"id"`
		} `yaml:"controls"`
	}
	if err := yaml.Unmarshal(catalog.AnnexA(), &c); err != nil {
		t.Fatalf("built-in catalogue: %v", err)
	}
	ids := make([]string, len(c.Controls))
	for i, x := range c.Controls {
		ids[i] = x.ID
	}
	return ids
}

// documentedControls are the controls the fixture's information security policy
// declares: those check.DocumentedControls lists (kept here too so the fixture does not
// depend on the package it tests).
var documentedControls = []string{
	"A.5.1", "A.5.9", "A.5.10", "A.5.12", "A.5.13", "A.5.14", "A.5.15",
	"A.5.19", "A.5.20", "A.5.21", "A.5.22", "A.5.23", "A.5.24", "A.5.26", "A.5.28",
	"A.5.29", "A.5.30", "A.5.31", "A.5.32", "A.5.37",
	"A.6.2", "A.6.4", "A.6.6", "A.7.7",
	"A.8.9", "A.8.13", "A.8.19", "A.8.24", "A.8.25", "A.8.27", "A.8.32",
}

// docControl is the document: block every register shares.
func docControl(id, title string, clauses ...string) string {
	cl := ""
	if len(clauses) > 0 {
		cl = fmt.Sprintf("  clauses: [%s]\n", quoteAll(clauses))
	}
	return fmt.Sprintf(`document:
  id: %s
  title: %s
  version: "1.0"
  status: approved
  owner: ISMS Manager
  approver: CEO
  approved: 2026-01-10
  review_cycle: 12m
  classification: internal
%s  history:
    - version: "1.0"
      date: 2026-01-10
      author: ISMS Manager
      change: First issue.
`, id, title, cl)
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// document returns a controlled Markdown document.
func document(id, title, typ string, clauses, controls []string, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\ntitle: %s\ntype: %s\nversion: \"1.1\"\nstatus: approved\nowner: ISMS Manager\napprover: CEO\napproved: 2026-01-10\nreview_cycle: 12m\nclassification: internal\n", id, title, typ)
	if len(clauses) > 0 {
		fmt.Fprintf(&b, "clauses: [%s]\n", quoteAll(clauses))
	}
	if len(controls) > 0 {
		fmt.Fprintf(&b, "controls: [%s]\n", strings.Join(controls, ", "))
	}
	b.WriteString("history:\n  - version: \"1.0\"\n    date: 2025-12-01\n    author: ISMS Manager\n    change: First draft.\n  - version: \"1.1\"\n    date: 2026-01-10\n    author: ISMS Manager\n    change: Approved.\n")
	fmt.Fprintf(&b, "---\n# %s\n\n%s\n", title, body)
	return b.String()
}

// New returns the fixture ISMS.
func New(t testing.TB) *Site {
	t.Helper()
	f := map[string]string{}
	f["data/site.yaml"] = "organisation: Test Org\ntitle: Test ISMS\n"

	var soa strings.Builder
	soa.WriteString(docControl("SOA", "Statement of Applicability", "6.1.3"))
	soa.WriteString("controls:\n")
	for _, id := range ControlIDs(t) {
		fmt.Fprintf(&soa, "  - control: %s\n    applicable: true\n    reasons: [risk]\n    justification: Treats risks in the register.\n    status: implemented\n    owner: ISMS Manager\n    evidence: [EV-1]\n", id)
	}
	f["data/soa.yaml"] = soa.String()

	f["data/risks.yaml"] = docControl("REG-RISK", "Risk register", "8.2") + `method:
  likelihood:
    - value: 1
      name: Rare
    - value: 2
      name: Unlikely
    - value: 3
      name: Possible
    - value: 4
      name: Likely
    - value: 5
      name: Almost certain
  impact:
    - value: 1
      name: Negligible
    - value: 2
      name: Minor
    - value: 3
      name: Moderate
    - value: 4
      name: Major
    - value: 5
      name: Severe
  acceptance: 6
  bands:
    - max: 4
      name: Low
    - max: 9
      name: Medium
    - max: 25
      name: High
risks:
  - id: R-1
    title: Theft of an unencrypted laptop
    asset: Laptops
    threat: Theft
    vulnerability: Unencrypted disks
    cia: [confidentiality]
    owner: IT Manager
    likelihood: 3
    impact: 4
    treatment: modify
    controls: [A.8.1]
    actions: [RTP-1]
    residual:
      likelihood: 2
      impact: 2
    review: 2026-12-01
`
	f["data/treatment.yaml"] = docControl("RTP", "Risk treatment plan", "6.1.3", "8.3") + `actions:
  - id: RTP-1
    title: Encrypt laptops
    risks: [R-1]
    action: Turn on full-disk encryption on every laptop.
    controls: [A.8.1]
    owner: IT Manager
    approver: IT Manager
    start: 2026-01-15
    due: 2026-09-30
    status: in-progress
    evidence: [EV-1]
`
	f["data/evidence.yaml"] = docControl("REG-EVIDENCE", "Evidence register", "9.1") + `evidence:
  - id: EV-1
    title: Laptop encryption report
    file: evidence/encryption.txt
    controls: [A.8.1]
    date: 2026-02-01
    owner: IT Manager
`
	f["evidence/encryption.txt"] = "42 of 42 laptops encrypted.\n"

	f["content/manual/scope.md"] = document("MAN-SCOPE", "ISMS scope", "manual", []string{"4.3"}, nil,
		"The ISMS covers everything; changes follow [[PRO-CHANGE]].")
	f["content/policies/is-policy.md"] = document("POL-IS", "Information security policy", "policy", []string{"5.2"}, documentedControls,
		"Top management sets this policy.")
	f["content/manual/risk-method.md"] = document("MAN-RISK", "Risk method", "manual", []string{"6.1.2", "6.1.3"}, nil,
		"Likelihood times impact.")
	f["content/manual/objectives.md"] = document("PLN-OBJ", "Objectives", "plan", []string{"6.2"}, nil, "Measurable objectives.")
	f["content/records/competence.md"] = document("REC-COMP", "Competence matrix", "record", []string{"7.2"}, nil, "Who knows what.")
	f["content/records/kpi.md"] = document("REC-KPI", "KPI report", "record", []string{"9.1"}, nil, "Numbers.")
	f["content/records/audit.md"] = document("REC-AUDIT", "Internal audit", "record", []string{"9.2"}, nil, "Audit results.")
	f["content/records/review.md"] = document("REC-MR", "Management review", "record", []string{"9.3"}, nil, "Decisions.")
	f["content/records/nc.md"] = document("REG-NC", "Nonconformity log", "register", []string{"10.2"}, nil, "No nonconformities yet.")
	f["content/procedures/change.md"] = document("PRO-CHANGE", "Change management", "procedure", nil, nil, "Changes are reviewed.")
	return &Site{Files: f}
}

// Edit replaces old by new in a file; old must occur exactly once.
func (s *Site) Edit(t testing.TB, path, old, new string) {
	t.Helper()
	src, ok := s.Files[path]
	if !ok {
		t.Fatalf("fixture has no file %s", path)
	}
	if n := strings.Count(src, old); n != 1 {
		t.Fatalf("fixture %s: %q occurs %d times, want once", path, old, n)
	}
	s.Files[path] = strings.Replace(src, old, new, 1)
}

// EditRow edits the SoA row of a control: each pair of arguments is an old text and its
// replacement, and each old text must occur exactly once in the row.
func (s *Site) EditRow(t testing.TB, control string, oldNew ...string) {
	t.Helper()
	if len(oldNew)%2 != 0 {
		t.Fatalf("EditRow %s: want pairs of old and new text", control)
	}
	for i := 0; i < len(oldNew); i += 2 {
		src := s.Files["data/soa.yaml"]
		start := strings.Index(src, "  - control: "+control+"\n")
		if start < 0 {
			t.Fatalf("fixture SoA has no row for %s", control)
		}
		end := len(src)
		if j := strings.Index(src[start+1:], "\n  - "); j >= 0 {
			end = start + 1 + j + 1
		}
		row := src[start:end]
		if n := strings.Count(row, oldNew[i]); n != 1 {
			t.Fatalf("fixture SoA row %s: %q occurs %d times, want once", control, oldNew[i], n)
		}
		s.Files["data/soa.yaml"] = src[:start] + strings.Replace(row, oldNew[i], oldNew[i+1], 1) + src[end:]
	}
}

// Pos returns "path:line:col" of the first byte of needle in a file; needle must occur
// exactly once. Tests use it to state expected positions by content, not by counting
// lines of the fixture.
func (s *Site) Pos(t testing.TB, path, needle string) string {
	t.Helper()
	src := s.Files[path]
	if n := strings.Count(src, needle); n != 1 {
		t.Fatalf("fixture %s: %q occurs %d times, want once", path, needle, n)
	}
	i := strings.Index(src, needle)
	line := 1 + strings.Count(src[:i], "\n")
	col := i - strings.LastIndex(src[:i], "\n")
	return fmt.Sprintf("%s:%d:%d", path, line, col)
}

// Write writes the site into a new temporary directory and returns it.
func (s *Site) Write(t testing.TB) string {
	t.Helper()
	return fixture.Write(t, s.Files)
}

// Resolve writes the site and loads and resolves it on Date, failing the test on
// content errors. It calls load and resolve directly, as build.Resolve does, so that the
// tests of check do not depend on the renderers that package build also imports.
func (s *Site) Resolve(t testing.TB) *resolve.Graph {
	t.Helper()
	g, err := ResolveDir(s.Write(t), Date)
	if err != nil {
		t.Fatalf("fixture does not resolve:\n%v", err)
	}
	return g
}

// ResolveDir loads and resolves the site in dir on date (YYYY-MM-DD). Like
// build.Resolve, it resolves even after load errors and returns the errors of both
// stages together as one sorted diag.List.
func ResolveDir(dir, date string) (*resolve.Graph, error) {
	d, err := model.ParseDate(date)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	site, err := load.Load(context.Background(), dir)
	if err != nil {
		l, ok := diag.AsList(err)
		if !ok {
			return nil, err
		}
		errs.Append(l)
	}
	if site == nil {
		return nil, errs.Err()
	}
	g, err := resolve.Resolve(site, resolve.Options{Date: d})
	if err != nil {
		l, ok := diag.AsList(err)
		if !ok {
			return nil, err
		}
		errs.Append(l)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return g, nil
}
