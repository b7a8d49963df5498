package browsertest

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// richFixture is a small ISMS with every page type and the awkward cases: a body that
// repeats its title as "# Title", repeated headings, headings named like theme sections,
// an external link, a retired policy, a plain page, SoA rows across themes with
// exclusions, a risk register with levels in every band.
func richFixture() fixture.Files {
	doc := func(id, title, typ, status, extra, body string) string {
		return fmt.Sprintf(`---
id: %s
title: %s
type: %s
version: "1.0"
status: %s
owner: ISMS Manager
approver: CEO
approved: 2026-03-01
review_cycle: 12m
%s
history:
  - {version: "1.0", date: 2026-03-01, author: ISMS Manager, change: First issue}
---
%s`, id, title, typ, status, extra, body)
	}
	long := func(topic string) string {
		var b strings.Builder
		for i, h := range []string{"Purpose", "Scope", "Roles", "Rules", "Exceptions", "Compliance"} {
			fmt.Fprintf(&b, "## %s\n\nThis section sets out the %s %s of the organisation. Staff read it before they start work, line managers apply it every day and the ISMS Manager checks it at each internal audit (paragraph %d).\n\n", h, strings.ToLower(h), topic, i+1)
		}
		return b.String()
	}
	return fixture.Minimal().With(fixture.Files{
		"data/site.yaml": `organisation: Example Ltd
title: Example ISMS
classification: internal
scope: The ISMS covers the Example platform, its people and its suppliers.
`,
		"content/manual/scope.md": doc("MAN-SCOPE", "ISMS scope", "manual", "approved", `clauses: ["4.3"]`,
			"# ISMS scope\n\n"+long("scope boundaries")),
		"content/policies/access-control.md": doc("POL-AC", "Access control policy", "policy", "approved",
			"controls: [A.5.15, A.5.18, A.8.5]\nsummary: Who may access what, and how access is granted and removed.\ntags: [access]",
			long("access rules")+`## Passwords and keys

Use the password manager. Guidance: [NCSC password guidance](https://www.ncsc.gov.uk/collection/passwords).

| Account | Factor | Reviewed |
|---|---|---|
| Staff | security key | quarterly |
| Admin | security key | monthly |

See [[PRO-ACCESS]] and [[A.5.15]].
`),
		"content/policies/old-remote.md": doc("POL-OLD", "Remote working policy (2024)", "policy", "retired", "",
			"Superseded by [[POL-AC]].\n"),
		"content/procedures/access-review.md": doc("PRO-ACCESS", "Access review procedure", "procedure", "approved",
			"controls: [A.5.18]\ntags: [access]",
			`# Access review procedure

## Steps

1. Export the user list of each system.
2. Each owner confirms the recertification of every account, or asks for its removal.

## Evidence

Keep the signed export as evidence ([[EV-1]]).

## Steps

Repeated heading: the second "Steps" gets its own anchor.

## Revision history

A heading named like the theme's section keeps a distinct anchor.
`),
		"content/procedures/incident.md": doc("PRO-INC", "Incident management procedure", "procedure", "approved",
			"controls: [A.5.24, A.5.26]",
			long("incident handling")+"## Main content\n\nReport incidents to the service desk within one hour.\n"),
		"content/records/training.md": doc("REC-TRAIN", "Awareness training record 2026", "record", "approved", "",
			"Completion of the 2026 awareness module by department.\n\n| Department | Completed |\n|---|---|\n| Engineering | 100% |\n| Sales | 96% |\n"),
		"content/about.md": "---\ntitle: About this intranet\n---\nHow to read the ISMS. Ask the ISMS Manager for help.\n",
		"data/soa.yaml": `document: {id: SOA, title: Statement of Applicability, version: "1.0", status: approved, owner: ISMS Manager, approver: CEO, approved: 2026-01-10}
controls:
  - {control: A.5.1, applicable: true, reasons: [business], status: implemented, owner: CEO, documents: [POL-IS]}
  - {control: A.5.15, applicable: true, reasons: [risk], status: implemented, owner: IT Manager, documents: [POL-AC]}
  - {control: A.5.18, applicable: true, reasons: [risk], status: partial, owner: IT Manager, documents: [PRO-ACCESS], evidence: [EV-1]}
  - {control: A.5.24, applicable: true, reasons: [risk], status: planned, owner: CTO, documents: [PRO-INC], target: 2027-03-31}
  - {control: A.5.26, applicable: true, reasons: [risk], status: implemented, owner: CTO, documents: [PRO-INC]}
  - {control: A.6.7, applicable: false, justification: Nobody works remotely., owner: CEO}
  - {control: A.7.4, applicable: false, justification: No premises of our own; the landlord monitors the building., owner: CEO}
  - {control: A.8.1, applicable: true, reasons: [risk], status: implemented, owner: IT Manager, evidence: [EV-1]}
  - {control: A.8.5, applicable: true, reasons: [risk, contractual], status: not-implemented, owner: IT Manager}
`,
		"data/risks.yaml": `document: {id: REG-RISK, title: Risk register, version: "1.0", status: approved, owner: ISMS Manager, approver: CEO, approved: 2026-01-10}
method:
  likelihood: [{value: 1, name: Low}, {value: 2, name: Medium}, {value: 3, name: High}]
  impact: [{value: 1, name: Minor}, {value: 2, name: Moderate}, {value: 3, name: Severe}]
  acceptance: 3
  bands: [{max: 2, name: Low}, {max: 4, name: Medium}, {max: 9, name: High}]
risks:
  - {id: R-1, title: Laptop theft, owner: IT Manager, likelihood: 2, impact: 3, treatment: modify, controls: [A.8.1], actions: [RTP-1], residual: {likelihood: 1, impact: 3}}
  - {id: R-2, title: Phishing leads to account takeover, owner: IT Manager, likelihood: 3, impact: 3, treatment: modify, controls: [A.5.15, A.8.5], actions: [RTP-2], residual: {likelihood: 2, impact: 2}}
  - {id: R-3, title: Slow incident response, owner: CTO, likelihood: 2, impact: 2, treatment: modify, controls: [A.5.24, A.5.26], actions: [RTP-3], residual: {likelihood: 1, impact: 2}}
  - {id: R-7, title: Stale accounts of leavers, owner: IT Manager, likelihood: 1, impact: 2, treatment: retain, controls: [A.5.18], accepted_by: CEO, accepted: 2026-02-01}
`,
		"data/treatment.yaml": `document: {id: RTP, title: Risk treatment plan, version: "1.0", status: approved, owner: ISMS Manager, approver: CEO, approved: 2026-01-10}
actions:
  - {id: RTP-1, title: Encrypt laptops, risks: [R-1], controls: [A.8.1], owner: IT Manager, due: 2026-06-30, status: done, evidence: [EV-1]}
  - {id: RTP-2, title: Roll out security keys, risks: [R-2], controls: [A.8.5], owner: IT Manager, due: 2026-09-30, status: in-progress}
  - {id: RTP-3, title: Incident response exercise, risks: [R-3], controls: [A.5.24], owner: CTO, due: 2027-02-28, status: planned}
`,
		"data/evidence.yaml": `document: {id: REG-EVIDENCE, title: Evidence register, version: "1.0", status: approved, owner: ISMS Manager, approver: CEO, approved: 2026-01-10}
evidence:
  - {id: EV-1, title: Encryption report, file: evidence/encryption.csv, controls: [A.8.1, A.5.18], date: 2026-05-01, owner: IT Manager}
  - {id: EV-2, title: Access review export Q3, file: evidence/access-review.csv, controls: [A.5.18], date: 2026-10-01, owner: IT Manager}
`,
		"evidence/access-review.csv": "user,decision\nada,keep\nbob,remove\n",
	})
}
