package scaffold

// stub is one document `ismsgen init` writes as a draft: a mandatory document of
// ISO/IEC 27001 (or one every Stage 1 auditor asks for), with the headings the
// auditor expects and a TODO marker under each.
type stub struct {
	ID, Title, Type, Dir, Summary string
	Clauses, Controls             []string
	Sections                      []Section
}

// stubs lists the documents init writes, in the order a Stage 1 auditor reads them.
// The registers (the SoA, risk register, treatment plan, nonconformity log, audit
// programme, objectives and the others of model.Registers) are data files, not stubs.
func stubs() []stub {
	return []stub{
		{ID: "MAN-CONTEXT", Title: "Context of the organisation", Type: "manual", Dir: "manual", Clauses: []string{"4.1", "4.2"},
			Summary: "The issues and interested parties that shape the ISMS.",
			Sections: []Section{
				{"External and internal issues", "list the issues that affect the ISMS's ability to achieve its outcomes (market, legal, technology, culture)."},
				{"Interested parties and their requirements", "list each interested party (customers, staff, regulators, suppliers) and what they require, including legal and contractual requirements."},
			}},
		{ID: "MAN-SCOPE", Title: "ISMS scope", Type: "manual", Dir: "manual", Clauses: []string{"4.3"},
			Summary: "What the ISMS covers: boundaries, applicability, interfaces and dependencies.",
			Sections: []Section{
				{"Scope statement", "one paragraph an auditor can put on the certificate: the organisation, services, locations and people covered."},
				{"Boundaries", "what is in and what is out (sites, systems, business units), and why anything is excluded."},
				{"Interfaces and dependencies", "the activities done by others (suppliers, a parent company, customers) that the ISMS depends on."},
			}},
		{ID: "POL-IS", Title: "Information security policy", Type: "policy", Dir: "policies", Clauses: []string{"5.2"}, Controls: []string{"A.5.1"},
			Summary: "Top management's commitment and direction for information security.",
			Sections: []Section{
				{"Purpose", "why the organisation protects information, in terms of its business."},
				{"Objectives", "how information security objectives are set (refer to the objectives plan)."},
				{"Commitments", "top management's commitment to satisfy applicable requirements and to continually improve the ISMS."},
				{"Roles and responsibilities", "who is accountable for the ISMS and for information security."},
				{"Communication and review", "how the policy is communicated to staff and interested parties, and how often it is reviewed."},
			}},
		{ID: "MAN-RISK", Title: "Risk assessment and treatment methodology", Type: "manual", Dir: "manual", Clauses: []string{"6.1.2", "6.1.3"},
			Summary: "How risks are identified, analysed, evaluated and treated.",
			Sections: []Section{
				{"Risk criteria", "the likelihood and impact scales and the risk acceptance criteria (data/risks.yaml holds them as method:)."},
				{"Identifying risks", "how risks to confidentiality, integrity and availability are found, and how each gets a risk owner."},
				{"Analysing and evaluating risks", "how likelihood and impact are judged, and how levels are compared with the acceptance criteria."},
				{"Treating risks", "the treatment options, how controls are chosen and compared with Annex A, and how the Statement of Applicability and the treatment plan are kept."},
				{"Acceptance and review", "who accepts residual risk, and how often the assessment is repeated."},
			}},
		{ID: "PLN-OBJ", Title: "Information security objectives", Type: "plan", Dir: "manual", Clauses: []string{"6.2"},
			Summary: "Measurable objectives and the plans to achieve them.",
			Sections: []Section{
				{"Objectives", "how objectives are set, consistent with the policy; each objective, measurable, with its owner, target and results, is a row of data/objectives.yaml."},
				{"Plans", "for each objective: what will be done, the resources, who is responsible, when it will be completed and how results are evaluated."},
			}},
		{ID: "REC-COMP", Title: "Competence records", Type: "record", Dir: "records", Clauses: []string{"7.2"},
			Summary: "Evidence that people doing work that affects information security are competent.",
			Sections: []Section{
				{"Roles and required competence", "the competence each role that affects information security needs."},
				{"Evidence of competence", "training, qualifications and experience recorded for each person, with dates."},
			}},
		{ID: "REC-KPI", Title: "Monitoring and measurement results", Type: "record", Dir: "records", Clauses: []string{"9.1"},
			Summary: "What is monitored and measured, and the results.",
			Sections: []Section{
				{"What is measured", "each measure: what, how, when, by whom, and who analyses the results."},
				{"Results", "the results for the period and what they show."},
			}},
		{ID: "REC-AUDIT", Title: "Internal audit reports", Type: "record", Dir: "records", Clauses: []string{"9.2"},
			Summary: "The reports of the internal audits of the programme (data/audits.yaml).",
			Sections: []Section{
				{"Auditors and independence", "who audits, and how they are independent of what they audit; the programme, each audit's scope and findings are rows of data/audits.yaml."},
				{"Audit results", "for each audit: the date, what was audited, the conclusion and the report to management."},
			}},
		{ID: "REC-MR", Title: "Management review minutes", Type: "record", Dir: "records", Clauses: []string{"9.3"},
			Summary: "The results of management reviews of the ISMS.",
			Sections: []Section{
				{"Attendees and date", "who reviewed the ISMS, and when."},
				{"Inputs", "the status of previous actions, changes in issues, feedback on performance (nonconformities, measurement results, audit results), risk assessment and opportunities for improvement."},
				{"Decisions and actions", "the decisions on continual improvement and any changes needed to the ISMS."},
			}},
	}
}
