package check

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// docDates checks a controlled document's dates against each other and the build date:
// an approval of an older text than the one in force, approvals and revisions dated in
// the future, and a review set before the approval it reviews.
func (c *checker) docDates(m resolve.DocInfo) {
	today := c.g.Date
	var newest *model.Revision
	for i := range m.History {
		h := &m.History[i]
		if h.Date.After(today) {
			c.add(RuleDocDates, keyPos(h.Pos, m.Pos), m.ID, "revision %s of %s is dated %s, after the build date %s", h.Version, m.ID, h.Date, today)
		}
		if newest == nil || resolve.CompareVersions(h.Version, newest.Version) > 0 {
			newest = h
		}
	}
	if m.Approved.IsZero() {
		return
	}
	at := keyPos(m.ApprovedPos, m.Pos)
	if m.Approved.After(today) {
		c.add(RuleDocDates, at, m.ID, "%s is approved on %s, after the build date %s", m.ID, m.Approved, today)
	}
	if !m.Review.IsZero() && m.Review.Before(m.Approved) {
		c.add(RuleDocDates, keyPos(m.ReviewPos, m.Pos), m.ID, "%s is to be reviewed on %s, before its approval on %s", m.ID, m.Review, m.Approved)
	}
	if m.Status == model.StatusApproved && newest != nil && newest.Date.After(m.Approved) {
		c.add(RuleDocApprovedBeforeRevision, at, m.ID,
			"%s was approved on %s, before its newest revision %s of %s: the version in force is not the approved one; have version %s approved (approver:, approved:) or set status: review",
			m.ID, m.Approved, newest.Version, newest.Date, newest.Version)
	}
}
