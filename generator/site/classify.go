package site

import (
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Classification labels: a page is labelled with the highest classification of what it
// shows (README, "Classification follows content").
//
//   - its own: a document's or register's classification; any other page has at least
//     the site's default (or publish.max_classification, when that is lower: the site
//     then publishes its settings at that level);
//   - every item whose content its main content shows: the rows of the registers it
//     lists (a risk's title is the risk register's content), the registers whose figures
//     it counts, the SoA rows it shows;
//   - every item it mentions by title (its links and references, what links to it, the
//     subjects of its findings) as far as the title exposes: a row's title carries its
//     register's classification, a document's or register's title (metadata, listed for
//     everyone in the document register) none — see resolve.MentionClassification;
//   - not the navigation (sidebar, breadcrumbs, previous/next), which lists every
//     published document's title on every page: counted, it would give every page the
//     highest label of the site.
//
// label computes this from the graph for the default layouts, before a page is
// rendered (the header shows the label before the content). A theme's layout that shows
// more through the page's link helpers raises its own label: renderPage renders such a
// page again (see Page.note).

// labels sets the label of every page; the search page, which can show every indexed
// page's text, gets the highest of them.
func (r *renderer) labels(pages []*Page) {
	var search *Page
	var indexed model.Classification
	old := r.state.reusable(r.opt.Previous)
	for _, p := range pages {
		if p.Layout == "search" {
			search = p
			continue
		}
		if c, ok := r.state.carriedLabel(old, p); ok {
			p.class = c
		} else {
			if p.late != nil || (p.lazy != nil && p.Entity == nil) {
				continue // labelled when its data is made, in Render
			}
			p.class = r.label(p)
			r.state.labels.Store(p.Path, p.class)
		}
		if p.Entity != nil && r.pub.shown(p.Entity) {
			indexed = model.MaxClassification(indexed, p.class)
		}
	}
	if search != nil {
		search.class = model.MaxClassification(r.pub.floor(), indexed)
	}
}

// data returns the page's data, made now if it is lazy.
func (r *renderer) data(p *Page) any {
	if p.lazy != nil {
		p.Data, p.lazy = p.lazy(), nil
	}
	return p.Data
}

// label returns the classification of what a page shows.
func (r *renderer) label(p *Page) model.Classification {
	g := r.g
	c := labelSet{g: g, pub: r.pub, class: r.pub.floor()}
	if p.Info != nil {
		// A document or register has its own classification, which may be lower than
		// the site's default (a public policy).
		c.class = p.Info.Classification
	}
	if e := p.Entity; e != nil {
		c.add(e)
		c.mention(g.Links(e)...)
		c.mention(g.Backlinks(e)...)
	}
	switch p.Layout {
	case "home":
		h := r.data(p).(homeData)
		c.add(h.Scope, h.Policy)
		for _, reg := range r.pub.registers {
			// The figures of the SoA, the risk register, the treatment plan and the
			// evidence register are their content.
			c.add(reg)
		}
	case "soa":
		for _, e := range g.OfKind(resolve.KindControl) {
			c.add(e)
			c.add(g.BacklinksOfKind(e, resolve.KindRisk)...)
		}
	}
	if e := p.Entity; e != nil && e.Kind == resolve.KindRegister && e.Reg != nil {
		// A register's page shows its rows: each row, and what its references name.
		for _, row := range e.Reg.Data(g.Site).Rows() {
			if x, ok := g.Lookup(row.RowID()); ok && x.Row == row {
				c.add(x)
			}
			for _, f := range row.RowRefs() {
				c.refs(f.Refs)
			}
		}
	}
	switch p.Layout {
	case "controls":
		for _, e := range g.OfKind(resolve.KindControl) {
			c.add(e)
		}
		c.soa()
	case "control":
		if _, ok := g.SoARow(p.Entity.ID); ok {
			c.soa()
		}
		if q, ok := g.RequirementOf(p.Entity.ID); ok && q.Framework.Name != model.ISO27001 {
			c.coverage(q)
		}
	case "coverage":
		for _, q := range r.data(p).(coverageView).Requirements {
			c.add(q.Entity)
			c.coverage(q)
		}
	case "documents":
		for _, row := range r.data(p).([]docRow) {
			c.mention(row.Entity)
		}
	case "tags":
		for _, t := range r.data(p).([]tagView) {
			c.mention(t.Documents...)
		}
	case "tag":
		c.mention(r.data(p).(tagView).Documents...)
	case "owner":
		o := r.data(p).(*ownerView)
		for _, d := range o.Documents {
			c.mention(d.Entity)
		}
		for _, x := range o.Risks {
			c.mention(x.Entity)
		}
		c.mention(o.Actions...)
		c.mention(o.Controls...)
	case "changes":
		// A "what changed" page lists documents, SoA rows, risks and actions of two
		// versions: package versions labels it with what it lists.
		if cmp, ok := r.data(p).(*Comparison); ok {
			c.class = model.MaxClassification(c.class, model.Classification(cmp.Classification))
		}
	case "readiness":
		d := r.data(p).(readinessData)
		for _, f := range d.Findings {
			c.mention(findingSubjects(g, f)...)
		}
		for _, it := range d.Checklist {
			c.mention(it.Documents...)
		}
		for _, cov := range d.Coverage {
			c.mention(cov.By...)
		}
	}
	return c.class
}

// labelSet accumulates the highest classification of what a page shows.
type labelSet struct {
	g     *resolve.Graph
	pub   *publisher
	class model.Classification
}

// add counts entities the page shows; what the site does not publish is not shown.
func (c *labelSet) add(es ...*resolve.Entity) {
	for _, e := range es {
		if e != nil && c.pub.shown(e) {
			c.class = model.MaxClassification(c.class, c.g.Classification(e))
		}
	}
}

// mention counts entities the page shows by ID and title only.
func (c *labelSet) mention(es ...*resolve.Entity) {
	for _, e := range es {
		if e != nil && c.pub.shown(e) {
			c.class = model.MaxClassification(c.class, c.g.MentionClassification(e))
		}
	}
}

// refs counts the targets of lists of references.
func (c *labelSet) refs(lists ...[]model.Ref) {
	for _, l := range lists {
		for _, ref := range l {
			if e, ok := c.g.Lookup(ref.ID); ok {
				c.add(e)
			}
		}
	}
}

// soa counts the Statement of Applicability, whose rows a page shows.
func (c *labelSet) soa() {
	if reg, ok := c.pub.register(resolve.RegSoA); ok {
		c.add(reg)
	}
}

// coverage counts what a requirement's coverage shows: the SoA statuses of its targets
// (and its own row), and the documents and evidence behind it by ID and title.
func (c *labelSet) coverage(q *resolve.Requirement) {
	if q.Row != nil || len(q.Targets) > 0 {
		c.soa()
	}
	for _, t := range q.Targets {
		c.mention(t.Control)
	}
	c.mention(q.Documents...)
	c.mention(q.Evidence...)
}

// findingSubjects returns what a finding is about: the entity it names and the document
// or register at its position.
func findingSubjects(g *resolve.Graph, f check.Finding) []*resolve.Entity {
	var out []*resolve.Entity
	if e, ok := g.Lookup(f.Subject); ok {
		out = append(out, e)
	}
	if e, ok := g.DocumentByPath(f.Pos.Path); ok {
		out = append(out, e)
	}
	for _, reg := range g.OfKind(resolve.KindRegister) {
		if reg.DocControl.Pos.Path == f.Pos.Path && f.Pos.Path != "" {
			out = append(out, reg)
		}
	}
	return out
}

// note records that the page's content shows an entity (through Link, LinkTitled or
// URL), so that a layout showing more than label counted raises the page's label.
func (p *Page) note(e *resolve.Entity) {
	if p.G == nil || e == nil || p.Site == nil || !p.Site.pub.shown(e) {
		return
	}
	p.shown = model.MaxClassification(p.shown, p.G.MentionClassification(e))
}

// Classification returns the page's label: the highest classification of what it
// shows.
func (p *Page) Classification() model.Classification {
	if p.class != "" {
		return p.class
	}
	if p.Info != nil && p.Info.Classification != "" {
		return p.Info.Classification
	}
	return p.G.Site.Config.Classification
}
