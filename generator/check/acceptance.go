package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// acceptance checks a risk's acceptance record (6.1.3 f: the risk owners accept the
// residual risks): who accepted it may do so, and the record is whole and dated sensibly.
func (c *checker) acceptance(r *model.Risk) {
	m := &c.g.Site.Risks.Method
	by := strings.TrimSpace(r.AcceptedBy)
	if by != "" && !model.SameName(by, r.Owner) && !containsName(m.AcceptanceAuthority, by) {
		authority := "the method names no acceptance_authority"
		if len(m.AcceptanceAuthority) > 0 {
			authority = "the method's acceptance_authority is " + list(m.AcceptanceAuthority)
		}
		c.add(RuleRiskAcceptanceAuthority, keyPos(r.AcceptedByPos, r.Pos), r.ID,
			"risk %s is accepted by %s, who is not its owner (%s), and %s: have the owner accept it, or add the role to acceptance_authority in the risk method", r.ID, by, r.Owner, authority)
	}
	switch {
	case by != "" && r.Accepted.IsZero():
		c.add(RuleRiskAcceptanceRecord, keyPos(r.AcceptedByPos, r.Pos), r.ID, "risk %s names who accepted it (%s) but not when: set accepted: (YYYY-MM-DD)", r.ID, by)
	case by == "" && !r.Accepted.IsZero():
		c.add(RuleRiskAcceptanceRecord, keyPos(r.AcceptedPos, r.Pos), r.ID, "risk %s records an acceptance on %s but not who accepted it: set accepted_by: (the risk owner)", r.ID, r.Accepted)
	}
	if r.Accepted.After(c.g.Date) {
		c.add(RuleRiskAcceptanceRecord, keyPos(r.AcceptedPos, r.Pos), r.ID, "risk %s is accepted on %s, after the build date %s", r.ID, r.Accepted, c.g.Date)
	}
	if !r.Accepted.IsZero() && !r.AcceptedUntil.IsZero() && r.AcceptedUntil.Before(r.Accepted) {
		c.add(RuleRiskAcceptanceRecord, keyPos(r.AcceptedUntilPos, r.Pos), r.ID, "the acceptance of risk %s ends on %s, before it was given on %s", r.ID, r.AcceptedUntil, r.Accepted)
	}
}

func containsName(names []string, name string) bool {
	for _, n := range names {
		if model.SameName(n, name) {
			return true
		}
	}
	return false
}
