package check

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// itemSpec says what one Stage 1 checklist item is about and how to tell whether the
// ISMS has it (iso27001-documents.md §3).
type itemSpec struct {
	number int
	title  string
	// clauses: documents that declare one of these clauses (or a sub-clause) cover the
	// item, and clause-missing findings for them concern it.
	clauses []string
	// registers: these registers (resolve.Reg*) cover the item.
	registers []string
	// controls: published documents that declare one of these controls cover the item,
	// and control-needs-document findings for them concern it.
	controls []string
	// annexA: the item is about the documents of DocumentedControls that the SoA marks
	// applicable (item 18).
	annexA bool
	// evidence: the item needs at least one readable evidence record (item 20).
	evidence bool
	// rules: every finding of these rules concerns the item.
	rules []string
	// recorded: the item is met only when this holds of the site, whatever documents
	// declare its clauses: a log an auditor samples must be a register whose rows are
	// checked, not prose.
	recorded func(s *model.Site) bool
}

// keepsNonconformityLog: the nonconformity log is kept as data.
func keepsNonconformityLog(s *model.Site) bool { return s.Nonconformities.Path != "" }

// heldAnAudit: the audit programme is kept as data and records an audit held.
func heldAnAudit(s *model.Site) bool {
	for _, a := range s.Audits.Audits {
		if a != nil && a.Status == model.AuditDone {
			return true
		}
	}
	return false
}

// stage1 is the Stage 1 document review checklist, in the order an auditor works.
func stage1() []itemSpec {
	return []itemSpec{
		{number: 1, title: "Context and interested parties", clauses: []string{"4.1", "4.2"}},
		{number: 2, title: "ISMS scope", clauses: []string{"4.3"}},
		{number: 3, title: "Information security policy", clauses: []string{"5.2"}},
		{number: 4, title: "Roles and responsibilities", clauses: []string{"5.3"}},
		{number: 5, title: "Risk assessment and treatment methodology", clauses: []string{"6.1.2", "6.1.3"}},
		{number: 6, title: "Risk assessment results", clauses: []string{"8.2"}, registers: []string{resolve.RegRisks},
			rules: []string{RuleRiskNoOwner, RuleRiskScale, RuleRiskReview}},
		{number: 7, title: "Risk treatment plan", clauses: []string{"6.1.3 e", "8.3"}, registers: []string{resolve.RegTreatment},
			rules: []string{RuleRiskNoTreatment, RuleRiskRetain, RuleRiskModify, RuleRiskResidual, RuleRiskAcceptExpired, RuleActionIncomplete, RuleActionOverdue,
				RuleRiskAcceptanceAuthority, RuleRiskAcceptanceRecord, RuleRiskResidualAbove, RuleRiskActionLink, RuleActionDates}},
		{number: 8, title: "Statement of Applicability", clauses: []string{"6.1.3 d"}, registers: []string{resolve.RegSoA},
			rules: []string{RuleSoAMissingRow, RuleSoANoApplicability, RuleSoANoJustification, RuleSoANoReason, RuleSoANoStatus, RuleSoAPlanIncomplete, RuleSoATargetPast, RuleExcludedControl,
				RuleSoAWeakJustification, RuleSoAJustificationRisk, RuleSoAExcludedImplemented}},
		{number: 9, title: "Information security objectives", clauses: []string{"6.2"}, registers: []string{"objectives"},
			rules: []string{RuleObjectiveIncomplete, RuleObjectiveOverdue, RuleObjectiveResults}},
		{number: 10, title: "Competence and awareness", clauses: []string{"7.2", "7.3"}, rules: []string{RuleAckCoverage}},
		{number: 11, title: "Communication", clauses: []string{"7.4"}},
		{number: 12, title: "Document control", clauses: []string{"7.5"},
			rules: []string{RuleDocApproval, RuleDocReviewOverdue, RuleDocHistoryOrder, RuleDocVersion, RuleDocLinksDraft, RuleDocUncontrolled,
				RuleDocApprovedBeforeRevision, RuleDocNoOwner, RuleDocDates}},
		{number: 13, title: "Operational planning and control records", clauses: []string{"8.1"}},
		{number: 14, title: "Monitoring and measurement results", clauses: []string{"9.1"}},
		{number: 15, title: "Internal audit programme and results", clauses: []string{"9.2"}, registers: []string{"audit-programme"}, recorded: heldAnAudit,
			rules: []string{RuleAuditGap, RuleAuditOverdue, RuleAuditUntracked, RuleAuditDates}},
		{number: 16, title: "Management review results", clauses: []string{"9.3"}},
		{number: 17, title: "Nonconformity and corrective action log", clauses: []string{"10.2"}, registers: []string{"nonconformity-log"}, recorded: keepsNonconformityLog,
			rules: []string{RuleNCIncomplete, RuleNCOverdue, RuleNCUnverified, RuleNCDates}},
		{number: 18, title: "Annex A documents for applicable controls", annexA: true,
			rules: []string{RuleControlNeedsDocument, RuleAssetNoOwner, RuleAssetUnclassified, RuleAssetHeldBelow, RuleAssetReview,
				RuleSupplierNoOwner, RuleSupplierAssessment, RuleSupplierDates, RuleSupplierClauses}},
		{number: 19, title: "Legal, regulatory and contractual requirements register", controls: []string{"A.5.31"}, registers: []string{"legal-register"},
			rules: []string{RuleLegalIncomplete, RuleLegalReview}},
		{number: 20, title: "Operating records for Stage 2 sampling", registers: []string{resolve.RegEvidence}, evidence: true,
			rules: []string{RuleEvidenceFile, RuleSoANoImplementation, RuleEvidenceStale, RuleEvidenceDates}},
	}
}
