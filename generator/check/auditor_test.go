package check_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

const (
	assets    = "data/assets.yaml"
	suppliers = "data/suppliers.yaml"
	legal     = "data/legal.yaml"
	ncLog     = "data/nonconformities.yaml"
	audits    = "data/audits.yaml"
	objs      = "data/objectives.yaml"
)

// value is the position of a key's value: the text key+value found once in the file,
// moved past the key.
func value(path, key, val string) func(t *testing.T, s *isms.Site) []string {
	return func(t *testing.T, s *isms.Site) []string {
		return []string{shift(s.Pos(t, path, key+val), len(key))}
	}
}

// shift moves a path:line:col position n columns right.
func shift(pos string, n int) string {
	i := strings.LastIndex(pos, ":")
	col, _ := strconv.Atoi(pos[i+1:])
	return pos[:i+1] + strconv.Itoa(col+n)
}

// acknowledged gives the fixture a group of two, distributes the policy to it, and adds
// the acknowledgements (CSV rows) given.
func acknowledged(rows string) func(t *testing.T, s *isms.Site) {
	return func(t *testing.T, s *isms.Site) {
		s.Files["data/acknowledgements.yaml"] = "groups:\n  - name: All staff\n    members: [Ann Lee, Bo Chan]\n"
		s.Files["data/acknowledgements/lms.csv"] = "person,group,document,version,date\n" + rows
		s.Edit(t, policy, "classification: internal\n", "classification: internal\ndistribution: All staff\n")
	}
}

// registers is an edit that gives the fixture every register, then applies edits.
func registers(edits ...[3]string) func(t *testing.T, s *isms.Site) {
	return func(t *testing.T, s *isms.Site) {
		s.WithEveryRegister(t)
		for _, e := range edits {
			s.Edit(t, e[0], e[1], e[2])
		}
	}
}

// auditorCases are the rules for the questions an auditor asks of values, dates and
// states that contradict each other or the build date.
func auditorCases() []ruleCase {
	acceptedBy := func(who string) func(t *testing.T, s *isms.Site) {
		return edit(risks, "    review: 2026-12-01\n", "    review: 2026-12-01\n    accepted_by: "+who+"\n    accepted: 2026-01-10\n")
	}
	return []ruleCase{
		// SoA
		{name: "excluded as N/A", rule: check.RuleSoAWeakJustification, sev: check.Warning,
			edit: editRow("A.5.7", "applicable: true", "applicable: false", "Treats risks in the register.", "N/A", "    status: implemented\n", "", "    evidence: [EV-1]\n", ""),
			at:   at(soaFile, "N/A"), subject: "A.5.7", contains: `"N/A", which says nothing`},
		{name: "excluded in too few words", rule: check.RuleSoAWeakJustification, sev: check.Warning,
			edit: editRow("A.5.7", "applicable: true", "applicable: false", "Treats risks in the register.", "Out of scope.", "    status: implemented\n", "", "    evidence: [EV-1]\n", ""),
			at:   at(soaFile, "Out of scope."), subject: "A.5.7", contains: "13 characters"},
		{name: "justification cites a risk that does not cite the control", rule: check.RuleSoAJustificationRisk, sev: check.Warning,
			edit: editRow("A.5.7", "Treats risks in the register.", "Treats risk R-1 (theft of laptops)."),
			at:   at(soaFile, "Treats risk R-1"), subject: "A.5.7", contains: "cites risk R-1, which does not list A.5.7"},
		{name: "excluded but planned, with evidence", rule: check.RuleSoAExcludedImplemented, sev: check.Warning,
			edit: editRow("A.5.7", "applicable: true", "applicable: false", "Treats risks in the register.", "The organisation gathers no threat intelligence of its own.", "status: implemented", "status: planned"),
			at:   at(soaFile, "planned"), subject: "A.5.7", contains: "records status planned and evidence"},

		// Documents
		{name: "approved before its newest revision", rule: check.RuleDocApprovedBeforeRevision, sev: check.Error,
			edit: edit(policy, "approved: 2026-01-10", "approved: 2026-01-05"),
			at:   at(policy, "2026-01-05"), subject: "POL-IS", contains: "before its newest revision 1.1 of 2026-01-10"},
		{name: "approved document with an empty owner", rule: check.RuleDocNoOwner, sev: check.Error,
			edit: edit(policy, "owner: ISMS Manager\n", "owner: \"\"\n"),
			at:   at(policy, "\"\"\napprover"), subject: "POL-IS", contains: "names no owner"},
		{name: "approved register without owner", rule: check.RuleDocNoOwner, sev: check.Error,
			edit: edit(risks, "  owner: ISMS Manager\n", ""),
			at:   at(risks, "approved\n  approver"), subject: "REG-RISK"},
		{name: "review set before approval", rule: check.RuleDocDates, sev: check.Warning,
			edit: edit(policy, "review_cycle: 12m", "review: 2025-12-31"),
			at:   at(policy, "2025-12-31"), subject: "POL-IS", contains: "before its approval on 2026-01-10"},
		{name: "approved in the future", rule: check.RuleDocDates, sev: check.Warning,
			edit: edit(policy, "approved: 2026-01-10", "approved: 2030-01-10"),
			at:   at(policy, "2030-01-10"), subject: "POL-IS", contains: "after the build date 2026-06-01"},

		// Risks
		{name: "accepted by someone else", rule: check.RuleRiskAcceptanceAuthority, sev: check.Error,
			edit: acceptedBy("Office Manager"),
			at:   at(risks, "Office Manager"), subject: "R-1", contains: "not its owner (IT Manager), and the method names no acceptance_authority"},
		{name: "accepted without a date", rule: check.RuleRiskAcceptanceRecord, sev: check.Warning,
			edit: edit(risks, "    review: 2026-12-01\n", "    review: 2026-12-01\n    accepted_by: IT Manager\n"),
			at:   value(risks, "accepted_by: ", "IT Manager"), subject: "R-1", contains: "but not when"},
		{name: "acceptance ends before it starts", rule: check.RuleRiskAcceptanceRecord, sev: check.Warning,
			edit: edit(risks, "    review: 2026-12-01\n", "    review: 2026-12-01\n    accepted_by: IT Manager\n    accepted: 2026-01-10\n    accepted_until: 2025-12-31\n"),
			at:   at(risks, "2025-12-31"), subject: "R-1", contains: "ends on 2025-12-31, before it was given on 2026-01-10"},
		{name: "residual above inherent", rule: check.RuleRiskResidualAbove, sev: check.Warning,
			edit: edit(risks, "      likelihood: 2\n      impact: 2\n", "      likelihood: 5\n      impact: 5\n"),
			at:   at(risks, "likelihood: 5\n      impact"), subject: "R-1", contains: "above its inherent level 12 (High)"},
		{name: "risk lists an action that does not list it", rule: check.RuleRiskActionLink, sev: check.Warning,
			edit: edit(plan, "    risks: [R-1]\n", ""),
			at:   at(risks, "RTP-1]"), subject: "R-1", contains: "add R-1 to the action's risks:"},
		{name: "action lists a risk that does not list it", rule: check.RuleRiskActionLink, sev: check.Warning,
			edit: edit(risks, "    actions: [RTP-1]\n", ""),
			at:   at(plan, "R-1]"), subject: "RTP-1", contains: "add RTP-1 to the risk's actions:"},

		// Treatment actions
		{name: "done without completion date", rule: check.RuleActionDates, sev: check.Warning,
			edit: edit(plan, "status: in-progress", "status: done"),
			at:   at(plan, "done"), subject: "RTP-1", contains: "records no completion date"},
		{name: "completed but in progress", rule: check.RuleActionDates, sev: check.Warning,
			edit: edit(plan, "    status: in-progress\n", "    status: in-progress\n    completed: 2026-05-02\n"),
			at:   at(plan, "2026-05-02"), subject: "RTP-1", contains: "but is in-progress"},
		{name: "due before start", rule: check.RuleActionDates, sev: check.Warning,
			edit: edit(plan, "due: 2026-09-30", "due: 2026-01-02"),
			at:   at(plan, "2026-01-02"), subject: "RTP-1", contains: "before it starts on 2026-01-15"},

		// Evidence
		{name: "stale evidence for implemented controls", rule: check.RuleEvidenceStale, sev: check.Warning,
			edit: edit(evidence, "    date: 2026-02-01\n", "    date: 2026-02-01\n    valid_for: 3m\n"),
			at:   at(evidence, "2026-02-01"), subject: "EV-1", contains: "was fresh until 2026-05-01 (build date 2026-06-01)"},
		{name: "stale by the site's setting for the theme", rule: check.RuleEvidenceStale, sev: check.Warning,
			edit: edit("data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nchecks:\n  evidence_valid_for: {default: 24m, technological: 2m}\n"),
			at:   at(evidence, "2026-02-01"), subject: "EV-1", contains: "fresh until 2026-04-01"},
		{name: "expires before collected", rule: check.RuleEvidenceDates, sev: check.Warning,
			edit: edit(evidence, "    date: 2026-02-01\n", "    date: 2026-02-01\n    expires: 2026-01-01\n"),
			at:   at(evidence, "2026-01-01"), subject: "EV-1", contains: "before it was collected on 2026-02-01"},
		{name: "collected in the future", rule: check.RuleEvidenceDates, sev: check.Warning,
			edit: edit(evidence, "    date: 2026-02-01\n", "    date: 2026-02-01\n    collected: 2026-07-01\n"),
			at:   at(evidence, "2026-07-01"), subject: "EV-1", contains: "after the build date"},

		// Assets
		{name: "asset without owner", rule: check.RuleAssetNoOwner, sev: check.Error,
			edit: registers([3]string{assets, "    owner: CTO\n", ""}),
			at:   at(assets, "id: IA-1"), subject: "IA-1", contains: "has no owner"},
		{name: "information asset without classification", rule: check.RuleAssetUnclassified, sev: check.Warning,
			edit: registers([3]string{assets, "    classification: confidential\n    location", "    location"}),
			at:   at(assets, "id: IA-1"), subject: "IA-1"},
		{name: "held in a less classified asset", rule: check.RuleAssetHeldBelow, sev: check.Warning,
			edit: registers([3]string{assets, "    owner: IT Manager\n    classification: confidential\n", "    owner: IT Manager\n    classification: internal\n"}),
			at:   at(assets, "AS-1]"), subject: "IA-1", contains: "held in AS-1, which is classified internal"},
		{name: "asset review overdue", rule: check.RuleAssetReview, sev: check.Warning,
			edit: registers([3]string{assets, "    owner: CTO\n", "    owner: CTO\n    review: 2026-01-31\n"}),
			at:   at(assets, "2026-01-31"), subject: "IA-1"},

		// Suppliers
		{name: "supplier without owner", rule: check.RuleSupplierNoOwner, sev: check.Error,
			edit: registers([3]string{suppliers, "    owner: Office Manager\n", ""}),
			at:   at(suppliers, "id: SUP-2"), subject: "SUP-2"},
		{name: "assessment overdue", rule: check.RuleSupplierAssessment, sev: check.Warning,
			edit: registers([3]string{suppliers, "next_assessment: 2027-01-31", "next_assessment: 2026-01-31"}),
			at:   at(suppliers, "2026-01-31"), subject: "SUP-2", contains: "due for assessment on 2026-01-31"},
		{name: "critical supplier without next assessment", rule: check.RuleSupplierAssessment, sev: check.Warning,
			edit: registers([3]string{suppliers, "    next_assessment: 2027-03-01\n", ""}),
			at:   at(suppliers, "id: SUP-1"), subject: "SUP-1", contains: "critical but has no next assessment"},
		{name: "last assessment in the future", rule: check.RuleSupplierDates, sev: check.Warning,
			edit: registers([3]string{suppliers, "last_assessment: 2026-03-01", "last_assessment: 2026-07-01"}),
			at:   at(suppliers, "2026-07-01"), subject: "SUP-1", contains: "after the build date"},
		{name: "agreement without security clauses", rule: check.RuleSupplierClauses, sev: check.Warning,
			edit: registers([3]string{suppliers, "security-requirements, incident-notification, ", ""}),
			at:   at(suppliers, "[confidentiality, data-protection, audit-rights]"), subject: "SUP-1", contains: "no security-requirements or incident-notification clause"},

		// Legal register
		{name: "requirement met by nothing", rule: check.RuleLegalIncomplete, sev: check.Warning,
			edit: registers([3]string{legal, "    met_by: [PRO-CHANGE]\n", ""}),
			at:   value(legal, "owner: ", "CEO"), subject: "L-2", contains: "nothing that meets it"},
		{name: "requirement review overdue", rule: check.RuleLegalReview, sev: check.Warning,
			edit: registers([3]string{legal, "review: 2026-12-01", "review: 2026-04-30"}),
			at:   at(legal, "2026-04-30"), subject: "L-1"},

		// Acknowledgements
		{name: "half the group acknowledged", rule: check.RuleAckCoverage, sev: check.Warning,
			edit: acknowledged("Ann Lee,All staff,POL-IS,1.1,2026-01-12\n"),
			at:   value(policy, "distribution: ", "All staff"), subject: "POL-IS", contains: "1 of 2 in All staff (50%) have acknowledged POL-IS version 1.1"},
		{name: "an earlier major version does not count", rule: check.RuleAckCoverage, sev: check.Warning,
			edit: acknowledged("Ann Lee,All staff,POL-IS,1.1,2026-01-12\nBo Chan,All staff,POL-IS,0.9,2025-11-02\n"),
			at:   value(policy, "distribution: ", "All staff"), subject: "POL-IS", contains: "1 of 2"},

		// Objectives
		{name: "objective without target", rule: check.RuleObjectiveIncomplete, sev: check.Warning,
			edit: registers([3]string{objs, `    target: {value: 95, unit: "%"}` + "\n", ""}),
			at:   at(objs, "id: O-2"), subject: "O-2", contains: "no target value"},
		{name: "objective overdue", rule: check.RuleObjectiveOverdue, sev: check.Warning,
			edit: registers([3]string{objs, "due: 2026-12-31", "due: 2026-05-15"}),
			at:   at(objs, "2026-05-15"), subject: "O-1", contains: "is on-track"},
		{name: "met but the latest result misses", rule: check.RuleObjectiveResults, sev: check.Warning,
			edit: registers([3]string{objs, "        value: 97\n", "        value: 93\n"}),
			at:   value(objs, "status: ", "met"), subject: "O-2", contains: "latest result (93% on 2026-04-30) misses the target at least 95%"},
		{name: "no recent result", rule: check.RuleObjectiveResults, sev: check.Warning,
			edit: registers([3]string{objs, "      - date: 2026-03-20\n        value: 4.5\n", ""}),
			at:   at(objs, "date: 2025-11-20"), subject: "O-1", contains: "more than 6 months before"},

		// Internal audits
		{name: "programme leaves clauses and controls unaudited", rule: check.RuleAuditGap, sev: check.Warning,
			edit: registers([3]string{audits, `      clauses: ["4", "5", "6", "7", "8", "9", "10"]`, `      clauses: ["4", "5", "6", "7", "8"]`}, [3]string{audits, "      themes: [technological]\n", "      controls: [A.8.1]\n"}),
			at: func(t *testing.T, s *isms.Site) []string {
				p := s.Pos(t, audits, "id: REG-AUDIT")
				return []string{p, p}
			},
			contains: "covers applicable control A.8.2, A.8.3"},
		{name: "planned audit not held", rule: check.RuleAuditOverdue, sev: check.Warning,
			edit: registers([3]string{audits, "planned: 2027-03-01", "planned: 2026-04-01"}),
			at:   at(audits, "2026-04-01"), subject: "AUD-2", contains: "still planned"},
		{name: "nonconformity not in the log", rule: check.RuleAuditUntracked, sev: check.Warning,
			edit: registers([3]string{audits, "        nonconformity: NC-1\n", ""}),
			at:   at(audits, "id: F-1"), subject: "AUD-1", contains: "found nonconformity F-1"},
		{name: "nonconformity names another finding", rule: check.RuleAuditFindingLink, sev: check.Warning,
			edit: registers([3]string{ncLog, "finding: AUD-1/F-1", "finding: AUD-1/F-2"}),
			at: func(t *testing.T, s *isms.Site) []string {
				return append(value(audits, "nonconformity: ", "NC-1")(t, s), value(ncLog, "finding: ", "AUD-1/F-2")(t, s)...)
			},
			subject: "AUD-1", contains: "finding AUD-1/F-1 raised nonconformity NC-1, whose finding: names AUD-1/F-2"},
		{name: "finding raised another nonconformity", rule: check.RuleAuditFindingLink, sev: check.Warning,
			edit: registers([3]string{audits, "nonconformity: NC-1", "nonconformity: NC-2"}),
			at:   value(ncLog, "finding: ", "AUD-1/F-1"), subject: "NC-1",
			contains: "nonconformity NC-1 was raised by finding AUD-1/F-1, but that finding raised NC-2"},
		{name: "done without a date", rule: check.RuleAuditDates, sev: check.Warning,
			edit: registers([3]string{audits, "    held: 2026-03-06\n", ""}),
			at:   value(audits, "status: ", "done"), subject: "AUD-1", contains: "records no date it was held"},

		// Nonconformities
		{name: "nonconformity without owner", rule: check.RuleNCIncomplete, sev: check.Error,
			edit: registers([3]string{ncLog, "    owner: IT Manager\n", ""}),
			at:   at(ncLog, "id: NC-1"), subject: "NC-1", contains: "has no owner"},
		{name: "nonconformity overdue", rule: check.RuleNCOverdue, sev: check.Warning,
			edit: registers([3]string{ncLog, "due: 2026-07-31", "due: 2026-05-15"}),
			at:   at(ncLog, "2026-05-15"), subject: "NC-1", contains: "was due on 2026-05-15"},
		{name: "effectiveness review overdue", rule: check.RuleNCOverdue, sev: check.Warning,
			edit: registers([3]string{ncLog, "      due: 2026-09-30\n", "      due: 2026-05-29\n"}),
			at:   at(ncLog, "2026-05-29"), subject: "NC-1", contains: "effectiveness review of nonconformity NC-1"},
		{name: "closed without effective review", rule: check.RuleNCUnverified, sev: check.Warning,
			edit: registers([3]string{ncLog, "      result: effective\n", "      result: not-effective\n"}),
			at:   value(ncLog, "status: ", "closed"), subject: "NC-2", contains: "no effectiveness review found"},
		{name: "closed before raised", rule: check.RuleNCDates, sev: check.Warning,
			edit: registers([3]string{ncLog, "closed: 2026-02-20", "closed: 2025-12-20"}),
			at:   at(ncLog, "2025-12-20"), subject: "NC-2", contains: "before it was raised on 2026-01-05"},
	}
}

// TestAcceptanceAuthority: a role the method names may accept a risk it does not own;
// the rule is silent then.
func TestAcceptanceAuthority(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, risks, "  acceptance: 6\n", "  acceptance: 6\n  acceptance_authority: [Chief Executive]\n")
	s.Edit(t, risks, "    review: 2026-12-01\n", "    review: 2026-12-01\n    accepted_by: chief  executive\n    accepted: 2026-01-10\n")
	if fs := findings(t, s); len(fs) != 0 {
		t.Errorf("an acceptance by the method's authority should pass:%s", dump(fs))
	}
}

// TestEvidenceValidForKeys: checks.evidence_valid_for is keyed by default or a theme.
func TestEvidenceValidForKeys(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nchecks:\n  evidence_valid_for: {technical: 6m}\n")
	_, err := isms.ResolveDir(s.Write(t), isms.Date)
	if err == nil {
		t.Fatal("an unknown theme in evidence_valid_for was accepted")
	}
	want := `data/site.yaml:4:23: checks: evidence_valid_for: "technical" is neither default nor a control theme (organizational, people, physical, technological)`
	if got := err.Error(); got != want {
		t.Errorf("error:\n got %s\nwant %s", got, want)
	}
}
