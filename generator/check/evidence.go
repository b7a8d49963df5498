package check

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// evidence checks that every evidence record names a readable file inside the site
// root (an auditor cannot sample evidence that is not there), that its dates make sense,
// and that evidence for implemented controls is still fresh. A file load could not read
// is already a load error (FromDiag reports it under the evidence-file rule); FileError
// is checked too for models made otherwise.
func (c *checker) evidence() {
	for _, ev := range c.g.Site.Evidence.Evidence {
		if ev == nil {
			continue
		}
		switch {
		case ev.File == "":
			c.add(RuleEvidenceFile, ev.Pos, ev.ID, "evidence %s names no file: set file: to its path relative to the site root, such as evidence/%s.pdf", ev.ID, ev.ID)
		case ev.FileError != "":
			c.add(RuleEvidenceFile, keyPos(ev.FilePos, ev.Pos), ev.ID, "evidence %s: file %s: %s", ev.ID, ev.File, ev.FileError)
		}
		f := c.g.EvidenceFreshness(ev)
		c.evidenceDates(ev, f)
		c.staleEvidence(ev, f)
	}
}

func (c *checker) evidenceDates(ev *model.Evidence, f resolve.Freshness) {
	today := c.g.Date
	if ev.Date.After(today) {
		c.add(RuleEvidenceDates, keyPos(ev.DatePos, ev.Pos), ev.ID, "evidence %s is dated %s, after the build date %s", ev.ID, ev.Date, today)
	}
	if ev.Collected.After(today) {
		c.add(RuleEvidenceDates, keyPos(ev.CollectedPos, ev.Pos), ev.ID, "evidence %s is collected on %s, after the build date %s", ev.ID, ev.Collected, today)
	}
	if !ev.Expires.IsZero() && !f.Collected.IsZero() && ev.Expires.Before(f.Collected) {
		c.add(RuleEvidenceDates, keyPos(ev.ExpiresPos, ev.Pos), ev.ID, "evidence %s expires on %s, before it was collected on %s", ev.ID, ev.Expires, f.Collected)
	}
}

// staleEvidence reports evidence past its validity that is all or part of what shows a
// control marked implemented: the SoA claims more than the evidence still shows.
func (c *checker) staleEvidence(ev *model.Evidence, f resolve.Freshness) {
	if !f.Stale {
		return
	}
	// The controls it shows: those it names, and those whose SoA row lists it.
	var implemented []string
	for _, row := range c.g.Site.SoA.Controls {
		if row == nil || !row.IsApplicable() || row.Status != model.Implemented {
			continue
		}
		if cites(ev.Controls, row.Control.ID) || cites(row.Evidence, ev.ID) {
			implemented = append(implemented, row.Control.ID)
		}
	}
	if len(implemented) == 0 {
		return
	}
	how := "collected on " + f.Collected.String()
	if !ev.Expires.IsZero() {
		how = "expired on " + ev.Expires.String()
	}
	c.add(RuleEvidenceStale, keyPos(ev.ExpiresPos, ev.CollectedPos, ev.DatePos, ev.Pos), ev.ID,
		"evidence %s (%s) was fresh until %s (build date %s) and shows %s, marked implemented: collect it again, or set valid_for: if it stays valid longer",
		ev.ID, how, f.Until, c.g.Date, list(implemented))
}
