package site

import (
	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// coverageFrameworks returns the frameworks in force beyond ISO/IEC 27001: each has a
// coverage page and a coverage export.
func coverageFrameworks(s *model.Site) []*model.Framework {
	var out []*model.Framework
	for _, f := range s.Frameworks {
		if f.InForce && f.Name != model.ISO27001 {
			out = append(out, f)
		}
	}
	return out
}

// coverageView is a framework's coverage page: every requirement with its derived
// coverage, and how many are at each level.
type coverageView struct {
	Framework    *model.Framework
	Requirements []*resolve.Requirement
	Counts       []levelCount
	// Export is the export kind of its CSV (coverage:NAME).
	Export string
	// Crosswalks are the crosswalks in use that map it.
	Crosswalks []*model.Crosswalk
}

type levelCount struct {
	Level resolve.Level
	N     int
}

func (r *renderer) coverageView(f *model.Framework) coverageView {
	v := coverageView{Framework: f, Export: export.CoverageOf(f.Name)}
	n := map[resolve.Level]int{}
	for _, q := range r.g.Requirements(f.Name) {
		if r.pub.shown(q.Entity) {
			v.Requirements = append(v.Requirements, q)
			n[q.Level]++
		}
	}
	for _, l := range []resolve.Level{resolve.Covered, resolve.PartlyCovered, resolve.Gap, resolve.NotApplicable} {
		v.Counts = append(v.Counts, levelCount{l, n[l]})
	}
	for _, x := range r.g.Crosswalks() {
		if x.Source.ID == f.Name {
			v.Crosswalks = append(v.Crosswalks, x)
		}
	}
	return v
}

// coveragePages are the coverage pages of the frameworks in force beyond ISO/IEC 27001.
func (r *renderer) coveragePages() []*Page {
	var out []*Page
	for _, f := range coverageFrameworks(r.g.Site) {
		out = append(out, &Page{Path: urls.Coverage(f.Name), Layout: "coverage", Title: f.DisplayTitle() + ": coverage",
			Section: "Controls", Data: r.coverageView(f)})
	}
	return out
}

// Coverage returns the derived coverage of a requirement of a framework in force
// beyond ISO/IEC 27001 (nil for an Annex A control, whose SoA row says it all).
func (p *Page) Coverage(id string) *resolve.Requirement {
	q, ok := p.G.RequirementOf(id)
	if !ok || q.Framework.Name == model.ISO27001 {
		return nil
	}
	return q
}

// CoveragePages lists the coverage pages (title and site path), for links.
func (p *Page) CoveragePages() []crumb {
	var out []crumb
	for _, f := range coverageFrameworks(p.G.Site) {
		out = append(out, crumb{f.DisplayTitle(), urls.Coverage(f.Name)})
	}
	return out
}

// Framework returns the framework called name.
func (p *Page) Framework(name string) *model.Framework { return p.G.Site.FrameworkNamed(name) }
