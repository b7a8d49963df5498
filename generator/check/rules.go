package check

// Rule IDs. They are part of the CLI's contract (CI scripts and the readiness page key
// on them): never rename one, add a new one instead.
const (
	RuleSyntax     = "syntax"      // load: a source file could not be read or decoded
	RuleReference  = "reference"   // resolve: a reference or ID does not resolve or clashes
	RuleBrokenLink = "broken-link" // resolve, under links: warn: a Markdown link or fragment is broken

	RuleSoAMissingRow       = "soa-missing-row"
	RuleSoANoApplicability  = "soa-no-applicability"
	RuleSoANoJustification  = "soa-no-justification"
	RuleSoANoReason         = "soa-no-reason"
	RuleSoANoStatus         = "soa-no-status"
	RuleSoANoImplementation = "soa-no-implementation"
	RuleSoAPlanIncomplete   = "soa-plan-incomplete"
	RuleSoATargetPast       = "soa-target-past"

	RuleExcludedControl = "consistency-excluded-control"

	RuleClauseMissing        = "clause-missing"
	RuleControlNeedsDocument = "control-needs-document"

	RuleDocApproval       = "doc-not-approved-properly"
	RuleDocReviewOverdue  = "doc-review-overdue"
	RuleDocHistoryOrder   = "doc-history-order"
	RuleDocVersion        = "doc-version-mismatch"
	RuleDocLinksDraft     = "doc-links-draft"
	RuleDocUncontrolled   = "doc-uncontrolled"
	RuleDocTodo           = "doc-todo"
	RuleRiskNoOwner       = "risk-no-owner"
	RuleRiskScale         = "risk-scale"
	RuleRiskNoTreatment   = "risk-no-treatment"
	RuleRiskRetain        = "risk-retain-unaccepted"
	RuleRiskModify        = "risk-modify-no-treatment"
	RuleRiskResidual      = "risk-residual-unaccepted"
	RuleRiskAcceptExpired = "risk-acceptance-expired"
	RuleRiskReview        = "risk-review-overdue"

	RuleActionIncomplete = "action-incomplete"
	RuleActionOverdue    = "action-overdue"

	RuleEvidenceFile = "evidence-file"

	RuleFrameworkNoControl = "framework-no-control"

	// The rules an auditor's questions add: values, dates and states that contradict
	// each other or the build date.
	RuleSoAWeakJustification      = "soa-weak-justification"
	RuleSoAJustificationRisk      = "soa-justification-risk"
	RuleSoAExcludedImplemented    = "soa-excluded-implemented"
	RuleDocApprovedBeforeRevision = "doc-approved-before-revision"
	RuleDocNoOwner                = "doc-no-owner"
	RuleDocDates                  = "doc-dates"
	RuleRiskAcceptanceAuthority   = "risk-acceptance-authority"
	RuleRiskAcceptanceRecord      = "risk-acceptance-record"
	RuleRiskResidualAbove         = "risk-residual-above-inherent"
	RuleRiskActionLink            = "consistency-risk-action"
	RuleActionDates               = "action-dates"
	RuleEvidenceStale             = "evidence-stale"
	RuleEvidenceDates             = "evidence-dates"
	RuleAssetNoOwner              = "asset-no-owner"
	RuleAssetUnclassified         = "asset-unclassified"
	RuleAssetHeldBelow            = "asset-held-below"
	RuleAssetReview               = "asset-review-overdue"
	RuleSupplierNoOwner           = "supplier-no-owner"
	RuleSupplierAssessment        = "supplier-assessment-overdue"
	RuleSupplierDates             = "supplier-assessment-dates"
	RuleSupplierClauses           = "supplier-clauses"
	RuleNCIncomplete              = "nc-incomplete"
	RuleLegalIncomplete           = "legal-incomplete"
	RuleAuditGap                  = "audit-programme-gap"
	RuleObjectiveIncomplete       = "objective-incomplete"
	RuleAckCoverage               = "acknowledgement-coverage"
	RuleObjectiveOverdue          = "objective-overdue"
	RuleObjectiveResults          = "objective-results"
	RuleAuditOverdue              = "audit-overdue"
	RuleAuditUntracked            = "audit-finding-untracked"
	RuleAuditFindingLink          = "audit-finding-link"
	RuleAuditDates                = "audit-dates"
	RuleLegalReview               = "legal-review-overdue"
	RuleNCOverdue                 = "nc-overdue"
	RuleNCUnverified              = "nc-unverified"
	RuleNCDates                   = "nc-dates"
)

// RuleInfo describes one rule for documentation, the CLI and tests.
type RuleInfo struct {
	ID       string
	Severity Severity
	// Summary is a one-line explanation of what the rule finds and why it matters.
	Summary string
}

// Rules lists every rule in the order the README documents them. It is the single
// source of a rule's severity: the checks look it up here.
func Rules() []RuleInfo {
	return []RuleInfo{
		{RuleSyntax, Error, "a source file cannot be read or decoded (bad YAML, unknown key, invalid value, front matter never closed, an empty file)"},
		{RuleReference, Error, "an ID or link does not resolve, points at the wrong kind of thing, or is defined twice"},
		{RuleBrokenLink, Warning, "under links: warn, a Markdown link, image or #fragment does not resolve: the page shows it as text with a marker"},

		{RuleSoAMissingRow, Error, "a control of a framework in force (Annex A, data/controls) has no row in the Statement of Applicability (6.1.3 d asks for every control); a requirement a crosswalk in use maps needs none"},
		{RuleSoANoApplicability, Error, "an SoA row does not say whether the control is applicable (applicable: true or false)"},
		{RuleSoANoJustification, Error, "a control is excluded (not applicable) without a justification for the exclusion"},
		{RuleSoANoReason, Warning, "an applicable control gives no reason for inclusion (risk, legal, contractual, business)"},
		{RuleSoANoStatus, Warning, "an applicable control has no implementation status (implemented, partial, planned, not-implemented)"},
		{RuleSoANoImplementation, Warning, "a control is marked implemented but no document implements it and no evidence shows it"},
		{RuleSoAPlanIncomplete, Warning, "a planned or partially implemented control has no owner or no target date"},
		{RuleSoATargetPast, Warning, "the target date of a control that is not yet implemented has passed"},

		{RuleExcludedControl, Error, "a risk or treatment action cites a control the SoA marks not applicable: the SoA and the treatment plan disagree"},

		{RuleClauseMissing, Error, "a clause that requires documented information (4.3, 5.2, 6.1.2, 6.1.3, 6.2, 7.2, 8.2, 8.3, 9.1, 9.2, 9.3, 10.2) is not covered by an approved document or register"},
		{RuleControlNeedsDocument, Warning, "an applicable control that auditors expect to be documented (a policy, procedure, register or plan) is declared by no published document's controls:"},

		{RuleDocApproval, Error, "a document or register is approved but names no approver or no approval date"},
		{RuleDocReviewOverdue, Warning, "the next review date of a document or register (review, or approved + review_cycle) is before the build date"},
		{RuleDocHistoryOrder, Error, "the revision history's versions do not rise from one entry to the next (compared part by part: 1.10 > 1.9)"},
		{RuleDocVersion, Warning, "the document's version is not the newest version in its revision history"},
		{RuleDocLinksDraft, Warning, "an approved document or register links to a draft document"},
		docChangedNoBumpInfo(),
		{RuleDocUncontrolled, Warning, "a Markdown file has no front matter, so it builds as an uncontrolled page: no ID, version, status or owner (7.5.2, 7.5.3); one finding per file"},
		{RuleDocTodo, Warning, "a document's text still holds a TODO marker (the stubs ismsgen init writes have one under each heading): one finding per marker"},

		{RuleRiskNoOwner, Error, "a risk has no risk owner (6.1.2 c)"},
		{RuleRiskScale, Error, "a risk's likelihood or impact (inherent or residual) is not a value of the method's scale"},
		{RuleRiskNoTreatment, Warning, "a risk above the acceptance threshold has no treatment option"},
		{RuleRiskRetain, Error, "a risk above the acceptance threshold is retained without a recorded acceptance (accepted_by and accepted)"},
		{RuleRiskModify, Warning, "a risk to be modified names no controls and no treatment actions"},
		{RuleRiskResidual, Warning, "a risk's residual level is above the acceptance threshold and its owner has not accepted it"},
		{RuleRiskAcceptExpired, Warning, "a risk's acceptance has expired (accepted_until is before the build date)"},
		{RuleRiskReview, Warning, "a risk's review date is before the build date"},

		{RuleActionIncomplete, Error, "a treatment action has no owner or no due date (cancelled actions need no due date)"},
		{RuleActionOverdue, Warning, "a treatment action is past its due date and not done or cancelled"},

		{RuleFrameworkNoControl, Warning, "a requirement of a framework in force that a crosswalk maps (data/mappings/, or the built-in NIS2 mapping) maps onto no applicable control or clause and has no SoA row of its own: nothing can cover it"},

		{RuleEvidenceFile, Error, "an evidence record names no file, or its file is missing, not a regular file, outside the site root or in a hidden directory (the last four fail build and pack too)"},

		{RuleSoAWeakJustification, Warning, "a control is excluded with a placeholder justification (N/A, not applicable, -, none) or one shorter than checks.min_justification characters (default 20)"},
		{RuleSoAJustificationRisk, Warning, "an SoA justification cites a risk that does not cite the control"},
		{RuleSoAExcludedImplemented, Warning, "a control the SoA marks not applicable still has an implementation status, documents or evidence"},
		{RuleDocApprovedBeforeRevision, Error, "a document or register was approved before its newest revision-history entry: the version in force is not the approved one"},
		{RuleDocNoOwner, Error, "an approved document or register names no owner (an empty owner counts as none)"},
		{RuleDocDates, Warning, "a document's approval or revision is dated after the build date, or its explicit review date is before its approval"},
		{RuleRiskAcceptanceAuthority, Error, "a risk is accepted by someone who is neither its owner nor a role of the method's acceptance_authority"},
		{RuleRiskAcceptanceRecord, Warning, "a risk's acceptance is half recorded (accepted_by without accepted, or the reverse), dated after the build date, or ends before it starts"},
		{RuleRiskResidualAbove, Warning, "a risk's residual level is above its inherent level: treatment cannot raise a risk"},
		{RuleRiskActionLink, Warning, "a risk lists a treatment action that does not list the risk, or an action lists a risk that does not list the action"},
		{RuleActionDates, Warning, "a treatment action's dates contradict each other or its status: due or completed before start, completed after the build date, done without a completion date, a completion date on an action not done"},
		{RuleEvidenceStale, Warning, "the evidence for a control marked implemented is older than its validity (valid_for, expires, or checks.evidence_valid_for for the control's theme)"},
		{RuleEvidenceDates, Warning, "an evidence record is dated or collected after the build date, or expires before it was collected"},
		{RuleAssetNoOwner, Error, "an asset has no owner (A.5.9 asks for an owner for each asset)"},
		{RuleAssetUnclassified, Warning, "an information asset has no classification (A.5.12)"},
		{RuleAssetHeldBelow, Warning, "an information asset is held in an asset classified lower than itself"},
		{RuleAssetReview, Warning, "an asset's review date is before the build date"},
		{RuleSupplierNoOwner, Error, "a supplier that is not exited has no owner"},
		{RuleSupplierAssessment, Warning, "a supplier's next assessment is before the build date, or a critical or high supplier has no next assessment"},
		{RuleSupplierDates, Warning, "a supplier's last assessment is after the build date or after its next one"},
		{RuleAckCoverage, Warning, "a document's version in force was approved more than checks.acknowledgement_days (default 30) ago and fewer than checks.acknowledgement_coverage percent (default 95) of a group its distribution names have acknowledged its major version (7.3)"},
		{RuleObjectiveIncomplete, Warning, "an objective has no measure, no target value, no owner, or neither a due date nor a frequency (6.2 asks for measurable, owned, dated objectives)"},
		{RuleObjectiveOverdue, Warning, "an objective's due date has passed and it is neither met, not met, nor closed"},
		{RuleObjectiveResults, Warning, "an open objective has no result measured in the 6 months before the build date, or is marked met while its latest result misses the target (9.1)"},
		{RuleAuditGap, Warning, "the audit programme leaves a clause of 4 to 10 or an applicable control unaudited by the audits planned or held within checks.audit_cycle (default 3y) of the build date"},
		{RuleAuditOverdue, Warning, "a planned audit's date has passed and it is neither done nor cancelled"},
		{RuleAuditUntracked, Warning, "a nonconformity found by an audit names no entry of the nonconformity log (nonconformity:)"},
		{RuleAuditFindingLink, Warning, "a nonconformity's finding: names an audit finding whose nonconformity: names another entry or none, or a finding's nonconformity: names an entry whose finding: names another finding"},
		{RuleAuditDates, Warning, "an audit is done without the date it was held, or held after the build date"},
		{RuleLegalIncomplete, Warning, "an applicable legal, regulatory or contractual requirement has no owner, or says neither how it is met (met_by) nor anything in notes"},
		{RuleLegalReview, Warning, "a legal requirement's review date is before the build date"},
		{RuleNCIncomplete, Error, "a nonconformity that is not closed has no owner or no due date (10.2 c)"},
		{RuleNCOverdue, Warning, "an open or in-progress nonconformity is past its due date, or its effectiveness review is past due and not made"},
		{RuleNCUnverified, Warning, "a nonconformity is closed without a closing date or without an effectiveness review that found the corrective action effective (10.2 d)"},
		{RuleNCDates, Warning, "a nonconformity is raised, closed or reviewed after the build date, or closed or reviewed before it was raised"},
		{RuleSupplierClauses, Warning, "a critical or high supplier handling confidential or restricted information has an agreement without confidentiality, data-protection, security-requirements or incident-notification clauses (A.5.20)"},
	}
}

// severities maps every rule ID to its severity, from Rules.
func severities() map[string]Severity {
	m := map[string]Severity{}
	for _, r := range Rules() {
		m[r.ID] = r.Severity
	}
	return m
}
