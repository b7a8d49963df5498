package site

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// Page is what a layout renders: one output file.
type Page struct {
	Site   *siteView
	G      *resolve.Graph
	Path   string // output path, relative to the site root
	Layout string // layouts/<Layout>.html
	Title  string
	// Section is the nav section title the page belongs to (highlighted in the sidebar).
	Section string
	Entity  *resolve.Entity
	Info    *resolve.DocInfo // document-control fields of documents and registers
	Body    template.HTML
	TOC     []tocEntry
	Crumbs  []crumb
	Data    any
	Prev    *navItem
	Next    *navItem
	// Diagrams is whether the body has Mermaid diagrams: the page loads the diagram
	// scripts ({{.DiagramScripts}}).
	Diagrams bool

	source string // the source file the page is made from, for errors
	// late, when set, makes Data after every other page is rendered (and the documents'
	// ASTs dropped), off the memory peak of the render: the downloads page builds the CSV
	// and XLSX exports, the document register and section pages a row per document.
	late func() any
	// lazy, when set, makes Data when the page is rendered or labelled, not before: the
	// live preview copies most pages from its previous render, and a copied page's data
	// is never read.
	lazy func() any
	// lazyLate records that lazy was late.
	lazyLate bool
	// navKey, when set, is the sidebar the page renders (the sidebar cache renders a
	// placeholder page for each key).
	navKey *sidebarKey
	// readsTitles marks a page that shows what any document's title changes without
	// showing the title: the downloads page, with the sizes of the exports (titleEdits).
	readsTitles bool
	// class is the page's label (see classify.go); shown is the highest classification
	// of what its layout linked while rendering.
	class, shown model.Classification
	// rows is what Rows needs while the page renders.
	rows *pageRows
}

type crumb struct {
	Title string
	Path  string
}

// Rel returns the URL of a site path relative to this page.
func (p *Page) Rel(target string) string { return urls.Rel(p.Path, target) }

// Root returns the relative URL of the site root from this page ("" or "../").
func (p *Page) Root() string { return urls.Rel(p.Path, "") }

// URL returns the relative URL of an entity's page (the placeholder page of one the
// site withholds), or "" when it is not published.
func (p *Page) URL(e *resolve.Entity) string {
	if pp := p.pub().placeholder(e); pp != "" {
		return urls.Rel(p.Path, pp)
	}
	if e == nil || !p.pub().shown(e) {
		return ""
	}
	p.note(e)
	return urls.Rel(p.Path, urls.Of(e))
}

// pub returns the site's publisher (nil, which withholds nothing, outside a render).
func (p *Page) pub() *publisher {
	if p.Site == nil {
		return nil
	}
	return p.Site.pub
}

// Link returns an HTML link to an entity: its ID and, for controls, risks, actions and
// evidence, its title as a tooltip; documents show their title. An entity the site
// withholds shows its ID alone, linking its placeholder page.
func (p *Page) Link(e *resolve.Entity) template.HTML { return p.link(e, true) }

// link is Link; tooltip is whether the link carries the title as its tooltip (not when
// the title is written beside it).
func (p *Page) link(e *resolve.Entity, tooltip bool) template.HTML {
	if e == nil {
		return ""
	}
	esc := template.HTMLEscapeString
	if pp := p.pub().placeholder(e); pp != "" {
		return template.HTML(`<a class="ref ref-withheld" href="` + esc(urls.Rel(p.Path, pp)) + `">` + esc(e.ID) + `</a>`)
	}
	label, class := e.ID, "ref" // its kind shows in its URL; no theme styles it
	if label == "" {
		label, class = e.Title, class+" ref-title" // a title wraps; an ID never does
	}
	if p.pub().withheld(e) {
		// A page without an ID: nothing may name it.
		return template.HTML(`<span class="ref ref-unpublished">a page not published on this intranet</span>`)
	}
	p.note(e)
	if !e.Published {
		return template.HTML(`<span class="ref ref-unpublished" title="` + esc(e.Title+" (not published in this build)") + `">` + esc(label) + `</span>`)
	}
	title := ""
	if tooltip {
		title = ` title="` + esc(e.Title) + `"`
	}
	return template.HTML(`<a class="` + class + `" href="` + esc(p.URL(e)) + `"` + title + `>` + esc(label) + `</a>`)
}

// LinkBare is Link without the title as its tooltip: for a register row whose next cell
// shows the title.
func (p *Page) LinkBare(e *resolve.Entity) template.HTML { return p.link(e, false) }

// LinkTitled is Link with the title shown after the ID (and so not as its tooltip).
func (p *Page) LinkTitled(e *resolve.Entity) template.HTML {
	if e == nil {
		return ""
	}
	if e.ID == "" || p.pub().withheld(e) {
		return p.Link(e)
	}
	return p.link(e, false) + template.HTML(" "+template.HTMLEscapeString(e.Title))
}

// Backlinks returns what references e and the site shows: a reference from something it
// withholds is that item's content, so it is not listed.
func (p *Page) Backlinks(e *resolve.Entity) []*resolve.Entity {
	return p.pub().filter(p.G.Backlinks(e))
}

// ReferencedBy is what the page's "Referenced by" lists: the backlinks of its entity,
// without those a row's page (a risk, an action, evidence, a register's row) already
// lists among its own references (a risk and its treatment action cite each other).
// A document's page lists all of them: its body's links are prose, not a list.
func (p *Page) ReferencedBy(e *resolve.Entity) []*resolve.Entity {
	back := p.Backlinks(e)
	if e == nil || e.Doc != nil || e.Kind == resolve.KindRegister {
		return back
	}
	listed := map[*resolve.Entity]bool{}
	for _, l := range p.G.Links(e) {
		listed[l] = true
	}
	var out []*resolve.Entity
	for _, b := range back {
		if !listed[b] {
			out = append(out, b)
		}
	}
	return out
}

// BacklinkGroup is the entities of one kind among a page's "Referenced by".
type BacklinkGroup struct {
	Kind     resolve.Kind
	Entities []*resolve.Entity
}

// ReferencedByKind is ReferencedBy grouped by kind, the kinds in the order they first
// appear in it: the list names each kind once, not once per entity.
func (p *Page) ReferencedByKind(e *resolve.Entity) []BacklinkGroup {
	var out []BacklinkGroup
	for _, b := range p.ReferencedBy(e) {
		i := slices.IndexFunc(out, func(g BacklinkGroup) bool { return g.Kind == b.Kind })
		if i < 0 {
			i = len(out)
			out = append(out, BacklinkGroup{Kind: b.Kind})
		}
		out[i].Entities = append(out[i].Entities, b)
	}
	return out
}

// BacklinksOfKind is Backlinks of one kind.
func (p *Page) BacklinksOfKind(e *resolve.Entity, k resolve.Kind) []*resolve.Entity {
	return p.pub().filter(p.G.BacklinksOfKind(e, k))
}

// HasPage reports whether the site has a page at a path (registers it withholds have
// none).
func (p *Page) HasPage(path string) bool { return p.Site != nil && p.Site.pages[path] }

// LinkID links to the entity with the ID, or shows the ID as text.
func (p *Page) LinkID(id string) template.HTML {
	if e, ok := p.G.Lookup(id); ok {
		return p.Link(e)
	}
	return template.HTML(template.HTMLEscapeString(id))
}

// LinkTitledID is LinkTitled of the entity with the ID, or the ID as text (a soft
// reference kept as free text).
func (p *Page) LinkTitledID(id string) template.HTML {
	if e, ok := p.G.Lookup(id); ok {
		return p.LinkTitled(e)
	}
	return template.HTML(template.HTMLEscapeString(id))
}

// Refs resolves a list of references to entities (unknown IDs are skipped; resolve has
// already reported them).
func (p *Page) Refs(refs []model.Ref) []*resolve.Entity {
	var out []*resolve.Entity
	for _, r := range refs {
		if e, ok := p.G.Lookup(r.ID); ok {
			out = append(out, e)
		}
	}
	return out
}

// Active reports whether a nav path is this page.
func (p *Page) Active(path string) bool { return p.Path == path }

// Draft reports whether the page shows a draft document.
func (p *Page) Draft() bool { return p.Info != nil && p.Info.Status == model.StatusDraft }

// Retired reports whether the page shows a retired document.
func (p *Page) Retired() bool { return p.Info != nil && p.Info.Status == model.StatusRetired }

// ReviewOverdue reports whether the page's document is past its review date.
func (p *Page) ReviewOverdue() bool { return p.Info != nil && p.G.DocReviewOverdue(*p.Info) }

// CSV returns the relative URL of a register's CSV export.
func (p *Page) CSV(kind string) string { return p.Rel(exportFile(kind, export.CSV)) }

// XLSX returns the relative URL of a register's XLSX export, beside its CSV.
func (p *Page) XLSX(kind string) string { return p.Rel(exportFile(kind, export.XLSX)) }

// exportFile is where the site keeps an export: exports/<kind>.<format> (coverage:nis2
// as coverage-nis2).
func exportFile(kind, format string) string {
	return fmt.Sprintf("exports/%s.%s", strings.ReplaceAll(kind, ":", "-"), format)
}

// Plural is a helper for "1 risk" / "2 risks".
func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"join":   strings.Join,
		"lower":  strings.ToLower,
		"plural": Plural,
		"upper":  strings.ToUpper,
		"title":  upperFirst,
		"str":    func(v any) string { return fmt.Sprint(v) },
		"slug":   urls.Slug,
		"add":    func(a, b int) int { return a + b },
		// words is a field name as words ("residual_level" is "residual level").
		"words": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
		// value is a measured value with its unit ("2.2%").
		"value": model.FormatValue,
		// date and nowrap keep a date or a version number on one line (atoms.go).
		"date":   dateHTML,
		"nowrap": nowrapHTML,
		// wrap lets a cell's long words and addresses wrap (atoms.go).
		"wrap": wrapHTML,
		// goPartial renders a partial of the default theme in Go (gopartials.go).
		"goPartial": goPartial,
	}
}

// SoA returns the SoA row of a control, or nil (also when the site withholds the SoA).
func (p *Page) SoA(controlID string) *model.SoARow {
	if !p.SoAPublished() {
		return nil
	}
	row, _ := p.G.SoARow(controlID)
	return row
}

// SoAPublished reports whether the site publishes the Statement of Applicability.
func (p *Page) SoAPublished() bool {
	_, shown := p.pub().register(resolve.RegSoA)
	return shown
}

// Freshness is how long an evidence entity shows what it shows (nil for other
// entities and for evidence without a date).
func (p *Page) Freshness(e *resolve.Entity) *resolve.Freshness {
	if e == nil || e.Evidence == nil {
		return nil
	}
	f := p.G.EvidenceFreshness(e.Evidence)
	if f.Until.IsZero() {
		return nil
	}
	return &f
}

// Acknowledgements is the acknowledgement coverage of the page's document for each
// group its distribution names (7.3).
func (p *Page) Acknowledgements() []resolve.AckCoverage {
	if p.Entity == nil {
		return nil
	}
	return p.G.Acknowledgements(p.Entity)
}

// AckLow reports whether a coverage is below the share checks.acknowledgement_coverage
// asks for.
func (p *Page) AckLow(c resolve.AckCoverage) bool {
	return c.Percent() < p.G.Site.Config.Checks.AckCoverage()
}
