package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// supplierSecurityClauses are the agreement clauses A.5.20 expects of a supplier that
// handles sensitive information.
func supplierSecurityClauses() []model.ContractClause {
	return []model.ContractClause{"confidentiality", "data-protection", "security-requirements", "incident-notification"}
}

// suppliers checks the supplier register (A.5.19–5.22): each supplier in use has an
// owner, assessments are on schedule and dated sensibly, and the agreements of
// important suppliers with sensitive data carry the security clauses.
func (c *checker) suppliers() {
	today := c.g.Date
	for _, s := range c.g.Site.Suppliers.Suppliers {
		if s == nil || s.Status == model.SupplierExited {
			continue
		}
		if strings.TrimSpace(s.Owner) == "" {
			c.add(RuleSupplierNoOwner, keyPos(s.OwnerPos, s.Pos), s.ID, "supplier %s (%s) has no owner: name who manages the relationship (owner:)", s.ID, s.Name)
		}
		important := s.Criticality == model.CriticalityCritical || s.Criticality == "high"
		switch {
		case !s.NextAssessment.IsZero() && s.NextAssessment.Before(today):
			c.add(RuleSupplierAssessment, keyPos(s.NextAssessmentPos, s.Pos), s.ID, "supplier %s was due for assessment on %s (build date %s)", s.ID, s.NextAssessment, today)
		case s.NextAssessment.IsZero() && important:
			c.add(RuleSupplierAssessment, s.Pos, s.ID, "supplier %s is %s but has no next assessment: set next_assessment: (YYYY-MM-DD)", s.ID, s.Criticality)
		}
		if s.LastAssessment.After(today) {
			c.add(RuleSupplierDates, keyPos(s.LastAssessmentPos, s.Pos), s.ID, "supplier %s was last assessed on %s, after the build date %s", s.ID, s.LastAssessment, today)
		} else if !s.LastAssessment.IsZero() && !s.NextAssessment.IsZero() && s.NextAssessment.Before(s.LastAssessment) {
			c.add(RuleSupplierDates, keyPos(s.NextAssessmentPos, s.Pos), s.ID, "supplier %s is next assessed on %s, before its last assessment on %s", s.ID, s.NextAssessment, s.LastAssessment)
		}
		if important && s.Classification.Rank() >= model.Confidential.Rank() {
			var missing []string
			for _, want := range supplierSecurityClauses() {
				has := false
				for _, got := range s.Clauses {
					has = has || got == want
				}
				if !has {
					missing = append(missing, string(want))
				}
			}
			if len(missing) > 0 {
				c.add(RuleSupplierClauses, keyPos(s.ClausesPos, s.Pos), s.ID, "%s supplier %s handles %s information but its agreement has no %s clause: add the clauses to the agreement and to contract_clauses:",
					s.Criticality, s.ID, s.Classification, joinOr(missing))
			}
		}
	}
}
