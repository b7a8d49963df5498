package check

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// frameworks finds the requirements of frameworks in force that a crosswalk maps but
// that nothing can cover: no applicable control or clause among their targets, and no
// SoA row of their own. A finding is at the mapping entry of a crosswalk in data/mappings/,
// or, for a built-in crosswalk, at the framework's entry in frameworks: (data/site.yaml).
func (c *checker) frameworks() {
	site := c.g.Site
	for _, f := range site.Frameworks {
		for _, q := range c.g.Requirements(f.Name) {
			if !q.Mapped || q.Row != nil || q.HasApplicableTarget() {
				continue
			}
			why := "maps onto no control or clause"
			if len(q.Targets) > 0 {
				why = "maps only onto controls the SoA marks not applicable (" + list(targetIDs(q)) + ")"
			}
			c.add(RuleFrameworkNoControl, c.mappingPos(f, q), q.Entity.ID,
				"%s requirement %s (%s) %s: map it onto an applicable control in data/mappings/, or give it an SoA row of its own", f.DisplayTitle(), q.Entity.ID, q.Entity.Title, why)
		}
	}
}

func targetIDs(q *resolve.Requirement) []string {
	var out []string
	for _, t := range q.Targets {
		out = append(out, t.ID)
	}
	return out
}

// mappingPos is where a finding about a mapped requirement points.
func (c *checker) mappingPos(f *model.Framework, q *resolve.Requirement) diag.Pos {
	for _, m := range q.Mappings {
		if m.From.Pos.Path != "" && m.From.Pos.Path[0] != '(' {
			return m.From.Pos
		}
	}
	cfg := c.g.Site.Config
	for _, r := range cfg.Frameworks {
		if r.ID == f.Name {
			return r.Pos
		}
	}
	if cfg.Pos.Path != "" {
		return cfg.Pos
	}
	return diag.Pos{Path: sitePath}
}
