package resolve

// Clause is an ISO/IEC 27001:2022 clause that requires documented information.
type Clause struct {
	Number   string // "6.1.2"
	Title    string // short name, e.g. "Risk assessment process"
	Requires string // what documented information it asks for, in our words
	// Mandatory clauses must be covered for Stage 1 (the readiness rule checks them).
	Mandatory bool
	// Generated names the register ismsgen generates that covers the clause, if any.
	Generated string
}

// Clauses lists the clauses whose documented information an ISMS keeps, in clause order.
func Clauses() []Clause {
	return []Clause{
		{Number: "4.1", Title: "Context of the organisation", Requires: "external and internal issues"},
		{Number: "4.2", Title: "Interested parties", Requires: "interested parties and their requirements"},
		{Number: "4.3", Title: "ISMS scope", Requires: "the scope: boundaries, applicability, interfaces and dependencies", Mandatory: true},
		{Number: "5.2", Title: "Information security policy", Requires: "the information security policy, approved by top management", Mandatory: true},
		{Number: "5.3", Title: "Roles and responsibilities", Requires: "assigned roles, responsibilities and authorities"},
		{Number: "6.1.2", Title: "Risk assessment process", Requires: "the risk criteria, acceptance criteria and assessment process", Mandatory: true},
		{Number: "6.1.3", Title: "Risk treatment process", Requires: "the risk treatment process, the SoA and the treatment plan", Mandatory: true, Generated: RegSoA},
		{Number: "6.2", Title: "Information security objectives", Requires: "measurable objectives and plans to achieve them", Mandatory: true},
		{Number: "7.2", Title: "Competence", Requires: "evidence of competence", Mandatory: true},
		{Number: "7.3", Title: "Awareness", Requires: "awareness of the policy and one's contribution"},
		{Number: "7.4", Title: "Communication", Requires: "what, when, with whom and how to communicate"},
		{Number: "7.5", Title: "Documented information", Requires: "control of documented information"},
		{Number: "8.1", Title: "Operational planning and control", Requires: "confidence that processes ran as planned"},
		{Number: "8.2", Title: "Risk assessment results", Requires: "the results of information security risk assessments", Mandatory: true, Generated: RegRisks},
		{Number: "8.3", Title: "Risk treatment results", Requires: "the results of information security risk treatment", Mandatory: true},
		{Number: "9.1", Title: "Monitoring and measurement", Requires: "monitoring and measurement results", Mandatory: true},
		{Number: "9.2", Title: "Internal audit", Requires: "the audit programme and audit results", Mandatory: true},
		{Number: "9.3", Title: "Management review", Requires: "the results of management reviews", Mandatory: true},
		{Number: "10.2", Title: "Nonconformity and corrective action", Requires: "nonconformities, actions taken and their results", Mandatory: true},
	}
}

// Coverage is one clause with what declares it.
type Coverage struct {
	Clause Clause
	// By lists the published documents and registers that declare the clause (or a
	// sub-clause of it, such as 6.1.3 for 6.1.3 d), in ID order.
	By []*Entity
}

// Covered reports whether the clause is covered by an approved document or register.
func (c Coverage) Covered() bool {
	for _, e := range c.By {
		if e.Approved() {
			return true
		}
	}
	return false
}

// Approved reports whether a document or register is approved.
func (e *Entity) Approved() bool {
	switch {
	case e.Doc != nil:
		return e.Doc.Meta.Status == "approved"
	case e.DocControl != nil:
		return e.DocControl.Status == "approved"
	}
	return false
}

// ClauseCoverage returns the coverage of every clause of Clauses, in clause order.
func (g *Graph) ClauseCoverage() []Coverage {
	var out []Coverage
	for _, c := range Clauses() {
		cov := Coverage{Clause: c}
		for _, e := range g.Documents() {
			if e.Declares(c.Number) || (c.Generated != "" && e.Register == c.Generated) {
				cov.By = append(cov.By, e)
			}
		}
		out = append(out, cov)
	}
	return out
}

// Declares reports whether a document or register lists the clause, or one of its
// sub-clauses (6.1.3 d for 6.1.3), in its clauses.
func (e *Entity) Declares(number string) bool {
	var nums []string
	switch {
	case e.Doc != nil:
		for _, c := range e.Doc.Meta.Clauses {
			nums = append(nums, c.Number)
		}
	case e.DocControl != nil:
		for _, c := range e.DocControl.Clauses {
			nums = append(nums, c.Number)
		}
	}
	for _, n := range nums {
		if n == number || (len(n) > len(number) && n[:len(number)] == number && (n[len(number)] == '.' || n[len(number)] == ' ')) {
			return true
		}
	}
	return false
}
