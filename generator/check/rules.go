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

		{RuleSoAMissingRow, Error, "a catalogue control (Annex A or data/controls) has no row in the Statement of Applicability (6.1.3 d asks for every control)"},
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

		{RuleEvidenceFile, Error, "an evidence record names no file, or its file is missing, not a regular file, outside the site root or in a hidden directory (the last four fail build and pack too)"},
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
