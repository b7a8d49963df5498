package site

import (
	"sort"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// pages lists every page of the site with its data.
func (r *renderer) pages() []*Page {
	g := r.g
	var pages []*Page
	add := func(p *Page) *Page {
		p.Site, p.G = r.site, g
		if p.Crumbs == nil && p.Path != urls.Home {
			p.Crumbs = []crumb{{"Home", urls.Home}}
			if p.Section != "" && p.Section != p.Title {
				if sp := r.sectionPath(p.Section); sp != "" {
					p.Crumbs = append(p.Crumbs, crumb{p.Section, sp})
				} else {
					p.Crumbs = append(p.Crumbs, crumb{Title: p.Section})
				}
			}
		}
		pages = append(pages, p)
		return p
	}
	home := add(&Page{Path: urls.Home, Layout: "home", Title: g.Site.Config.Title, lazy: func() any { return r.homeData() }})
	for _, e := range g.Documents() {
		if e.Doc == nil || !r.pub.shown(e) {
			continue
		}
		if urls.Of(e) == urls.Home {
			// The content directory's README.md (or _index.md, index.md) is the home
			// page's introduction: its title heads the page, its body opens it.
			info := g.Info(e)
			home.Entity, home.Info, home.Title, home.source = e, &info, e.Title, e.Doc.Path
			continue
		}
		info := g.Info(e)
		p := add(&Page{Path: urls.Of(e), Layout: "document", Title: e.Title, Entity: e, Info: &info,
			Section: r.sectionOf(e), source: e.Doc.Path})
		p.Prev, p.Next = r.neighbours(e)
	}
	for _, reg := range model.Registers() {
		e, shown := r.pub.register(reg.Artefact)
		if !shown {
			continue
		}
		info := g.Info(e)
		add(&Page{Path: reg.Page, Layout: reg.Layout, Title: e.Title, Entity: e, Info: &info, lazy: r.registerView(reg),
			Section: "Registers", source: e.Pos.Path})
		for _, k := range reg.RowKinds() {
			for _, x := range g.OfKind(resolve.Kind(k.Kind)) {
				add(&Page{Path: urls.Of(x), Layout: k.Layout, Title: x.ID + " " + x.Title, Entity: x, Section: reg.Section, source: reg.File})
			}
		}
	}
	add(&Page{Path: urls.Controls, Layout: "controls", Title: "Controls", Section: "Controls", lazy: func() any { return r.controlGroups(false) }})
	for _, e := range r.pub.filter(g.OfKind(resolve.KindControl)) {
		add(&Page{Path: urls.Of(e), Layout: "control", Title: e.ID + " " + e.Title, Entity: e, Section: "Controls"})
	}
	for _, cp := range r.coveragePages() {
		add(cp)
	}
	add(&Page{Path: urls.Documents, Layout: "documents", Title: "Document register", Section: "Document register", late: func() any { return r.controlledDocuments() }})
	tags := r.tags()
	add(&Page{Path: urls.Tags, Layout: "tags", Title: "Tags", Section: "Tags", Data: tags})
	for _, t := range tags {
		add(&Page{Path: urls.Tag(t.Name), Layout: "tag", Title: "Tag: " + t.Name, Section: "Tags", Data: t})
	}
	for _, sp := range r.sectionPages() {
		add(sp)
	}
	add(&Page{Path: urls.Readiness, Layout: "readiness", Title: "Audit readiness", Section: "Readiness", lazy: func() any { return r.readinessData() }})
	for _, op := range r.ownerPages() {
		add(op)
	}
	add(&Page{Path: urls.Downloads, Layout: "downloads", Title: "Downloads", Section: "Downloads", readsTitles: true, late: func() any { return r.downloadsData() }})
	add(&Page{Path: urls.Search, Layout: "search", Title: "Search"})
	add(&Page{Path: urls.NotFound, Layout: "404", Title: "Page not found"})
	for _, vp := range r.opt.Versions.Pages() {
		add(&Page{Path: vp.Path, Layout: vp.Layout, Title: vp.Title, Section: "What changed", Data: vp.Data})
	}
	for _, e := range g.Entities() {
		if pp := r.pub.placeholder(e); pp != "" {
			add(&Page{Path: pp, Layout: "withheld", Title: e.ID,
				Data: withheldView{ID: e.ID, Kind: kindWord(e), Classification: g.Classification(e)}})
		}
	}
	titleCrumbs(pages)
	r.labels(pages)
	r.site.pages = map[string]bool{}
	for _, p := range pages {
		r.site.pages[p.Path] = true
	}
	return pages
}

// titleCrumbs names each breadcrumb that links to a page of the site (other than the
// home page, "Home") by that page's title, so that a breadcrumb says what it opens: a
// risk's "Information security risk register", not its sidebar section's "Risk
// register".
func titleCrumbs(pages []*Page) {
	titles := make(map[string]string, len(pages))
	for _, p := range pages {
		titles[p.Path] = p.Title
	}
	for _, p := range pages {
		for i, c := range p.Crumbs {
			if t, ok := titles[c.Path]; ok && c.Path != urls.Home {
				p.Crumbs[i].Title = t
			}
		}
	}
}

// registerView makes the data of a register's page beyond the register itself, by the
// layout the register table names for the page: the SoA's rows by theme and the risk
// register's heat maps; nil for a layout that reads the register and its rows alone.
func (r *renderer) registerView(reg *model.Register) func() any {
	views := map[string]func() any{
		"soa":   func() any { return r.soaData() },
		"risks": func() any { return r.risksData() },
	}
	return views[reg.Layout]
}

// sectionOf names the sidebar section a document is listed in.
func (r *renderer) sectionOf(e *resolve.Entity) string {
	if at, ok := r.site.navIndex[urls.Of(e)]; ok {
		return r.site.Nav[at.section].Title
	}
	return ""
}

// sectionPath returns the page of a breadcrumb section that has one.
func (r *renderer) sectionPath(section string) string {
	for _, sec := range r.site.Nav {
		if sec.Title == section && sec.Index != "" {
			return sec.Index
		}
	}
	for _, reg := range model.Registers() {
		if reg.Section == section {
			return reg.Page
		}
	}
	switch section {
	case "Controls":
		return urls.Controls
	case "Tags":
		return urls.Tags
	case "Registers":
		// No page of its own: the home page's list of registers.
		return registersIndex
	}
	return ""
}

// neighbours returns the previous and next documents of e's sidebar section.
func (r *renderer) neighbours(e *resolve.Entity) (prev, next *navItem) {
	at, ok := r.site.navIndex[urls.Of(e)]
	if !ok {
		return nil, nil
	}
	items := r.site.Nav[at.section].Items
	if at.item > 0 {
		prev = &items[at.item-1]
	}
	if at.item+1 < len(items) {
		next = &items[at.item+1]
	}
	return prev, next
}

// homeData is the ISMS overview.
type homeData struct {
	Scope, Policy *resolve.Entity
	Dashboard     dashboard
	// SoA, Risks, Treatment and Evidence report whether the site publishes the register
	// the figures below them come from.
	HasSoA, HasRisks, HasTreatment, HasEvidence bool
	Documents                                   int
	Controls                                    int
	Applicable                                  int
	Implemented                                 int
	Risks                                       int
	AboveAppetite                               int
	Actions                                     int
	OpenActions                                 int
	Overdue                                     int
	Evidence                                    int
	ReviewsDue                                  int
}

func (r *renderer) homeData() homeData {
	g := r.g
	h := homeData{HasSoA: r.hasRegister("soa"), HasRisks: r.hasRegister("risks"), HasTreatment: r.hasRegister("treatment"), HasEvidence: r.hasRegister("evidence"),
		Dashboard: r.dashboardData()}
	for _, cov := range g.ClauseCoverage() {
		for _, e := range r.pub.filter(cov.By) {
			switch {
			case cov.Clause.Number == "4.3" && h.Scope == nil:
				h.Scope = e
			case cov.Clause.Number == "5.2" && h.Policy == nil:
				h.Policy = e
			}
		}
	}
	for _, e := range r.pub.filter(g.Documents()) {
		if info, ok := g.Controlled(e); ok {
			h.Documents++
			if g.DocReviewOverdue(info) {
				h.ReviewsDue++
			}
		}
	}
	for _, c := range g.SoAControls() {
		if e, ok := g.Lookup(c.ID); !ok || !r.pub.shown(e) {
			continue // withheld: the SoA does not show it, so nor is it counted here
		}
		h.Controls++
		if row, ok := g.SoARow(c.ID); ok && h.HasSoA && row.IsApplicable() {
			h.Applicable++
			if row.Status == model.Implemented {
				h.Implemented++
			}
		}
	}
	for _, x := range g.Site.Risks.Risks {
		if x == nil || !h.HasRisks {
			continue
		}
		h.Risks++
		if _, res := g.RiskLevels(x); !g.Site.Risks.Method.Acceptable(res) {
			h.AboveAppetite++
		}
	}
	for _, a := range g.Site.Treatment.Actions {
		if a == nil || !h.HasTreatment {
			continue
		}
		h.Actions++
		if a.Status != model.ActionDone && a.Status != model.ActionCancelled {
			h.OpenActions++
		}
		if g.Overdue(a) {
			h.Overdue++
		}
	}
	if h.HasEvidence {
		h.Evidence = len(g.Site.Evidence.Evidence)
	}
	return h
}

// controlledDocuments lists the published controlled documents and registers.
func (r *renderer) controlledDocuments() []docRow {
	docs := r.pub.filter(r.g.Documents())
	// Sized once: a row is 768 bytes, and at 20,000 documents growing the slice by
	// appending held 60 MiB at the build's peak.
	out := make([]docRow, 0, len(docs))
	for _, e := range docs {
		if info, ok := r.g.Controlled(e); ok {
			out = append(out, docRow{Entity: e, Info: info, Overdue: r.g.DocReviewOverdue(info)})
		}
	}
	return out
}

type docRow struct {
	Entity  *resolve.Entity
	Info    resolve.DocInfo
	Overdue bool
}

// controlGroup is the controls of one theme.
type controlGroup struct {
	Theme    string
	Controls []*resolve.Entity
}

// controlGroups groups the catalogue by framework and theme (or group), in catalogue
// order; the first framework's groups are named by their theme alone. With soa, only
// the controls the SoA speaks for (resolve.Graph.SoAControls).
func (r *renderer) controlGroups(soa bool) []controlGroup {
	var out []controlGroup
	idx := map[string]int{}
	first := ""
	in := map[*model.Control]bool{}
	for _, c := range r.g.SoAControls() {
		in[c] = true
	}
	for _, e := range r.pub.filter(r.g.OfKind(resolve.KindControl)) {
		c := e.Control
		if soa && !in[c] {
			continue
		}
		if first == "" {
			first = c.Catalogue
		}
		th := r.g.ThemeTitle(c, first)
		i, ok := idx[th]
		if !ok {
			i = len(out)
			idx[th] = i
			out = append(out, controlGroup{Theme: th})
		}
		out[i].Controls = append(out[i].Controls, e)
	}
	return out
}

type tagView struct {
	Name      string
	Path      string
	Documents []*resolve.Entity
}

func (r *renderer) tags() []tagView {
	by := map[string]*tagView{}
	for _, e := range r.pub.filter(r.g.Documents()) {
		if e.Doc == nil {
			continue
		}
		for _, t := range e.Doc.Meta.Tags {
			key := strings.ToLower(strings.TrimSpace(t))
			if key == "" {
				continue
			}
			tv, ok := by[key]
			if !ok {
				tv = &tagView{Name: key, Path: urls.Tag(key)}
				by[key] = tv
			}
			tv.Documents = append(tv.Documents, e)
		}
	}
	out := make([]tagView, 0, len(by))
	for _, tv := range by {
		out = append(out, *tv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
