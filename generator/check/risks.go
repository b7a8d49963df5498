package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// risks checks the risk register against the method (6.1.2, 8.2) and the treatment
// decisions against the acceptance criteria (6.1.3, 8.3). Findings are at the risk's row
// (its residual block for residual scale errors); their subject is the risk ID.
func (c *checker) risks() {
	m := &c.g.Site.Risks.Method
	for _, r := range c.g.Site.Risks.Risks {
		if r == nil {
			continue
		}
		if strings.TrimSpace(r.Owner) == "" {
			c.add(RuleRiskNoOwner, r.Pos, r.ID, "risk %s has no owner: name the person or role accountable for it (owner:)", r.ID)
		}
		onScale := c.riskScales(r)
		c.riskReview(r)
		c.acceptance(r)
		if !onScale {
			// Levels computed from values off the scale mean nothing; the scale error
			// is the finding to fix first.
			continue
		}
		inherent, residual := c.g.RiskLevels(r)
		if residual > inherent {
			c.add(RuleRiskResidualAbove, keyPos(r.Residual.Pos, r.Pos), r.ID, "the residual level of risk %s is %d%s, above its inherent level %d%s: treatment lowers a risk, it cannot raise it; check the residual likelihood and impact", r.ID, residual, band(m, residual), inherent, band(m, inherent))
		}
		accepted := r.AcceptedBy != "" && !r.Accepted.IsZero()
		above := !m.Acceptable(inherent)
		switch {
		case above && r.Treatment == "":
			c.add(RuleRiskNoTreatment, r.Pos, r.ID, "risk %s is at level %d%s, above the acceptance threshold %d, but has no treatment option: set treatment: to modify, retain, avoid or share", r.ID, inherent, band(m, inherent), m.Acceptance)
			continue
		case above && r.Treatment == model.Retain && !accepted:
			c.add(RuleRiskRetain, r.Pos, r.ID, "risk %s is retained at level %d%s, above the acceptance threshold %d, but no acceptance is recorded: set accepted_by: (the risk owner) and accepted: (date)", r.ID, inherent, band(m, inherent), m.Acceptance)
			// The residual-risk warning would repeat this error.
			continue
		case r.Treatment == model.Modify && len(r.Controls) == 0 && len(r.Actions) == 0:
			c.add(RuleRiskModify, r.Pos, r.ID, "risk %s is to be modified but names no controls and no treatment actions: list the controls: or actions: that reduce it", r.ID)
		}
		if !m.Acceptable(residual) && !accepted {
			hint := ""
			if r.Residual == nil {
				hint = " (no residual likelihood and impact are recorded, so the residual level is the inherent one)"
			}
			c.add(RuleRiskResidual, r.Pos, r.ID, "the residual level of risk %s is %d%s, above the acceptance threshold %d%s, and its owner has not accepted it: record accepted_by: and accepted:, or treat it further", r.ID, residual, band(m, residual), m.Acceptance, hint)
		}
	}
}

// riskScales reports likelihoods and impacts that are not values of the method's scales
// and says whether all of them are on the scales.
func (c *checker) riskScales(r *model.Risk) bool {
	m := &c.g.Site.Risks.Method
	ok := true
	check := func(pos diag.Pos, what string, v int, scale []model.ScaleStep) {
		for _, s := range scale {
			if s.Value == v {
				return
			}
		}
		ok = false
		if v == 0 {
			c.add(RuleRiskScale, pos, r.ID, "risk %s has no %s: set it to one of %s", r.ID, what, scaleText(scale))
			return
		}
		c.add(RuleRiskScale, pos, r.ID, "risk %s has %s %d, which is not on the method's scale (%s)", r.ID, what, v, scaleText(scale))
	}
	check(r.Pos, "likelihood", r.Likelihood, m.Likelihood)
	check(r.Pos, "impact", r.Impact, m.Impact)
	if res := r.Residual; res != nil {
		pos := res.Pos
		if pos.Path == "" {
			pos = r.Pos
		}
		check(pos, "residual likelihood", res.Likelihood, m.Likelihood)
		check(pos, "residual impact", res.Impact, m.Impact)
	}
	return ok
}

func (c *checker) riskReview(r *model.Risk) {
	if !r.AcceptedUntil.IsZero() && r.AcceptedUntil.Before(c.g.Date) {
		c.add(RuleRiskAcceptExpired, keyPos(r.AcceptedUntilPos, r.Pos), r.ID, "the acceptance of risk %s expired on %s (build date %s): have its owner review and accept it again", r.ID, r.AcceptedUntil, c.g.Date)
	}
	if !r.Review.IsZero() && r.Review.Before(c.g.Date) {
		c.add(RuleRiskReview, keyPos(r.ReviewPos, r.Pos), r.ID, "risk %s was due for review on %s (build date %s)", r.ID, r.Review, c.g.Date)
	}
}

// scaleText lists a scale's values: "1 (Rare), 2 (Unlikely), 3 (Possible)".
func scaleText(scale []model.ScaleStep) string {
	s := make([]string, len(scale))
	for i, st := range scale {
		s[i] = strconv.Itoa(st.Value)
		if st.Name != "" {
			s[i] += " (" + st.Name + ")"
		}
	}
	return list(s)
}

// band formats the band of a level for messages: " (High)", or "" without bands.
func band(m *model.RiskMethod, level int) string {
	if b := m.Band(level); b != "" {
		return fmt.Sprintf(" (%s)", b)
	}
	return ""
}
