package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/urls"
)

// The page frame (layouts/baseof.html) and the document layout (layouts/document.html)
// have Go twins too, used where the site's theme leaves them as the default theme's:
// a document's page is then written without html/template (its partials have twins
// too). Any other layout's "main" and "head" blocks, and a partial without a twin, are
// executed as templates from the frame. gopartials_test.go compares both ways on every
// page of several sites.

// goMains are the Go twins of layouts' "main" blocks.
var goMains = map[string]func(f *frameRun) error{
	"document":  documentMain,
	"risk":      riskMain,
	"action":    actionMain,
	"risks":     risksMain,
	"treatment": treatmentMain,
}

// frameRun is one page being written by the Go frame.
type frameRun struct {
	w     htmlWriter
	t     *template.Template // the layout's template set
	p     *Page
	theme *theme
}

// partial writes a partial: its Go twin, or its template.
func (f *frameRun) partial(name string) error {
	if g := f.theme.goParts[name]; g != nil {
		return g(f.w, f.p)
	}
	return f.t.ExecuteTemplate(f.w.b, name, f.p)
}

// block writes a block of the layout ("head", "main"): its Go twin, or its template.
func (f *frameRun) block(name string) error {
	if name == "main" {
		if g := f.theme.goMains[f.p.Layout]; g != nil {
			return g(f)
		}
	}
	if name == "head" && f.theme.goMains[f.p.Layout] != nil {
		return nil // the default layouts with twins define no head block
	}
	return f.t.ExecuteTemplate(f.w.b, name, f.p)
}

// executePage writes page p with its layout's template set t.
func (t *theme) executePage(b *bytes.Buffer, set *template.Template, p *Page) error {
	if !t.goFrame || p.Site == nil || p.G == nil {
		return set.ExecuteTemplate(b, "baseof.html", p)
	}
	f := &frameRun{w: htmlWriter{b}, t: set, p: p, theme: t}
	return f.frame()
}

// frame is layouts/baseof.html.
func (f *frameRun) frame() error {
	w, p, cfg := f.w, f.p, f.p.Site.Config
	w.raw("<!DOCTYPE html>\n" + `<html lang="`)
	w.text(cfg.Language)
	w.raw(`">` + "\n<head>\n" + `<meta charset="utf-8">` + "\n" + `<meta name="viewport" content="width=device-width, initial-scale=1">`)
	if err := f.block("head"); err != nil {
		return err
	}
	w.raw("\n<title>")
	w.text(p.Title)
	w.raw(" · ")
	w.text(cfg.Organisation)
	w.raw("</title>\n" + `<meta name="generator" content="ismsgen `)
	w.text(p.Site.Version)
	w.raw(`">` + "\n" + `<link rel="icon" href="`)
	w.url(p.Rel("favicon.svg"))
	w.raw(`" type="image/svg+xml">` + "\n" + `<link rel="stylesheet" href="`)
	w.url(p.Rel("css/style.css"))
	w.raw(`">` + "\n" + `<script defer src="`)
	w.url(p.Rel("js/site.js"))
	w.raw(`"></script>`)
	w.html(p.DiagramScripts())
	w.raw("\n")
	w.html(p.Site.Head)
	w.raw("\n</head>\n" + `<body data-root="`)
	w.text(p.Root())
	w.raw(`" class="layout-`)
	w.text(p.Layout)
	w.raw(`">` + "\n" + `<a class="skip-link" href="#main_content">Skip to content</a>` + "\n" + `<div class="print-mark" aria-hidden="true">`)
	w.text(cfg.Organisation)
	if i := p.Info; i != nil {
		w.raw(" · ")
		w.text(i.ID)
		if i.Version != "" {
			w.raw(" v")
			w.text(i.Version)
		}
	}
	w.raw(" · ")
	w.text(p.Title)
	w.raw(" · ")
	w.text(strings.ToUpper(fmt.Sprint(p.Classification())))
	w.raw("</div>\n")
	if err := f.partial("partials/header.html"); err != nil {
		return err
	}
	w.raw("\n" + `<div class="layout">` + "\n")
	sidebar, err := p.Sidebar()
	if err != nil {
		return err
	}
	w.html(sidebar)
	w.raw("\n" + `<main id="main_content" tabindex="-1">`)
	for _, name := range []string{"partials/breadcrumbs.html", "partials/banners.html", "partials/versions.html"} {
		if err := f.partial(name); err != nil {
			return err
		}
	}
	if err := f.block("main"); err != nil {
		return err
	}
	w.raw("\n</main>\n</div>\n")
	if err := f.partial("partials/footer.html"); err != nil {
		return err
	}
	w.raw("\n</body>\n</html>\n")
	return nil
}

// documentMain is the "main" block of layouts/document.html.
func documentMain(f *frameRun) error {
	w, p := f.w, f.p
	if p.Info == nil || p.Entity == nil || p.Entity.Doc == nil {
		return f.t.ExecuteTemplate(w.b, "main", p) // for the template's own error
	}
	i, meta := p.Info, &p.Entity.Doc.Meta
	w.raw("\n" + `<article class="document">` + "\n" + `<header class="doc-header">` + "\n" + `<p class="doc-id">`)
	w.text(i.ID)
	if i.Type != "" {
		w.raw(" · ")
		w.text(i.Type)
	}
	w.raw("</p>\n<h1>")
	w.text(p.Title)
	w.raw("</h1>")
	if i.Summary != "" {
		w.raw(`<p class="lead">`)
		w.text(i.Summary)
		w.raw("</p>")
	}
	w.raw("\n</header>")
	if err := f.partial("partials/doccontrol.html"); err != nil {
		return err
	}
	if len(p.TOC) > 2 {
		w.raw("\n" + `<nav class="toc" aria-label="On this page"><h2>On this page</h2><ul>`)
		for _, e := range p.TOC {
			w.raw("<li")
			if e.Level != 2 {
				w.raw(` class="toc-l` + strconv.Itoa(e.Level) + `"`)
			}
			w.raw(`><a href="#`)
			w.urlPart(e.ID)
			w.raw(`">`)
			w.text(e.Text)
			w.raw("</a>")
		}
		w.raw("\n</ul></nav>")
	}
	w.raw("\n" + `<div class="doc-body">` + "\n")
	w.html(p.Body)
	w.raw("\n</div>")
	if refs := p.Refs(meta.Controls); len(refs) > 0 {
		w.raw("\n" + `<section class="controls">` + "\n" + `<h2 id="controls_implemented">Controls implemented</h2>` + "\n<ul>")
		for _, e := range refs {
			w.raw("<li>")
			w.html(p.LinkTitled(e))
		}
		w.raw("</ul>\n</section>")
	}
	if err := f.partial("partials/history.html"); err != nil {
		return err
	}
	if err := f.partial("partials/backlinks.html"); err != nil {
		return err
	}
	if len(meta.Tags) > 0 {
		w.raw(`<p class="tags">Tags: `)
		for n, tag := range meta.Tags {
			if n > 0 {
				w.raw(", ")
			}
			w.raw(`<a href="`)
			w.url(p.Rel("tags/" + urls.Slug(strings.ToLower(tag)) + ".html"))
			w.raw(`">`)
			w.text(tag)
			w.raw("</a>")
		}
		w.raw("</p>")
	}
	if p.Prev != nil || p.Next != nil {
		w.raw("\n" + `<nav class="pager" aria-label="Previous and next">`)
		if p.Prev != nil {
			w.raw(`<a rel="prev" href="`)
			w.url(p.Rel(p.Prev.Path))
			w.raw(`">← `)
			w.text(p.Prev.Title)
			w.raw("</a>")
		}
		if p.Next != nil {
			w.raw(`<a rel="next" href="`)
			w.url(p.Rel(p.Next.Path))
			w.raw(`">`)
			w.text(p.Next.Title)
			w.raw(" →</a>")
		}
		w.raw("\n</nav>")
	}
	w.raw("\n</article>\n")
	return nil
}
