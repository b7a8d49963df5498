package export

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// Coverage is the export kind of a framework's coverage; CoverageOf names one
// framework's ("coverage:nis2"), as a pack's contents do.
const Coverage = "coverage"

// CoverageOf returns the export kind of the coverage of the framework called name.
func CoverageOf(name string) string { return Coverage + ":" + name }

// coverageTable has one row per requirement of a framework in force, in catalogue
// order: its derived coverage, its own SoA status, what it maps onto (each target with
// its relationship and state) and the documents and evidence behind it.
func (x exporter) coverageTable(name string) (*Table, error) {
	f := x.g.Site.FrameworkNamed(name)
	if f == nil || !f.InForce {
		return nil, fmt.Errorf("export coverage: framework %q is not in force: want one of %s", name, strings.Join(InForce(x.g.Site), ", "))
	}
	t := &Table{Columns: []string{"requirement", "title", "group", "coverage", "soa_status", "mapped_to", "documents", "evidence"}}
	for _, q := range x.g.Requirements(name) {
		if !x.keep(q.Entity) {
			continue
		}
		var status string
		if q.Row != nil {
			status = string(q.Row.Status)
			if !q.Row.IsApplicable() {
				status = "not applicable"
			}
		}
		var to []string
		for _, mt := range q.Targets {
			to = append(to, fmt.Sprintf("%s (%s, %s)", mt.ID, mt.Relationship, mt.Status))
		}
		c := q.Entity.Control
		group := c.Group
		if group != "" {
			group = f.GroupTitle(group)
		} else {
			group = c.Theme
		}
		t.Rows = append(t.Rows, []any{c.ID, c.Title, group, string(q.Level), status, to, x.ids(q.Documents), x.ids(q.Evidence)})
	}
	return t, nil
}

// InForce returns the names of the frameworks in force.
func InForce(s *model.Site) []string {
	var out []string
	for _, f := range s.Frameworks {
		if f.InForce {
			out = append(out, f.Name)
		}
	}
	return out
}
