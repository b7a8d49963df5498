package check

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/yuin/goldmark/ast"
)

// documents checks document control (7.5) on every controlled document and register,
// published or not: approval is recorded, reviews are not overdue, the revision history
// rises and ends at the current version, and approved documents do not send readers to
// drafts.
func (c *checker) documents() {
	for _, e := range c.g.Entities() {
		m, ok := c.g.Controlled(e)
		if !ok {
			continue
		}
		c.approval(m)
		c.docDates(m)
		if c.g.DocReviewOverdue(m) {
			c.add(RuleDocReviewOverdue, keyPos(m.ReviewPos, m.ApprovedPos, m.Pos), m.ID, "%s was due for review on %s (build date %s): review it, then update approved and review or review_cycle", m.ID, m.NextReview, c.g.Date)
		}
		c.history(m)
		if m.Status == model.StatusApproved {
			c.draftLinks(e)
		}
	}
}

// uncontrolled reports, once per file, each Markdown file written without front matter:
// it builds as a page, but nothing controls it. A page with front matter and no id is
// a deliberate page and is not reported.
func (c *checker) uncontrolled() {
	for _, e := range c.g.Uncontrolled() {
		c.add(RuleDocUncontrolled, e.Doc.Meta.Pos, "", "add front matter with id, version, status, owner to bring it under document control")
	}
}

func (c *checker) approval(m resolve.DocInfo) {
	if m.Status != model.StatusApproved {
		return
	}
	if strings.TrimSpace(m.Owner) == "" {
		c.add(RuleDocNoOwner, keyPos(m.OwnerPos, m.StatusPos, m.Pos), m.ID, "%s is approved but names no owner: set owner: to the person or role who keeps it up to date (7.5.2)", m.ID)
	}
	var missing []string
	if m.Approver == "" {
		missing = append(missing, "no approver")
	}
	if m.Approved.IsZero() {
		missing = append(missing, "no approval date")
	}
	if len(missing) > 0 {
		c.add(RuleDocApproval, keyPos(m.StatusPos, m.Pos), m.ID, "%s is approved but has %s: set approver: and approved: (YYYY-MM-DD), or set status: review until it is approved", m.ID, joinAnd(missing))
	}
}

// history checks that versions rise entry by entry (oldest first) and that the
// document's version is the newest one recorded.
func (c *checker) history(m resolve.DocInfo) {
	h := m.History
	if len(h) == 0 {
		return
	}
	newest := h[0].Version
	for i := 1; i < len(h); i++ {
		if resolve.CompareVersions(h[i].Version, h[i-1].Version) <= 0 {
			c.add(RuleDocHistoryOrder, h[i].Pos, m.ID, "revision history of %s goes from version %s to %s: list the history oldest first, each version higher than the one before", m.ID, h[i-1].Version, h[i].Version)
		}
		if resolve.CompareVersions(h[i].Version, newest) > 0 {
			newest = h[i].Version
		}
	}
	if resolve.CompareVersions(m.Version, newest) != 0 {
		if m.Version == "" {
			c.add(RuleDocVersion, keyPos(m.StatusPos, m.Pos), m.ID, "%s has no version but its revision history goes up to %s: set version: %q", m.ID, newest, newest)
		} else {
			c.add(RuleDocVersion, keyPos(m.VersionPos, m.Pos), m.ID, "%s is version %s but the newest entry of its revision history is %s: update version: or add the history entry", m.ID, m.Version, newest)
		}
	}
}

// draftLinks warns about links from an approved document (or the SoA's documents: lists)
// to draft documents: readers of a policy in force should not be sent to text that is
// not.
func (c *checker) draftLinks(from *resolve.Entity) {
	draft := func(t *resolve.Entity) bool {
		return t != nil && t.Doc != nil && t.Doc.Meta.Status == model.StatusDraft
	}
	// Read the references for positions only when the graph says it links to a draft at
	// all. A document's Refs are, in source order, every node that has a target.
	linksDraft := false
	for _, t := range c.g.Links(from) {
		linksDraft = linksDraft || draft(t)
	}
	if d := from.Doc; d != nil && linksDraft {
		for _, n := range d.Refs {
			switch n.(type) {
			case *markdown.Ref, *ast.Link, *markdown.HTMLElement:
				if t, ok := c.g.Target(n); ok && draft(t.Entity) {
					c.add(RuleDocLinksDraft, d.PosAt(markdown.NodeOffset(n, d.Body)), from.ID,
						"approved document %s links to %s, which is a draft", from.ID, t.Entity.ID)
				}
			}
		}
	}
	if from.Register == resolve.RegSoA {
		for _, row := range c.g.Site.SoA.Controls {
			if row == nil {
				continue
			}
			for _, ref := range row.Documents {
				if t, ok := c.g.Lookup(ref.ID); ok && draft(t) {
					c.add(RuleDocLinksDraft, ref.Pos, from.ID,
						"the approved SoA lists draft document %s as implementing %s", ref.ID, row.Control.ID)
				}
			}
		}
	}
}
