package site

import (
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// "My items": a page per owner (urls.Owner) listing what that person or role owns
// across the ISMS: documents and registers to review, treatment actions due, risks
// owned and SoA controls. The owner's name links there from the dashboard and from
// the registers' and documents' owner fields (Page.Owner).

// ownerView is one owner's page.
type ownerView struct {
	Name      string
	Documents []docRow
	Risks     []riskRow
	Actions   []*resolve.Entity
	Controls  []*resolve.Entity
}

// owners returns every owner, by name, sorted, with the items of those whose page path
// items accepts (nil: none).
func (r *renderer) owners(items func(page string) bool) []*ownerView {
	by := map[string]*ownerView{}
	listed := map[string]bool{}
	get := func(name string) *ownerView {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil
		}
		key := urls.Owner(name)
		if by[key] == nil {
			by[key] = &ownerView{Name: name}
			listed[key] = items != nil && items(key)
		}
		if !listed[key] {
			return nil
		}
		return by[key]
	}
	g := r.g
	for _, e := range r.controlledShown() {
		if info, ok := g.Controlled(e); ok {
			if o := get(info.Owner); o != nil {
				o.Documents = append(o.Documents, docRow{Entity: e, Info: info, Overdue: g.DocReviewOverdue(info)})
			}
		}
	}
	if r.hasRegister("risks") {
		m := &g.Site.Risks.Method
		for _, e := range r.pub.filter(g.OfKind(resolve.KindRisk)) {
			if o := get(e.Risk.Owner); o != nil {
				in, res := g.RiskLevels(e.Risk)
				o.Risks = append(o.Risks, riskRow{Entity: e, Risk: e.Risk, Inherent: in, Residual: res,
					InherentBand: m.Band(in), ResidualBand: m.Band(res), Acceptable: m.Acceptable(res)})
			}
		}
	}
	if r.hasRegister("treatment") {
		for _, e := range r.pub.filter(g.OfKind(resolve.KindAction)) {
			if o := get(e.Action.Owner); o != nil {
				o.Actions = append(o.Actions, e)
			}
		}
	}
	if r.hasRegister("soa") {
		for _, e := range r.pub.filter(g.OfKind(resolve.KindControl)) {
			if row, ok := g.SoARow(e.ID); ok {
				if o := get(row.Owner); o != nil {
					o.Controls = append(o.Controls, e)
				}
			}
		}
	}
	out := make([]*ownerView, 0, len(by))
	for _, o := range by {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b *ownerView) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// ownerPages are the owners' pages. Their items are made when a page is rendered or
// labelled: the live preview copies most of them from the previous render (a title edit
// renders one, whose owner's items alone are made), and making every owner's rows for
// every rebuild was 2 MB of garbage and 2 ms at 1,000 documents. From the second page
// rendered on, every owner's items are made at once, as a full render needs them.
func (r *renderer) ownerPages() []*Page {
	all := sync.OnceValue(func() map[string]*ownerView {
		by := map[string]*ownerView{}
		for _, o := range r.owners(func(string) bool { return true }) {
			by[urls.Owner(o.Name)] = o
		}
		return by
	})
	var mu sync.Mutex
	asked := 0
	view := func(path string) *ownerView {
		mu.Lock()
		asked++
		first := asked == 1
		mu.Unlock()
		if !first {
			return all()[path]
		}
		for _, o := range r.owners(func(p string) bool { return p == path }) {
			if urls.Owner(o.Name) == path {
				return o
			}
		}
		return nil
	}
	var out []*Page
	for _, o := range r.owners(nil) {
		path := urls.Owner(o.Name)
		out = append(out, &Page{Path: path, Layout: "owner", Title: "Items of " + o.Name, Section: "Owners", lazy: func() any { return view(path) }})
	}
	return out
}

// Owner shows an owner's name as a link to their items; the name alone when the site
// has no page for it.
func (p *Page) Owner(name string) template.HTML {
	esc := template.HTMLEscapeString(name)
	path := urls.Owner(name)
	if strings.TrimSpace(name) == "" || !p.HasPage(path) {
		return template.HTML(esc)
	}
	return template.HTML(`<a href="` + template.HTMLEscapeString(p.Rel(path)) + `">` + esc + `</a>`)
}

// OwnerItems is the number of items an owner's page lists.
func (o *ownerView) OwnerItems() int {
	return len(o.Documents) + len(o.Risks) + len(o.Actions) + len(o.Controls)
}

// ReviewDueSoon reports whether a document's review falls due within 90 days of the build
// date (or is overdue).
func (p *Page) ReviewDueSoon(next model.Date) bool {
	return !next.IsZero() && next.Before(p.G.Date.AddMonths(3))
}
