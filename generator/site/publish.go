package site

import (
	"sort"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// publisher decides what the intranet site shows of the graph: drafts only when the
// build includes them, and nothing classified above publish.max_classification. What
// it withholds has no page, no search entry, no CSV row and no copied file; a reference
// to it shows its ID alone and links a placeholder page (urls.Withheld). The readiness
// checks run on the whole graph before the site is rendered, so they still see it.
type publisher struct {
	g         *resolve.Graph
	limit     model.Classification
	registers map[string]*resolve.Entity // by register name
}

func newPublisher(g *resolve.Graph) *publisher {
	p := &publisher{g: g, limit: g.Site.Config.Publish.MaxClassification, registers: map[string]*resolve.Entity{}}
	for _, e := range g.OfKind(resolve.KindRegister) {
		p.registers[e.Register] = e
	}
	return p
}

// floor is the lowest label of a page: the site's default classification, or the
// publishing limit when that is lower.
func (p *publisher) floor() model.Classification {
	return model.StricterLimit(p.g.Site.Config.Classification, p.limit)
}

// withheld reports whether the site leaves an entity out for its classification.
func (p *publisher) withheld(e *resolve.Entity) bool {
	return p != nil && e != nil && p.g.Classification(e).Above(p.limit)
}

// shown reports whether the site publishes an entity's page.
func (p *publisher) shown(e *resolve.Entity) bool {
	return e != nil && e.Published && !p.withheld(e)
}

// placeholder returns the page a reference to a withheld entity links, or "" when it
// has none (a page without an ID cannot be referenced by one).
func (p *publisher) placeholder(e *resolve.Entity) string {
	if !p.withheld(e) || e.ID == "" {
		return ""
	}
	return urls.Withheld(e.ID)
}

// withheldDocuments returns the documents and registers the site leaves out for their
// classification, by ID (their rows go with them).
func (p *publisher) withheldDocuments() []*resolve.Entity {
	var out []*resolve.Entity
	for _, e := range p.g.Entities() {
		if (e.Kind == resolve.KindDocument || e.Kind == resolve.KindRegister) && e.Published && p.withheld(e) {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// filter returns the entities the site shows.
func (p *publisher) filter(es []*resolve.Entity) []*resolve.Entity {
	var out []*resolve.Entity
	for _, e := range es {
		if p.shown(e) {
			out = append(out, e)
		}
	}
	return out
}

// register returns the register entity of a register name when the site shows it.
func (p *publisher) register(name string) (*resolve.Entity, bool) {
	if p == nil {
		return nil, false
	}
	e, ok := p.registers[name]
	return e, ok && p.shown(e)
}

// withheldView is the placeholder page of a withheld item: its ID, what it is and how
// it is classified, never its title.
type withheldView struct {
	ID, Kind       string
	Classification model.Classification
}

// kindWord names what an entity is in a sentence: a register's row by its register's
// noun ("treatment action"), anything else by its kind.
func kindWord(e *resolve.Entity) string {
	if e.RowKind != nil && e.Kind == resolve.Kind(e.RowKind.Kind) {
		return e.RowKind.Noun
	}
	return string(e.Kind)
}
