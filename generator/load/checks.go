package load

import (
	"slices"
	"strings"
)

// checksConfig validates data/site.yaml's checks: once the catalogues are loaded:
// evidence_valid_for is keyed by default or by a theme of the catalogues' controls.
func (d *dataLoader) checksConfig() {
	c := &d.site.Config.Checks
	if c.MinJustification < 0 {
		d.errs.Add(c.Pos, "checks: min_justification is %d: want a number of characters, 0 or more", c.MinJustification)
	}
	themes := []string{"default"}
	for _, ctl := range d.site.Catalogue {
		if ctl.Theme != "" && !slices.Contains(themes, ctl.Theme) {
			themes = append(themes, ctl.Theme)
		}
	}
	keys := make([]string, 0, len(c.EvidenceValidFor))
	for k := range c.EvidenceValidFor {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(themes, k) {
			d.errs.Add(c.EvidenceValidForPos, "checks: evidence_valid_for: %q is neither default nor a control theme (%s)", k, strings.Join(themes[1:], ", "))
		}
	}
}
