package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/parallel"
)

// Options control one render.
type Options struct {
	// Findings are the readiness findings shown on the readiness page and counted on
	// the home page.
	Findings []check.Finding
	// Version is the ismsgen version printed in page footers.
	Version string
	// Head is extra HTML put at the end of every page's <head> (the live preview's
	// reload script); empty for a normal build.
	Head template.HTML
	// Previous is an earlier render of the same site, or nil. Pages whose inputs did not
	// change since are copied from it instead of rendered (see incremental.go); the
	// result is the same as a full render.
	Previous *Output
	// LazyWorkbooks leaves the XLSX exports out of the output: the live preview writes
	// one when it is downloaded (Workbook), as it does packs. The CSV exports stay.
	LazyWorkbooks bool
	// PlainSearchIndex writes search-index.js uncompressed ({"v": 2, "e": [entries]}
	// assigned as it is; js/search.js reads both forms), and nav-index.js (the tree as
	// it is; js/site.js reads both): the live preview, served from
	// this machine, saves the compression, 10–60 ms an edit at 1,000 documents.
	PlainSearchIndex bool
	// Progress, when set, is told after each page how many of the pages are done and
	// how many there are, from the render's workers (concurrently).
	Progress func(done, total int)
	// Sink, when set, receives every page as soon as it is rendered (from the render's
	// workers, concurrently), and Output.Files then holds only the other files: the
	// build writes pages to disk as they come instead of holding the site in memory.
	// The live preview, which keeps the output to compare and reuse, leaves it nil.
	Sink func(path string, data []byte) error
	// Release lets the render drop each document's parsed body (its AST and the
	// references into it) as soon as its page and search entry are made, so that memory
	// does not hold every AST until the end. A one-shot build sets it; the live preview,
	// which keeps the graph for its next render, and the packs, which read the ASTs
	// after, leave it false.
	Release bool
	// Versions is what the pages show of git and releases (package versions fills it):
	// the "last changed" line, the version switcher slot and the "what changed" pages;
	// nil ignores git.
	Versions *Versions
	// Packs are the PDF packs the downloads page lists, as the build made them (or, in
	// the live preview, will make them on first download).
	Packs []PackDownload
}

// Output is a rendered site: every file by slash path relative to the output root.
type Output struct {
	Files map[string][]byte
	Pages int
	// Withheld lists the documents and registers left out because they are classified
	// above publish.max_classification (their rows go with them), by ID.
	Withheld []*resolve.Entity

	state  *renderState // what this render read, for a later Options.Previous
	theme  *theme       // its theme, parsed, for a later render of the same theme
	lexers *lexerCache  // its lexers, compiled, for a later render (lexersOf)
	pages  map[string]bool
}

// HasPage reports whether the render made a page at the output path (written to the
// Sink or in Files).
func (o *Output) HasPage(path string) bool { return o.pages[path] }

// Render renders the whole site.
func Render(ctx context.Context, g *resolve.Graph, opt Options) (*Output, error) {
	th, err := themeOf(opt.Previous, g.Site)
	if err != nil {
		return nil, err
	}
	r := &renderer{g: g, opt: opt, theme: th, pub: newPublisher(g), lexers: lexersOf(opt.Previous)}
	r.site = r.siteView()
	// The inputs first: pages() already reuses what the previous render made of the
	// same global inputs (the exports of the downloads page).
	state := &renderState{}
	if opt.Sink == nil {
		// A build writing to a Sink keeps no pages for a later render to reuse: its
		// inputs need no summary.
		state = r.inputState()
	}
	r.state = state
	pages := r.pages()
	opt.Versions.indexChanges(pages)

	out := &Output{Files: map[string][]byte{}}
	var errs diag.List
	if err := r.checkCollisions(pages); err != nil {
		return nil, err
	}
	results := make([][]byte, len(pages))
	pageErrs := make([]error, len(pages))
	r.site.sidebar.carry(opt.Previous, state)
	reuse := r.reuser(opt.Previous, state)
	r.rowReuse = r.rowReuser(opt.Previous, state)
	// What reads the documents' references runs before their ASTs may be dropped.
	r.withheldOnly = r.withheldAssets()
	release := r.releaser(pages)
	reparse := r.detacher(pages)
	idx := newSearchEntries(len(pages))
	var done atomic.Int64
	render := func(md *mdRenderer, i int) {
		if opt.Progress != nil {
			defer func() { opt.Progress(int(done.Add(1)), len(pages)) }()
		}
		if opt.Sink == nil { // a later render may reuse the page (titleEdits)
			defer r.navOf(pages[i])
		}
		if reuse != nil {
			if b, ok := reuse(pages[i]); ok {
				results[i] = b
				state.carryDiagrams(opt.Previous, pages[i].Path)
				state.carryRows(opt.Previous, pages[i].Path)
				r.indexPage(idx, pages[i], i)
				return
			}
		}
		results[i], pageErrs[i] = guardPage(pages[i], "rendering", func() ([]byte, error) {
			if p := pages[i]; p.lazy != nil {
				unlabelled := p.class == ""
				r.data(p)
				if unlabelled {
					p.class = r.label(p)
					state.labels.Store(p.Path, p.class)
				}
			}
			if err := reparse(md, pages[i]); err != nil {
				return nil, err
			}
			return r.renderPage(md, pages[i])
		})
		// The rendered body is in the page's bytes now; the search index reads the AST.
		pages[i].Body, pages[i].TOC = "", nil
		r.indexPage(idx, pages[i], i)
		release(pages[i])
		if opt.Sink != nil {
			// Written: nothing reads its data again (the document register's rows, 70
			// MiB at 20,000 documents, were held to the end).
			pages[i].Data = nil
			if pageErrs[i] == nil {
				pageErrs[i] = opt.Sink(pages[i].Path, results[i])
				results[i] = nil
			}
		}
	}
	// A late page's data is made when it is rendered, not when it is copied from the
	// previous render.
	for _, p := range pages {
		if p.late != nil {
			p.lazy, p.late, p.lazyLate = p.late, nil, true
		}
	}
	for _, pass := range r.passes(pages) {
		parallel.For(ctx, len(pass), r.newMarkdown, func(md *mdRenderer, j int) { render(md, pass[j]) })
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// A theme mistake fails every page the same way: report it once.
	seen := map[string]int{}
	for i, p := range pages {
		if pageErrs[i] != nil {
			msg := pageErrs[i].Error()
			if seen[msg]++; seen[msg] > 1 {
				continue
			}
			if de, ok := pageErrs[i].(*diag.Error); ok {
				errs = append(errs, de) // positioned already: a recovered panic
			} else {
				errs.Add(diag.Pos{Path: p.source}, "rendering %s: %v", p.Path, pageErrs[i])
			}
			continue
		}
		if opt.Sink == nil {
			out.Files[p.Path] = results[i]
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	out.Pages = len(pages)
	out.pages = r.pagePaths
	if err := r.assets(out.Files); err != nil {
		return nil, err
	}
	search, err := r.searchIndexJS(pages, idx)
	if err != nil {
		return nil, err
	}
	out.Files[urls.SearchData] = search
	nav, err := r.navIndexJS()
	if err != nil {
		return nil, err
	}
	out.Files[navData] = nav
	out.state, out.theme, out.lexers = state, th, r.lexers
	out.Withheld = r.pub.withheldDocuments()
	return out, nil
}

// PagePaths returns the output path of every page Render would make of g with opt,
// without rendering any: package versions links each page to the same page in every
// other version of the site before it renders one.
func PagePaths(g *resolve.Graph, opt Options) ([]string, error) {
	th, err := loadTheme(g.Site)
	if err != nil {
		return nil, err
	}
	r := &renderer{g: g, opt: opt, theme: th, pub: newPublisher(g), state: &renderState{}}
	r.site = r.siteView()
	var out []string
	for _, p := range r.pages() {
		out = append(out, p.Path)
	}
	sort.Strings(out)
	return out, nil
}

type renderer struct {
	state *renderState
	// pagePaths are the output paths of the pages, which no copied file may take.
	pagePaths map[string]bool
	g         *resolve.Graph
	opt       Options
	theme     *theme
	site      *siteView
	pub       *publisher
	lexers    *lexerCache // chroma lexers by language, shared by the render's workers
	// withheldOnly are the assets only withheld documents show (withheldAssets).
	withheldOnly map[string]bool
	// sizes holds the size of the last page rendered of each layout (sizeHint).
	sizes sync.Map // string → int
	// exports are the CSV exports by kind (exportFiles), exportErr the first that failed.
	exports   map[string][]byte
	exportErr error
	// rowReuse reports whether Page.Rows may reuse a row of the previous render (rows.go).
	rowReuse func(from string, row *docRow, html []byte) bool
}

// checkCollisions reports two pages that would be written to the same file (a document
// content/soa.md would overwrite the generated SoA page).
func (r *renderer) checkCollisions(pages []*Page) error {
	seen := map[string]*Page{}
	r.pagePaths = map[string]bool{}
	var errs diag.List
	for _, p := range pages {
		r.pagePaths[p.Path] = true
		if q, ok := seen[p.Path]; ok {
			if q.Layout == "document" && p.Layout != "document" {
				p, q = q, p // a document is renamed, never a generated page
			}
			errs.Add(diag.Pos{Path: p.source}, "page %s would overwrite the page of %s: rename the file", p.Path, q.describe())
			continue
		}
		seen[p.Path] = p
	}
	errs.Sort()
	return errs.Err()
}

// renderPage executes a page's layout.
func (r *renderer) renderPage(md *mdRenderer, p *Page) ([]byte, error) {
	if p.Entity != nil && p.Entity.Doc != nil {
		body, toc, err := md.render(p.Entity.Doc, p.Path)
		if err != nil {
			return nil, err
		}
		p.Body, p.TOC, p.Diagrams = body, toc, md.diagrams > 0
		if p.Diagrams {
			r.state.markDiagrams(p.Path)
		}
	}
	t, err := r.theme.layout(p.Layout)
	if err != nil {
		return nil, err
	}
	p.rows = r.pageRowsOf(p, t)
	defer r.keepRows(p)
	var buf bytes.Buffer
	buf.Grow(r.sizeHint(p))
	if err := r.theme.executePage(&buf, t, p); err != nil {
		return nil, err
	}
	r.sizes.Store(p.Layout, buf.Len())
	if p.shown.Rank() > p.Classification().Rank() {
		// The layout showed something more classified than the label it printed
		// (a theme's own layout): print the higher label.
		p.class = p.shown
		buf.Reset()
		if err := r.theme.executePage(&buf, t, p); err != nil {
			return nil, err
		}
	}
	html, err := r.switcherFallback(t, p, buf.Bytes())
	if err != nil {
		return nil, err
	}
	return addDiagramScripts(p, html), nil
}

// sizeHint is how large the page is likely to be: its size in the previous render, or
// the last page of its layout's. A buffer that starts that large is not grown and
// copied again and again for a register of a thousand rows (10 MB of garbage per title
// edit at 1,000 documents).
func (r *renderer) sizeHint(p *Page) int {
	if prev := r.opt.Previous; prev != nil {
		if b, ok := prev.Files[p.Path]; ok {
			return len(b) + 1024
		}
	}
	if n, ok := r.sizes.Load(p.Layout); ok {
		return n.(int) + 1024
	}
	return 16 << 10
}

// siteView is what every page knows about the site.
type siteView struct {
	Config  *model.Config
	Date    model.Date
	Version string
	Head    template.HTML
	Nav     []navSection
	Errors  int
	Warns   int
	// Versions is Options.Versions, for partials/versions.html.
	Versions *Versions

	pub *publisher
	// pages is the set of every page's path, for HasPage.
	pages map[string]bool
	// navIndex finds a page's place in Nav without a scan per page.
	navIndex map[string]navPos
	sidebar  *sidebarCache
	// docCount is the number of documents in the document sections of Nav.
	docCount int
}

type navPos struct{ section, item int }

type navSection struct {
	Title string
	Items []navItem
	// Index is the section's page listing all its documents (sections/<slug>.html);
	// "" for the Registers section, whose items are fixed pages.
	Index string
}

type navItem struct {
	Title  string
	ID     string
	Path   string
	entity *resolve.Entity // the document, for the section pages
}

func (r *renderer) siteView() *siteView {
	v := &siteView{Config: &r.g.Site.Config, Date: r.g.Date, Version: r.opt.Version, Head: r.opt.Head, Versions: r.opt.Versions, pub: r.pub}
	for _, f := range r.opt.Findings {
		if f.Severity == check.Error {
			v.Errors++
		} else {
			v.Warns++
		}
	}
	sections := []struct {
		title string
		types []model.DocType
	}{
		{"ISMS manual", []model.DocType{model.TypeManual, model.TypePlan, model.TypeStandard}},
		{"Policies", []model.DocType{model.TypePolicy}},
		{"Procedures", []model.DocType{model.TypeProcedure}},
		{"Records", []model.DocType{model.TypeRecord, model.TypeRegister}},
		{"Pages", []model.DocType{model.TypePage}},
	}
	for _, s := range sections {
		sec := navSection{Title: s.title}
		for _, e := range r.g.Documents() {
			if e.Doc == nil || !r.pub.shown(e) {
				continue
			}
			for _, t := range s.types {
				if e.Doc.Meta.Type == t && urls.Of(e) != urls.Home { // the home page's introduction is Home
					sec.Items = append(sec.Items, navItem{Title: e.Title, ID: e.ID, Path: urls.Of(e), entity: e})
				}
			}
		}
		sortNav(sec.Items, r.g)
		if len(sec.Items) > 0 {
			sec.Index = sectionIndex(sec.Title)
			v.docCount += len(sec.Items)
			v.Nav = append(v.Nav, sec)
		}
	}
	reg := navSection{Title: "Registers", Items: []navItem{
		{Title: "Readiness", Path: urls.Readiness},
		{Title: "Document register", Path: urls.Documents},
	}}
	for i, rg := range model.Registers() {
		if r.hasPage(rg.Page) {
			reg.Items = append(reg.Items, navItem{Title: rg.Section, Path: rg.Page})
		}
		if i == 0 {
			// The controls follow the Statement of Applicability, which decides them.
			reg.Items = append(reg.Items, navItem{Title: "Controls", Path: urls.Controls})
		}
	}
	reg.Items = append(reg.Items, navItem{Title: "Tags", Path: urls.Tags})
	v.Nav = append(v.Nav, reg)
	v.navIndex = map[string]navPos{}
	for si, sec := range v.Nav {
		for ii, it := range sec.Items {
			if _, dup := v.navIndex[it.Path]; !dup {
				v.navIndex[it.Path] = navPos{si, ii}
			}
		}
	}
	v.sidebar = newSidebarCache(r.theme, v)
	return v
}

// sortNav orders a section by weight, then title.
func sortNav(items []navItem, g *resolve.Graph) {
	weight := func(it navItem) int {
		if e, ok := g.Lookup(it.ID); ok && e.Doc != nil {
			return e.Doc.Meta.Weight
		}
		return 0
	}
	sort.SliceStable(items, func(i, j int) bool {
		if wi, wj := weight(items[i]), weight(items[j]); wi != wj {
			return wi < wj
		}
		return items[i].Title < items[j].Title
	})
}

// hasPage reports whether a register page is generated: its data file exists and the
// site publishes the register.
func (r *renderer) hasPage(p string) bool {
	for _, reg := range model.Registers() {
		if reg.Page == p {
			_, shown := r.pub.register(reg.Artefact)
			return shown
		}
	}
	return true
}

// hasRegister reports whether the site has the register called name and publishes it.
func (r *renderer) hasRegister(name string) bool {
	reg := model.RegisterNamed(name)
	return reg != nil && r.hasPage(reg.Page)
}

func (p *Page) describe() string {
	if p.source != "" {
		return p.source
	}
	return fmt.Sprintf("the %s page", p.Layout)
}
