package check_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// ruleCase changes one thing in the fixture and names the finding that must follow.
type ruleCase struct {
	name string
	rule string
	sev  check.Severity
	edit func(t *testing.T, s *isms.Site)
	// at returns the expected positions (path:line:col) of the rule's findings, in
	// order; the rule must fire there and nowhere else.
	at      func(t *testing.T, s *isms.Site) []string
	subject string
	// contains is a phrase the first finding's message must contain.
	contains string
}

const (
	soaFile  = "data/soa.yaml"
	risks    = "data/risks.yaml"
	plan     = "data/treatment.yaml"
	evidence = "data/evidence.yaml"
	policy   = "content/policies/is-policy.md"
	scope    = "content/manual/scope.md"
	objPlan  = "content/manual/objectives.md"
	change   = "content/procedures/change.md"
)

// at is a position given by the text found there.
func at(path, needle string) func(t *testing.T, s *isms.Site) []string {
	return func(t *testing.T, s *isms.Site) []string { return []string{s.Pos(t, path, needle)} }
}

// row is the position of a control's SoA row (the "control:" key).
func row(id string) func(t *testing.T, s *isms.Site) []string {
	return func(t *testing.T, s *isms.Site) []string {
		return []string{s.Pos(t, soaFile, "control: "+id+"\n")}
	}
}

func fixed(pos ...string) func(t *testing.T, s *isms.Site) []string {
	return func(*testing.T, *isms.Site) []string { return pos }
}

func edit(path, old, new string) func(t *testing.T, s *isms.Site) {
	return func(t *testing.T, s *isms.Site) { s.Edit(t, path, old, new) }
}

func editRow(id string, oldNew ...string) func(t *testing.T, s *isms.Site) {
	return func(t *testing.T, s *isms.Site) { s.EditRow(t, id, oldNew...) }
}

func ruleCases() []ruleCase {
	cases := []ruleCase{
		// SoA
		{name: "missing row", rule: check.RuleSoAMissingRow, sev: check.Error,
			edit: func(t *testing.T, s *isms.Site) {
				s.EditRow(t, "A.5.7", "  - control: A.5.7\n    applicable: true\n    reasons: [risk]\n    justification: Treats risks in the register.\n    status: implemented\n    owner: ISMS Manager\n    evidence: [EV-1]\n", "")
			},
			at: at(soaFile, "id: SOA"), subject: "A.5.7", contains: "control A.5.7 (Threat intelligence) has no SoA row"},
		{name: "no SoA at all", rule: check.RuleSoAMissingRow, sev: check.Error,
			edit: func(t *testing.T, s *isms.Site) { delete(s.Files, soaFile) },
			at:   fixed("data/soa.yaml"), contains: "there is no Statement of Applicability"},
		{name: "no applicability", rule: check.RuleSoANoApplicability, sev: check.Error,
			edit: editRow("A.5.7", "    applicable: true\n", ""), at: row("A.5.7"), subject: "A.5.7"},
		{name: "excluded without justification", rule: check.RuleSoANoJustification, sev: check.Error,
			edit: editRow("A.5.7", "applicable: true", "applicable: false", "    justification: Treats risks in the register.\n", ""),
			at:   row("A.5.7"), subject: "A.5.7", contains: "not applicable"},
		{name: "applicable without reason", rule: check.RuleSoANoReason, sev: check.Warning,
			edit: editRow("A.5.7", "    reasons: [risk]\n", ""), at: row("A.5.7"), subject: "A.5.7"},
		{name: "applicable without status", rule: check.RuleSoANoStatus, sev: check.Warning,
			edit: editRow("A.5.7", "    status: implemented\n", ""), at: row("A.5.7"), subject: "A.5.7"},
		{name: "implemented without documents or evidence", rule: check.RuleSoANoImplementation, sev: check.Warning,
			edit: editRow("A.5.7", "    evidence: [EV-1]\n", ""), at: row("A.5.7"), subject: "A.5.7"},
		{name: "planned without owner or target", rule: check.RuleSoAPlanIncomplete, sev: check.Warning,
			edit: editRow("A.5.7", "implemented", "planned", "    owner: ISMS Manager\n", ""),
			at:   row("A.5.7"), subject: "A.5.7", contains: "no owner and no target date"},
		{name: "partial without target", rule: check.RuleSoAPlanIncomplete, sev: check.Warning,
			edit: editRow("A.5.7", "implemented", "partial"),
			at:   row("A.5.7"), subject: "A.5.7", contains: "is partial but has no target date"},
		{name: "target in the past", rule: check.RuleSoATargetPast, sev: check.Warning,
			edit: editRow("A.5.7", "implemented", "planned", "    owner: ISMS Manager\n", "    owner: ISMS Manager\n    target: 2026-03-01\n"),
			at:   at(soaFile, "2026-03-01"), subject: "A.5.7", contains: "2026-03-01"},

		// Consistency
		{name: "risk and action cite an excluded control", rule: check.RuleExcludedControl, sev: check.Error,
			edit: editRow("A.8.1", "applicable: true", "applicable: false"),
			at: func(t *testing.T, s *isms.Site) []string {
				return []string{s.Pos(t, risks, "A.8.1]"), s.Pos(t, plan, "A.8.1]")}
			},
			subject: "R-1", contains: "risk R-1 relies on control A.8.1"},

		// Mandatory clauses
		{name: "clause not declared", rule: check.RuleClauseMissing, sev: check.Error,
			edit: edit(objPlan, "clauses: [\"6.2\"]\n", ""),
			at:   fixed("data/site.yaml:1:1"), subject: "6.2", contains: "clause 6.2 (Information security objectives)"},
		{name: "clause declared by an unapproved document", rule: check.RuleClauseMissing, sev: check.Error,
			edit: edit(objPlan, "status: approved", "status: review"),
			at:   fixed("data/site.yaml:1:1"), subject: "6.2", contains: "declared only by PLN-OBJ (review)"},
		{name: "generated SoA not approved", rule: check.RuleClauseMissing, sev: check.Error,
			edit: func(t *testing.T, s *isms.Site) {
				s.Edit(t, soaFile, "status: approved", "status: review")
				// MAN-RISK and the RTP declare 6.1.3 as well.
				s.Edit(t, "content/manual/risk-method.md", `clauses: ["6.1.2", "6.1.3"]`, `clauses: ["6.1.2"]`)
				s.Edit(t, plan, `clauses: ["6.1.3", "8.3"]`, `clauses: ["8.3"]`)
			},
			at: fixed("data/site.yaml:1:1"), subject: "6.1.3", contains: "SOA (review)"},

		// Links, under links: warn
		{name: "broken link under links: warn", rule: check.RuleBrokenLink, sev: check.Warning,
			edit: func(t *testing.T, s *isms.Site) {
				s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nlinks: warn\n")
				s.Edit(t, policy, "Top management sets this policy.", "Top management sets [this policy](../missing.md#x).")
			},
			at: at(policy, "[this policy]"), contains: "link to ../missing.md#x: no such document (looked for content/missing.md)"},

		// Controls that need a document
		{name: "applicable control without a declaring document", rule: check.RuleControlNeedsDocument, sev: check.Warning,
			edit: edit(policy, "A.5.1, A.5.9, ", "A.5.1, "), at: row("A.5.9"), subject: "A.5.9"},

		// Documents
		{name: "approved without approver", rule: check.RuleDocApproval, sev: check.Error,
			edit: edit(policy, "approver: CEO\n", ""), at: at(policy, "approved\nowner"), subject: "POL-IS", contains: "no approver"},
		{name: "approved register without date", rule: check.RuleDocApproval, sev: check.Error,
			edit: edit(risks, "  approved: 2026-01-10\n", ""), at: at(risks, "approved\n  owner"), subject: "REG-RISK", contains: "no approval date"},
		{name: "review overdue", rule: check.RuleDocReviewOverdue, sev: check.Warning,
			edit: edit(policy, "review_cycle: 12m", "review: 2026-05-01"), at: at(policy, "2026-05-01"), subject: "POL-IS", contains: "2026-05-01"},
		{name: "review cycle overdue on a register", rule: check.RuleDocReviewOverdue, sev: check.Warning,
			edit: edit(plan, "review_cycle: 12m", "review_cycle: 3m"), at: at(plan, "2026-01-10\n  review_cycle"), subject: "RTP", contains: "2026-04-10"},
		{name: "history not rising (1.10 before 1.9)", rule: check.RuleDocHistoryOrder, sev: check.Error,
			edit: func(t *testing.T, s *isms.Site) {
				s.Edit(t, policy, "version: \"1.1\"\nstatus", "version: \"1.10\"\nstatus")
				s.Edit(t, policy, "  - version: \"1.0\"", "  - version: \"1.10\"")
				s.Edit(t, policy, "  - version: \"1.1\"", "  - version: \"1.9\"")
			},
			at: at(policy, "version: \"1.9\""), subject: "POL-IS", contains: "from version 1.10 to 1.9"},
		{name: "version is not the newest history entry", rule: check.RuleDocVersion, sev: check.Warning,
			edit: edit(policy, "version: \"1.1\"\nstatus", "version: \"1.2\"\nstatus"), at: at(policy, "\"1.2\"\nstatus"), subject: "POL-IS", contains: "version 1.2"},
		{name: "approved document links to a draft", rule: check.RuleDocLinksDraft, sev: check.Warning,
			edit: edit(change, "status: approved", "status: draft"), at: at(scope, "[[PRO-CHANGE]]"), subject: "MAN-SCOPE"},
		{name: "approved SoA lists a draft", rule: check.RuleDocLinksDraft, sev: check.Warning,
			edit: func(t *testing.T, s *isms.Site) {
				s.EditRow(t, "A.8.32", "    evidence: [EV-1]\n", "    evidence: [EV-1]\n    documents: [MAN-SCOPE, PRO-CHANGE]\n")
				s.Edit(t, change, "status: approved", "status: draft")
				s.Edit(t, scope, "[[PRO-CHANGE]]", "the change procedure")
			},
			at: at(soaFile, "PRO-CHANGE]"), subject: "SOA", contains: "draft document PRO-CHANGE"},

		{name: "TODO markers", rule: check.RuleDocTodo, sev: check.Warning,
			edit: func(t *testing.T, s *isms.Site) {
				s.Files["content/todo.md"] = "---\nid: DOC-TODO\ntitle: Stub\ntype: record\nstatus: draft\n---\n\n## Scope\n\nTODO: say what it covers. Not a TODOs or `TODO` in code.\n\n```\nTODO\n```\n\n- Owner: TODO\n"
			},
			at:       fixed("content/todo.md:10:1", "content/todo.md:16:10"),
			subject:  "DOC-TODO",
			contains: "TODO marker: write what it asks for"},
		{name: "file without front matter", rule: check.RuleDocUncontrolled, sev: check.Warning,
			edit: func(t *testing.T, s *isms.Site) {
				s.Files["content/guide.md"] = "# Staff guide\n\nRead the [[POL-IS]].\n"
				s.Files["content/handbook/README.md"] = "Handbook.\n"
				// A page with front matter and no id is deliberate: not reported.
				s.Files["content/about.md"] = "---\ntitle: About\n---\nAbout us.\n"
			},
			at:       fixed("content/guide.md:1:1", "content/handbook/README.md:1:1"),
			contains: "add front matter with id, version, status, owner to bring it under document control"},

		// Risks
		{name: "risk without owner", rule: check.RuleRiskNoOwner, sev: check.Error,
			edit: edit(risks, "    owner: IT Manager\n", ""), at: at(risks, "id: R-1"), subject: "R-1"},
		{name: "likelihood off the scale", rule: check.RuleRiskScale, sev: check.Error,
			edit: edit(risks, "likelihood: 3", "likelihood: 7"), at: at(risks, "id: R-1"), subject: "R-1", contains: "likelihood 7"},
		{name: "residual impact off the scale", rule: check.RuleRiskScale, sev: check.Error,
			edit: edit(risks, "      impact: 2\n", "      impact: 9\n"), at: at(risks, "likelihood: 2\n      impact"), subject: "R-1", contains: "residual impact 9"},
		{name: "above threshold without treatment", rule: check.RuleRiskNoTreatment, sev: check.Warning,
			edit: edit(risks, "    treatment: modify\n", ""), at: at(risks, "id: R-1"), subject: "R-1", contains: "level 12 (High)"},
		{name: "retained without acceptance", rule: check.RuleRiskRetain, sev: check.Error,
			edit: edit(risks, "treatment: modify", "treatment: retain"), at: at(risks, "id: R-1"), subject: "R-1", contains: "above the acceptance threshold 6"},
		{name: "modify without controls or actions", rule: check.RuleRiskModify, sev: check.Warning,
			edit: func(t *testing.T, s *isms.Site) {
				s.Edit(t, risks, "    controls: [A.8.1]\n    actions: [RTP-1]\n", "")
			},
			at: at(risks, "id: R-1"), subject: "R-1"},
		{name: "residual above threshold, not accepted", rule: check.RuleRiskResidual, sev: check.Warning,
			edit: edit(risks, "      likelihood: 2\n      impact: 2\n", "      likelihood: 3\n      impact: 3\n"), at: at(risks, "id: R-1"), subject: "R-1", contains: "residual level of risk R-1 is 9 (Medium)"},
		{name: "acceptance expired", rule: check.RuleRiskAcceptExpired, sev: check.Warning,
			edit: edit(risks, "    review: 2026-12-01\n", "    review: 2026-12-01\n    accepted_by: IT Manager\n    accepted: 2026-01-10\n    accepted_until: 2026-05-31\n"),
			at:   at(risks, "2026-05-31"), subject: "R-1", contains: "expired on 2026-05-31"},
		{name: "risk review overdue", rule: check.RuleRiskReview, sev: check.Warning,
			edit: edit(risks, "review: 2026-12-01", "review: 2026-05-01"), at: at(risks, "2026-05-01"), subject: "R-1"},

		// Treatment actions
		{name: "action without due date", rule: check.RuleActionIncomplete, sev: check.Error,
			edit: edit(plan, "    due: 2026-09-30\n", ""), at: at(plan, "id: RTP-1"), subject: "RTP-1", contains: "no due date"},
		{name: "action without owner", rule: check.RuleActionIncomplete, sev: check.Error,
			edit: edit(plan, "    owner: IT Manager\n", ""), at: at(plan, "id: RTP-1"), subject: "RTP-1", contains: "no owner"},
		{name: "action overdue", rule: check.RuleActionOverdue, sev: check.Warning,
			edit: edit(plan, "due: 2026-09-30", "due: 2026-05-31"), at: at(plan, "2026-05-31"), subject: "RTP-1", contains: "in-progress"},

		// Evidence
		// (An evidence file that is missing or outside the root fails the load: see
		// TestEvidenceFileErrorsAreFindings.)
		{name: "evidence without file", rule: check.RuleEvidenceFile, sev: check.Error,
			edit: edit(evidence, "    file: evidence/encryption.txt\n", ""), at: at(evidence, "id: EV-1"), subject: "EV-1", contains: "names no file"},

		// Frameworks
		{name: "mapped requirement with nothing to cover it", rule: check.RuleFrameworkNoControl, sev: check.Warning,
			edit: func(t *testing.T, s *isms.Site) {
				s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nframeworks: [iso27001-2022, mini]\n")
				s.Files["data/controls/mini.yaml"] = "catalogue: mini\ncontrols:\n  - {id: M.1, title: Threats}\n  - {id: M.2, title: Nothing}\n  - {id: M.3, title: Excluded}\n"
				s.Files[miniMap] = "source: mini\ntarget: iso27001-2022\nmappings:\n  - {from: M.1, to: [A.5.7, 6.1.2], relationship: equal}\n  - {from: M.2, to: []}\n  - {from: M.3, to: [A.5.8]}\n"
				s.EditRow(t, "A.5.8", "applicable: true", "applicable: false")
			},
			at: func(t *testing.T, s *isms.Site) []string {
				return []string{s.Pos(t, miniMap, "M.2, to"), s.Pos(t, miniMap, "M.3, to")}
			},
			subject: "M.2", contains: "mini requirement M.2 (Nothing) maps onto no control or clause"},
	}
	return append(cases, auditorCases()...)
}

const miniMap = "data/mappings/mini.yaml"

func TestRules(t *testing.T) {
	for _, tc := range ruleCases() {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			s := isms.New(t)
			tc.edit(t, s)
			want := tc.at(t, s)
			fs := findings(t, s)
			var got []check.Finding
			for _, f := range fs {
				if f.Rule == tc.rule {
					got = append(got, f)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("want %d %s finding(s) at %v, got %d; all findings:%s", len(want), tc.rule, want, len(got), dump(fs))
			}
			for i, f := range got {
				if f.Pos.String() != want[i] {
					t.Errorf("finding %d at %s, want %s: %s", i, f.Pos, want[i], f)
				}
				if f.Severity != tc.sev {
					t.Errorf("severity %s, want %s: %s", f.Severity, tc.sev, f)
				}
			}
			if got[0].Subject != tc.subject {
				t.Errorf("subject %q, want %q: %s", got[0].Subject, tc.subject, got[0])
			}
			if !strings.Contains(got[0].Message, tc.contains) {
				t.Errorf("message %q does not contain %q", got[0].Message, tc.contains)
			}
		})
	}
}

// TestEveryRuleIsTested keeps Rules, the rule constants and the tests in step.
func TestEveryRuleIsTested(t *testing.T) {
	tested := map[string]bool{check.RuleSyntax: true, check.RuleReference: true} // TestFromDiag
	tested[check.RuleDocChangedNoBump] = true                                    // TestGitChanges
	for _, tc := range ruleCases() {
		tested[tc.rule] = true
	}
	seen := map[string]bool{}
	for _, r := range check.Rules() {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if !tested[r.ID] {
			t.Errorf("rule %s has no test case", r.ID)
		}
		if r.Severity != check.Error && r.Severity != check.Warning {
			t.Errorf("rule %s: severity %q", r.ID, r.Severity)
		}
		if r.Summary == "" || strings.Contains(r.Summary, "\n") {
			t.Errorf("rule %s: summary must be one line", r.ID)
		}
		if r.ID != strings.ToLower(r.ID) || strings.ContainsAny(r.ID, " _") {
			t.Errorf("rule %s: IDs are kebab-case", r.ID)
		}
	}
	for id := range tested {
		if !seen[id] {
			t.Errorf("test case for %s, which Rules does not list", id)
		}
	}
}

// TestVersionsCompareNumerically: a history 1.9 → 1.10 rises (resolve.CompareVersions
// has its own unit test).
func TestVersionsCompareNumerically(t *testing.T) {
	// A history 1.9 → 1.10 rises.
	s := isms.New(t)
	s.Edit(t, policy, "version: \"1.1\"\nstatus", "version: \"1.10\"\nstatus")
	s.Edit(t, policy, "  - version: \"1.0\"", "  - version: \"1.9\"")
	s.Edit(t, policy, "  - version: \"1.1\"", "  - version: \"1.10\"")
	if fs := findings(t, s); len(fs) != 0 {
		t.Errorf("1.9 then 1.10 should pass:%s", dump(fs))
	}
}

func TestCancelledActionNeedsNoDueDate(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, plan, "    due: 2026-09-30\n    status: in-progress\n", "    status: cancelled\n")
	if fs := findings(t, s); len(fs) != 0 {
		t.Errorf("a cancelled action without due date should pass:%s", dump(fs))
	}
}

func TestFindingsAreSortedAndStable(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, risks, "    owner: IT Manager\n", "")
	s.Edit(t, plan, "    owner: IT Manager\n", "")
	s.EditRow(t, "A.5.7", "    reasons: [risk]\n", "")
	s.EditRow(t, "A.5.2", "    reasons: [risk]\n", "")
	s.Edit(t, policy, "approver: CEO\n", "")
	g := s.Resolve(t)
	first := check.Run(g)
	if len(first) < 5 {
		t.Fatalf("want at least 5 findings:%s", dump(first))
	}
	sorted := slices.IsSortedFunc(first, func(a, b check.Finding) int {
		if a.Pos.Before(b.Pos) {
			return -1
		}
		if b.Pos.Before(a.Pos) {
			return 1
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	if !sorted {
		t.Errorf("findings not sorted by position then rule:%s", dump(first))
	}
	for range 5 {
		if again := check.Run(g); !slices.Equal(first, again) {
			t.Fatalf("findings differ between runs:%s\nvs%s", dump(first), dump(again))
		}
	}
}

// TestREADMEListsEveryRule keeps the README's rules table in step with Rules: one row
// per rule, with its severity.
func TestREADMEListsEveryRule(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, r := range check.Rules() {
		if row := "| `" + r.ID + "` | " + string(r.Severity) + " |"; !strings.Contains(readme, row) {
			t.Errorf("README's rules table has no row %q", row)
		}
	}
}
