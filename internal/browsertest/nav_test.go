package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// firstDocument returns the page path of the first published document of a type.
func firstDocument(t *testing.T, s *builtSite, typ string) string {
	t.Helper()
	for _, e := range s.Graph.Documents() {
		if e.Doc != nil && string(e.Doc.Meta.Type) == typ {
			return urls.Of(e)
		}
	}
	t.Fatalf("the site has no %s", typ)
	return ""
}

// hrefs returns the absolute URLs of the links matched by a CSS selector.
func hrefs(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	return eval[[]string](t, ctx, `Array.from(document.querySelectorAll(`+jsString(sel)+`)).map(a => a.href)`)
}

// The sidebar marks the current page and links every page of its sections; the
// breadcrumbs lead back up; previous/next stay within the section.
func testSidebarBreadcrumbs(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	pol := firstDocument(t, e.site, "policy")
	do(t, ctx, chromedp.Navigate(e.url(pol)))
	if cur := hrefs(t, ctx, `#site_nav a[aria-current="page"]`); len(cur) != 1 || cur[0] != e.url(pol) {
		t.Errorf("the sidebar marks %v as the current page, want %s", cur, e.url(pol))
	}
	for _, h := range hrefs(t, ctx, "#site_nav a, .breadcrumbs a, .pager a") {
		if p := sitePath(t, e.origin, h); e.site.Files[p] == nil {
			t.Errorf("navigation link %s points at no page", h)
		}
	}
	sections := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#site_nav h2")).map(h => h.textContent)`)
	for _, want := range []string{"Policies", "Procedures", "Registers"} {
		if !contains(sections, want) {
			t.Errorf("the sidebar has sections %v, want %s", sections, want)
		}
	}
	if next := hrefs(t, ctx, ".pager a[rel=next]"); len(next) == 1 {
		do(t, ctx, chromedp.Click(chromedp.CSS(".pager a[rel=next]")))
		waitLocation(t, ctx, func(l string) bool { return l == next[0] })
		if cur := hrefs(t, ctx, `#site_nav a[aria-current="page"]`); len(cur) != 1 || cur[0] != next[0] {
			t.Errorf("after next, the sidebar marks %v", cur)
		}
	}

	// A control two levels of navigation down: Home › Controls › A.5.15.
	do(t, ctx, chromedp.Navigate(e.url("controls/A.5.15.html")))
	crumbs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".breadcrumbs li")).map(li => li.textContent.trim())`)
	if len(crumbs) != 3 || crumbs[0] != "Home" || crumbs[1] != "Controls" || !strings.HasPrefix(crumbs[2], "A.5.15") {
		t.Errorf("breadcrumbs %q, want Home › Controls › A.5.15", crumbs)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`.breadcrumbs li:nth-child(2) a`)))
	waitLocation(t, ctx, func(l string) bool { return l == e.url(urls.Controls) })
	do(t, ctx, chromedp.Click(chromedp.CSS(`.breadcrumbs li:first-child a`)))
	waitLocation(t, ctx, func(l string) bool { return l == e.url(urls.Home) })

	// The "on this page" list of a long document links headings that exist.
	for _, d := range e.site.Graph.Documents() {
		if d.Kind != resolve.KindDocument || !strings.Contains(string(e.site.Files[urls.Of(d)]), `class="toc"`) {
			continue
		}
		do(t, ctx, chromedp.Navigate(e.url(urls.Of(d))))
		missing := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".toc a")).map(a => a.hash.slice(1)).filter(id => !document.getElementById(decodeURIComponent(id)))`)
		if len(missing) > 0 {
			t.Errorf("%s: table of contents links missing headings %v", urls.Of(d), missing)
		}
		// site.js gives each body heading its self-link, hidden from assistive technology.
		bad := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".doc-body h2[id]")).filter(h => { const a = h.querySelector("a.heading-anchor"); return !a || a.hash !== "#" + h.id || a.getAttribute("aria-hidden") !== "true" }).map(h => h.id)`)
		if len(bad) > 0 {
			t.Errorf("%s: headings without a self-link: %v", urls.Of(d), bad)
		}
		break
	}
	clean(t, m)
}

// A missing address at any depth gets the 404 page with its stylesheet and working
// links (it resolves them from the site root through <base href>).
func testNotFound(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	m.allow("/a/b/c/missing.html")
	do(t, ctx, chromedp.Navigate(e.url("a/b/c/missing.html")))
	if h1 := eval[string](t, ctx, `document.querySelector("h1").textContent`); h1 != "Page not found" {
		t.Fatalf("h1 %q, want the 404 page", h1)
	}
	if pos := eval[string](t, ctx, `getComputedStyle(document.querySelector(".site-header")).position`); pos != "sticky" {
		t.Errorf("the 404 page is unstyled (header position %q): its stylesheet did not load", pos)
	}
	for _, h := range hrefs(t, ctx, "main a, #site_nav a, .brand") {
		if p := sitePath(t, e.origin, h); e.site.Files[p] == nil {
			t.Errorf("404 page link %s points at no page", h)
		}
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`main a[href$="index.html"]`)))
	waitLocation(t, ctx, func(l string) bool { return l == e.url(urls.Home) })
	clean(t, m)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
