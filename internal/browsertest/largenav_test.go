package browsertest

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// On a site too large to list every document on every page (200 documents), a page's
// sidebar lists a window of its own section around it, with a link to the section's
// page, and only the title and count of the other sections; their button lists a whole
// section in place from nav-index.js. The Registers are closed on a document's page and
// open on a register's.
func testLargeSiteSidebar(t *testing.T, e *env) {
	dir := t.TempDir()
	if err := synth.GenerateOptions(dir, synth.Scale(200)); err != nil {
		t.Fatal(err)
	}
	s, err := renderSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Name = "synthetic 200-document"
	s = writeSite(t, s)
	large := &env{site: s, origin: serve(t, s.Dir).URL, browser: e.browser}
	ctx, m := large.tab(t)
	page := "policies/pol-0003.html"
	do(t, ctx, chromedp.Navigate(large.url(page)))

	own := `#site_nav section[data-nav="policies"]`
	items := eval[int](t, ctx, `document.querySelectorAll('`+own+` li').length`)
	total := eval[string](t, ctx, `document.querySelector('`+own+`').dataset.count`)
	if n, _ := strconv.Atoi(total); items < 2 || items > 10 || n <= items {
		t.Errorf("the page's own section lists %d of %s documents, want a window of 2 to 10", items, total)
	}
	if cur := hrefs(t, ctx, own+` a[aria-current="page"]`); len(cur) != 1 || cur[0] != large.url(page) {
		t.Errorf("the window marks %v as the current page, want %s", cur, large.url(page))
	}
	if more := hrefs(t, ctx, own+` .nav-more a`); len(more) != 1 || more[0] != large.url("sections/policies.html") {
		t.Errorf("the window links %v for the rest of the section, want its section page", more)
	}
	for _, h := range hrefs(t, ctx, "#site_nav a") {
		if p := sitePath(t, large.origin, h); s.Files[p] == nil {
			t.Errorf("sidebar link %s points at no page", h)
		}
	}

	// A closed section: its title links its page, its count is in .nav-count; its button
	// lists it whole in place, from the compressed nav-index.js.
	other := `#site_nav section[data-nav="procedures"]`
	if n := eval[int](t, ctx, `document.querySelectorAll('`+other+` li').length`); n != 0 {
		t.Errorf("a closed section lists %d documents", n)
	}
	want := eval[string](t, ctx, `document.querySelector('`+other+` .nav-count').textContent`)
	do(t, ctx, chromedp.Click(chromedp.CSS(other+` .nav-expand`)))
	waitFor(t, ctx, `document.querySelectorAll('`+other+` li').length === `+want)
	if left := eval[int](t, ctx, `document.querySelectorAll('`+other+` .nav-count, `+other+` .nav-expand').length`); left != 0 {
		t.Errorf("after listing the section, %d count or button elements are left", left)
	}
	first := hrefs(t, ctx, other+` li a`)
	if p := sitePath(t, large.origin, first[0]); s.Files[p] == nil {
		t.Errorf("the listed section links %s, which is no page", first[0])
	}

	// The Registers, closed on a document's page as a section is: their title links the
	// home page's list of them, their button lists them in place.
	reg := `#site_nav section[data-nav="registers"]`
	if n := eval[int](t, ctx, `document.querySelectorAll('`+reg+` li').length`); n != 0 {
		t.Errorf("a document's page lists %d registers, want them closed", n)
	}
	if title := hrefs(t, ctx, reg+` h2 a`); len(title) != 1 || title[0] != large.url("index.html#registers") {
		t.Errorf("the closed Registers link %v, want the home page's list of registers", title)
	}
	want = eval[string](t, ctx, `document.querySelector('`+reg+` .nav-count').textContent`)
	do(t, ctx, chromedp.Click(chromedp.CSS(reg+` .nav-expand`)))
	waitFor(t, ctx, `document.querySelectorAll('`+reg+` li').length === `+want)
	for _, h := range hrefs(t, ctx, reg+` li a`) {
		if p := sitePath(t, large.origin, h); s.Files[p] == nil {
			t.Errorf("the listed Registers link %s, which is no page", h)
		}
	}
	do(t, ctx, chromedp.Navigate(large.url("index.html")))
	if n := eval[int](t, ctx, `document.querySelectorAll('#registers + ul a').length`); n < 3 {
		t.Errorf("the home page's list of registers has %d links", n)
	}
	// A register's own page lists them all and marks itself.
	do(t, ctx, chromedp.Navigate(large.url("soa.html")))
	if cur := hrefs(t, ctx, reg+` a[aria-current="page"]`); len(cur) != 1 || cur[0] != large.url("soa.html") {
		t.Errorf("the Statement of Applicability's sidebar marks %v among the Registers", cur)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('`+reg+` .nav-count').length`); n != 0 {
		t.Errorf("a register's page shows the Registers closed")
	}
	clean(t, m)
}
