package checktest

import (
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
)

// RowSample is what the register contract tests need of one register whose rows are
// entities: the fixture's rows of it (the sample's own file for a register New does not
// write), and one change to a tracked field of the first row.
type RowSample struct {
	// File is the register's data file for a register New does not write ("" for the
	// ones it does).
	File string
	// Edits are the changes to other files that the sample file needs: [file, old, new]
	// (the fixture's risk names its asset as free text, a reference once the asset
	// inventory is there).
	Edits [][3]string
	// IDs are the rows' IDs, in file order; the first row's key FirstKey is where a
	// load error is planted.
	IDs      []string
	FirstKey string
	// Old and New are a text of the first row and its replacement that change the
	// tracked column Field (model.Register.Tracked) from Was to Is.
	Old, New, Field, Was, Is string
}

// RowSamples returns a sample for every register whose rows are entities, by register
// name. A register added to the table without a sample here fails the contract tests,
// so that every register is tested as every other is.
func RowSamples() map[string]RowSample {
	return map[string]RowSample{
		"risks": {IDs: []string{"R-1"}, FirstKey: "    threat: Theft\n",
			Old: "    likelihood: 3\n", New: "    likelihood: 4\n", Field: "level", Was: "12", Is: "16"},
		"treatment": {IDs: []string{"RTP-1"}, FirstKey: "    owner: IT Manager\n    approver",
			Old: "    status: in-progress\n", New: "    status: done\n    completed: 2026-05-30\n", Field: "status", Was: "in-progress", Is: "done"},
		"evidence": {IDs: []string{"EV-1"}, FirstKey: "    date: 2026-02-01\n",
			Old: "    date: 2026-02-01\n", New: "    date: 2026-03-01\n", Field: "date", Was: "2026-02-01", Is: "2026-03-01"},
		"assets": {File: docControl("REG-ASSETS", "Asset inventory") + `  controls: [A.5.9]
assets:
  - id: IA-1
    name: Customer data
    type: information
    owner: CTO
    classification: confidential
    location: Production database
    cia: {confidentiality: high, integrity: high, availability: medium}
    held_in: [AS-1]
  - id: AS-1
    name: Production database
    type: platform
    owner: IT Manager
    classification: confidential
`, Edits: [][3]string{{"data/risks.yaml", "    asset: Laptops\n", "    asset: AS-1\n"}},
			IDs: []string{"IA-1", "AS-1"}, FirstKey: "    type: information\n",
			Old: "    owner: CTO\n", New: "    owner: Data Protection Officer\n", Field: "owner", Was: "CTO", Is: "Data Protection Officer"},
		"suppliers": {File: docControl("REG-SUPPLIERS", "Supplier register") + `suppliers:
  - id: SUP-1
    name: Cloud Hosting Ltd
    service: Hosting of the production database
    criticality: critical
    data: Customer data
    classification: confidential
    assurance: [ISO/IEC 27001 certificate]
    agreement: Customer agreement and DPA
    contract_clauses: [confidentiality, data-protection, security-requirements, incident-notification, audit-rights]
    owner: IT Manager
    last_assessment: 2026-03-01
    next_assessment: 2027-03-01
    status: active
    evidence: [EV-1]
  - id: SUP-2
    name: Office Cleaning Ltd
    service: Office cleaning
    criticality: low
    owner: Office Manager
    next_assessment: 2027-01-31
`, IDs: []string{"SUP-1", "SUP-2"}, FirstKey: "    service: Hosting of the production database\n",
			Old: "    criticality: critical\n", New: "    criticality: high\n", Field: "criticality", Was: "critical", Is: "high"},
		"legal": {File: docControl("REG-LEGAL", "Legal register") + `  controls: [A.5.31]
requirements:
  - id: L-1
    title: Data protection law
    kind: law
    source: United Kingdom
    applicability: Processor duties for customer data.
    owner: Data Protection Officer
    met_by: [POL-IS, A.5.31]
    review: 2026-12-01
  - id: L-2
    title: Customer agreement
    kind: contract
    source: Customers
    applicability: Breach notice within 48 hours.
    owner: CEO
    met_by: [PRO-CHANGE]
`, IDs: []string{"L-1", "L-2"}, FirstKey: "    kind: law\n",
			Old: "    owner: Data Protection Officer\n", New: "    owner: CEO\n", Field: "owner", Was: "Data Protection Officer", Is: "CEO"},
		// The fixture's REG-NC is a Markdown document: the log's sample takes another ID.
		"nonconformities": {File: docControl("REG-NCLOG", "Nonconformity log", "10.2") + `nonconformities:
  - id: NC-1
    title: Access review missed a system
    raised: 2026-02-01
    source: internal-audit
    finding: AUD-1/F-1
    requirements: [A.5.18, PRO-CHANGE]
    description: The review missed one system.
    correction: The system was reviewed.
    root_cause: The list was written by hand.
    corrective_action: The list comes from the inventory.
    actions: [RTP-1]
    owner: IT Manager
    due: 2026-07-31
    status: in-progress
    effectiveness:
      due: 2026-09-30
  - id: NC-2
    title: Late loss report
    raised: 2026-01-05
    source: incident
    owner: ISMS Manager
    due: 2026-02-28
    status: closed
    closed: 2026-02-20
    effectiveness:
      checked: 2026-05-01
      result: effective
`, IDs: []string{"NC-1", "NC-2"}, FirstKey: "    raised: 2026-02-01\n",
			Old: "    status: in-progress\n", New: "    status: action-done\n", Field: "status", Was: "in-progress", Is: "action-done"},
		"audits": {File: docControl("REG-AUDIT", "Internal audit programme") + `audits:
  - id: AUD-1
    title: Full audit
    planned: 2026-03-02
    held: 2026-03-06
    status: done
    auditor: External auditor
    scope:
      clauses: ["4", "5", "6", "7", "8", "9", "10"]
      themes: [organizational, people, physical]
    report: [REC-AUDIT]
    findings:
      - id: F-1
        type: minor-nonconformity
        controls: [A.5.18]
        finding: An access review missed a system.
        nonconformity: NC-1
      - id: F-2
        type: observation
        clauses: ["7.5"]
        finding: Templates could be clearer.
  - id: AUD-2
    title: Technological controls
    planned: 2027-03-01
    status: planned
    scope:
      themes: [technological]
`, IDs: []string{"AUD-1", "AUD-2"}, FirstKey: "    title: Full audit\n",
			Old: "    planned: 2026-03-02\n", New: "    planned: 2026-03-03\n", Field: "planned", Was: "2026-03-02", Is: "2026-03-03"},
		"objectives": {File: docControl("REG-OBJ", "Objectives") + `objectives:
  - id: O-1
    title: Staff recognise phishing
    measure: Credential submission rate in the quarterly simulation
    target: {value: 5, unit: "%", direction: at-most}
    owner: ISMS Manager
    due: 2026-12-31
    frequency: Quarterly
    related: [R-1]
    status: on-track
    results:
      - date: 2025-11-20
        value: 9.5
      - date: 2026-03-20
        value: 4.5
  - id: O-2
    title: Training completed
    measure: Staff who completed the course
    target: {value: 95, unit: "%"}
    owner: Head of People
    due: 2026-04-30
    status: met
    results:
      - date: 2026-04-30
        value: 97
`, IDs: []string{"O-1", "O-2"}, FirstKey: "    title: Staff recognise phishing\n",
			Old: "    owner: ISMS Manager\n    due", New: "    owner: CISO\n    due", Field: "owner", Was: "ISMS Manager", Is: "CISO"},
	}
}

// WithEveryRegister adds to the site the sample file of every register New does not
// write, so that the site keeps every register of the table.
func (s *Site) WithEveryRegister(t testing.TB) *Site {
	t.Helper()
	samples := RowSamples()
	for _, reg := range model.Registers() {
		if _, ok := s.Files[reg.File]; ok {
			continue
		}
		sample, ok := samples[reg.Name]
		if !ok || sample.File == "" {
			if reg.Row == nil {
				continue
			}
			t.Fatalf("register %s has no sample in checktest.RowSamples", reg.Name)
		}
		s.Files[reg.File] = sample.File
		for _, e := range sample.Edits {
			s.Edit(t, e[0], e[1], e[2])
		}
	}
	return s
}
