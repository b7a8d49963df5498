package check

import "strings"

// legal checks the legal register (4.2, A.5.31): each applicable requirement has an
// owner and says how it is met, and reviews are not overdue.
func (c *checker) legal() {
	for _, r := range c.g.Site.Legal.Requirements {
		if r == nil {
			continue
		}
		if r.IsApplicable() {
			var missing []string
			if strings.TrimSpace(r.Owner) == "" {
				missing = append(missing, "no owner")
			}
			if len(r.MetBy) == 0 && strings.TrimSpace(r.Notes) == "" {
				missing = append(missing, "nothing that meets it")
			}
			if len(missing) > 0 {
				c.add(RuleLegalIncomplete, keyPos(r.OwnerPos, r.Pos), r.ID, "requirement %s (%s) has %s: name its owner (owner:) and the documents, controls or evidence that meet it (met_by:)", r.ID, r.Title, joinAnd(missing))
			}
		}
		if !r.Review.IsZero() && r.Review.Before(c.g.Date) {
			c.add(RuleLegalReview, keyPos(r.ReviewPos, r.Pos), r.ID, "requirement %s was due for review on %s (build date %s)", r.ID, r.Review, c.g.Date)
		}
	}
}
