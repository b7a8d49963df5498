package check

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/model"
)

// acknowledgements checks that staff acknowledge the documents distributed to them
// (7.3): some time after a version is approved, most of each group its distribution
// names must have acknowledged it.
func (c *checker) acknowledgements() {
	if len(c.g.Site.Acknowledgements.Groups) == 0 {
		return
	}
	cfg := c.g.Site.Config.Checks
	days, want := cfg.AckDays(), cfg.AckCoverage()
	for _, e := range c.g.Entities() {
		m, ok := c.g.Controlled(e)
		if !ok || m.Status != model.StatusApproved || m.Approved.IsZero() {
			continue
		}
		if !m.Approved.Time().AddDate(0, 0, days).Before(c.g.Date.Time()) {
			continue
		}
		for _, cov := range c.g.Acknowledgements(e) {
			if got := cov.Percent(); got < want {
				c.add(RuleAckCoverage, keyPos(m.DistributionPos, m.Pos), m.ID,
					"%d of %d in %s (%s) have acknowledged %s version %s, approved on %s: %d outstanding, want at least %s",
					len(cov.Acknowledged), cov.Members, cov.Group.Name, percent(got), m.ID, m.Version, m.Approved, cov.Outstanding(), percent(want))
			}
		}
	}
}

// percent formats a share for messages: "93.3%".
func percent(p float64) string { return fmt.Sprintf("%.3g%%", p) }
