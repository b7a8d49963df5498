package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
)

// A partial of the default theme that a page renders once or more (its header, document
// control, revision history…) costs html/template's interpreter far more than writing
// its HTML: at 1,000 documents the seven below were a quarter of rendering. Where the
// site's theme does not override one, it is written by its Go twin here; the template
// stays the specification, and a test renders every page of several sites both ways and
// compares the bytes (gopartials_test.go). A change to one of these templates needs the
// same change here.
var goPartials = map[string]func(w htmlWriter, p *Page) error{
	"partials/header.html":      headerPartial,
	"partials/footer.html":      footerPartial,
	"partials/breadcrumbs.html": breadcrumbsPartial,
	"partials/banners.html":     bannersPartial,
	"partials/doccontrol.html":  docControlPartial,
	"partials/history.html":     historyPartial,
	"partials/backlinks.html":   backlinksPartial,
}

// goPartial is the template function a partial the Go twin renders is defined as.
func goPartial(name string, p *Page) (template.HTML, error) {
	f, ok := goPartials[name]
	if !ok {
		return "", fmt.Errorf("no Go partial %s", name)
	}
	if p == nil || p.Site == nil || p.G == nil {
		return "", fmt.Errorf("%s: the page has no site", name)
	}
	var b bytes.Buffer
	if err := f(htmlWriter{&b}, p); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// useGoPartials redefines, in the theme's base set, each partial of goPartials that the
// site's theme leaves as the default theme's.
// It records which twins the theme uses: goParts, goMains and goRows (of the layouts
// it leaves too) and goFrame (baseof.html's).
func (t *theme) useGoPartials(base *template.Template) error {
	t.goParts = map[string]func(htmlWriter, *Page) error{}
	for name, f := range goPartials {
		if t.overrides("layouts/" + name) {
			continue
		}
		if _, err := base.New(name).Parse(`{{goPartial "` + name + `" .}}`); err != nil {
			return err
		}
		t.goParts[name] = f
	}
	t.goMains = map[string]func(*frameRun) error{}
	for name, f := range goMains {
		if !t.overrides("layouts/" + name + ".html") {
			t.goMains[name] = f
		}
	}
	t.goRows = map[string]func(htmlWriter, *docRowView){}
	for name, r := range goRows {
		if !t.overrides("layouts/" + r.layout + ".html") {
			t.goRows[name] = r.write
		}
	}
	t.goFrame = !t.overrides("layouts/baseof.html")
	return nil
}

// overrides reports whether the site's theme has its own file at a theme path.
func (t *theme) overrides(p string) bool {
	return slices.Contains(t.Used, "themes/"+t.name+"/"+p)
}

// upperFirst is the title template function: v's first byte in upper case.
func upperFirst(v any) string {
	s := fmt.Sprint(v)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func headerPartial(w htmlWriter, p *Page) error {
	cfg := p.Site.Config
	w.raw(`<header class="site-header">` + "\n" + `<a class="nav-toggle" href="#site_nav">Menu</a>` + "\n" + `<a class="brand" href="`)
	w.url(p.Rel("index.html"))
	w.raw(`"><span class="org">`)
	w.text(cfg.Organisation)
	w.raw(`</span> <span class="site-title">`)
	w.text(cfg.Title)
	w.raw(`</span></a>` + "\n" + `<a class="search-form search-link" href="`)
	w.url(p.Rel("search.html"))
	w.raw(`" data-search="popup">Search</a>` + "\n" + `<a class="header-link" href="`)
	w.url(p.Rel("downloads.html"))
	w.raw(`"`)
	if p.Active("downloads.html") {
		w.raw(` aria-current="page"`)
	}
	w.raw(`>Downloads</a>` + "\n" + `<span class="badge classification classification-`)
	w.text(p.Classification())
	w.raw(`" title="Classification">`)
	w.text(upperFirst(p.Classification()))
	w.raw(`</span>` + "\n" + `</header>`)
	return nil
}

func footerPartial(w htmlWriter, p *Page) error {
	cfg := p.Site.Config
	w.raw(`<footer class="site-footer">` + "\n<p>")
	w.text(cfg.Organisation)
	w.raw(" · ")
	w.text(cfg.Title)
	w.raw(" · classification: ")
	w.text(p.Classification())
	w.raw(" · built ")
	w.text(p.Site.Date)
	w.raw(" with ismsgen ")
	w.text(p.Site.Version)
	w.raw("</p>\n</footer>")
	return nil
}

func breadcrumbsPartial(w htmlWriter, p *Page) error {
	if len(p.Crumbs) > 0 {
		w.raw("\n" + `<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>`)
		for _, c := range p.Crumbs {
			w.raw("<li>")
			if c.Path != "" {
				w.raw(`<a href="`)
				w.url(p.Rel(c.Path))
				w.raw(`">`)
				w.text(c.Title)
				w.raw("</a>")
			} else {
				w.raw("<span>")
				w.text(c.Title)
				w.raw("</span>")
			}
		}
		w.raw("\n" + `<li><span aria-current="page">`)
		w.text(p.Title)
		w.raw("</span>\n</ol></nav>")
	}
	w.raw("\n")
	return nil
}

func bannersPartial(w htmlWriter, p *Page) error {
	if p.Draft() {
		w.raw(`<div class="banner banner-draft" role="note"><strong>Draft.</strong> This document is not approved and is published for review only.</div>`)
	}
	if p.InReview() {
		w.raw(`<div class="banner banner-draft" role="note"><strong>In review.</strong> This version is awaiting approval; the approved version stays in force until then.</div>`)
	}
	if p.Retired() {
		w.raw(`<div class="banner banner-retired" role="note"><strong>Retired.</strong> This document is superseded and no longer in force.</div>`)
	}
	if p.ReviewOverdue() {
		w.raw(`<div class="banner banner-overdue" role="note"><strong>Review overdue.</strong> The next review was due on `)
		w.html(dateHTML(p.Info.NextReview))
		w.raw(".</div>")
	}
	w.raw("\n")
	return nil
}

func docControlPartial(w htmlWriter, p *Page) error {
	if i := p.Info; i != nil {
		w.raw("\n" + `<section class="doc-control" aria-label="Document control">` + "\n<dl>\n<div><dt>ID<dd>")
		w.text(i.ID)
		w.raw("</div>\n<div><dt>Version<dd>")
		w.html(nowrapHTML(i.Version))
		w.raw("</div>\n" + `<div><dt>Status<dd><span class="badge status-`)
		w.text(i.Status)
		w.raw(`">`)
		w.text(i.Status)
		w.raw("</span></div>\n" + `<div><dt>Classification<dd><span class="badge classification-`)
		w.text(i.Classification)
		w.raw(`">`)
		w.text(i.Classification)
		w.raw("</span></div>\n<div><dt>Owner<dd>")
		w.html(p.Owner(i.Owner))
		w.raw("</div>")
		field(w, "Author", i.Author)
		w.raw("\n<div><dt>Approver<dd>")
		w.text(i.Approver)
		w.raw("</div>\n<div><dt>Approved<dd>")
		w.html(dateHTML(i.Approved))
		w.raw("</div>\n<div><dt>Next review<dd")
		overdue := p.ReviewOverdue()
		if overdue {
			w.raw(` class="overdue"`)
		}
		w.raw(">")
		w.html(dateHTML(i.NextReview))
		if overdue {
			w.raw(` <span class="badge badge-overdue">overdue</span>`)
		}
		w.raw("</div>")
		field(w, "Distribution", i.Distribution)
		if acks := p.Acknowledgements(); len(acks) > 0 {
			w.raw("<div><dt>Acknowledged<dd>")
			for n, c := range acks {
				if n > 0 {
					w.raw("; ")
				}
				w.raw(`<span class="ack`)
				if p.AckLow(c) {
					w.raw(" ack-low")
				}
				w.raw(`" title="` + strconv.Itoa(c.Outstanding()) + " of " + strconv.Itoa(c.Members) + ` outstanding">`)
				w.raw(strconv.Itoa(len(c.Acknowledged)) + " of " + strconv.Itoa(c.Members) + " ")
				w.text(c.Group.Name)
				w.raw(" (")
				w.text(fmt.Sprintf("%.0f", c.Percent()))
				w.raw("%) for version ")
				w.text(c.Major)
				w.raw(".x</span>")
			}
			w.raw("</div>")
		}
		if len(i.Clauses) > 0 {
			w.raw("<div><dt>ISO/IEC 27001 clauses<dd>")
			for n, c := range i.Clauses {
				if n > 0 {
					w.raw(", ")
				}
				w.text(c.Number)
			}
			w.raw("</div>")
		}
		w.raw("\n</dl>\n</section>")
	}
	if edit := p.EditURL(); edit != "" {
		w.raw("\n" + `<p class="edit-links"><a class="external" href="`)
		w.url(edit)
		w.raw(`" rel="noopener">Edit this page</a> · <a class="external" href="`)
		w.url(p.HistoryURL())
		w.raw(`" rel="noopener">History</a></p>`)
	}
	w.raw("\n")
	return nil
}

func historyPartial(w htmlWriter, p *Page) error {
	if i := p.Info; i != nil && len(i.History) > 0 {
		w.raw("\n" + `<section class="history">` + "\n" + `<h2 id="revision_history">Revision history</h2>` + "\n" +
			`<div class="table-wrap"><table class="history">` + "\n<thead><tr><th>Version<th>Date<th>Author<th>Change</thead>\n<tbody>")
		for _, r := range i.History {
			w.raw("\n<tr><td>")
			w.html(nowrapHTML(r.Version))
			w.raw("<td>")
			w.html(dateHTML(r.Date))
			w.raw("<td>")
			w.text(r.Author)
			w.raw("<td>")
			w.text(r.Change)
		}
		w.raw("\n</tbody>\n</table></div>\n</section>")
	}
	w.raw("\n")
	return nil
}

func backlinksPartial(w htmlWriter, p *Page) error {
	if groups := p.ReferencedByKind(p.Entity); len(groups) > 0 {
		w.raw("\n" + `<section class="backlinks">` + "\n" + `<h2 id="referenced_by">Referenced by</h2>` + "\n<dl>")
		for _, g := range groups {
			w.raw("<dt>")
			w.text(g.Kind)
			for _, e := range g.Entities {
				w.raw("<dd>")
				w.html(p.LinkTitled(e))
			}
		}
		w.raw("\n</dl>\n</section>")
	}
	w.raw("\n")
	return nil
}
