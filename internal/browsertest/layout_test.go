package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// At 375 px the navigation is behind the menu button, opens with it, and no page
// scrolls sideways (wide tables scroll inside their own box).
func testNarrowScreen(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch))
	pol := firstDocument(t, e.site, "policy")
	for _, p := range []string{"index.html", pol, "soa.html", "risks/index.html"} {
		do(t, ctx, chromedp.Navigate(e.url(p)))
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 375 {
			t.Errorf("%s is %d px wide at a 375 px viewport", p, w)
		}
	}
	do(t, ctx, chromedp.Navigate(e.url(pol)))
	if eval[bool](t, ctx, `document.getElementById("site_nav").offsetParent !== null`) {
		t.Error("the navigation shows before the menu button is used")
	}
	do(t, ctx, chromedp.Tap(chromedp.CSS(".nav-toggle")))
	waitFor(t, ctx, `document.getElementById("site_nav").offsetParent !== null`)
	if v := eval[string](t, ctx, `document.querySelector(".nav-toggle").getAttribute("aria-expanded")`); v != "true" {
		t.Errorf("aria-expanded = %q after opening the menu", v)
	}
	if n := eval[int](t, ctx, `Array.from(document.querySelectorAll("#site_nav a")).filter(a => a.getBoundingClientRect().width > 0).length`); n == 0 {
		t.Error("the open navigation has no visible links")
	}
	// The search box is on screen and usable.
	res := typeQuery(t, ctx, "A.5.15")
	if len(res) == 0 {
		t.Error("no search results at 375 px")
	}
	if right := eval[float64](t, ctx, `document.getElementById("search_results").getBoundingClientRect().right`); right > 375.5 {
		t.Errorf("search results end at %.0f px, beyond the 375 px viewport", right)
	}
	clean(t, m)
}

// Printing shows the document alone: no header, navigation or breadcrumbs, the
// document-control block above the body, external link targets spelt out, table rows
// kept whole.
func testPrint(t *testing.T, e *env) {
	page := firstDocument(t, e.site, "policy")
	for _, p := range e.site.Pages() {
		if strings.Contains(string(e.site.Files[p]), `class="external"`) && strings.Contains(string(e.site.Files[p]), `class="doc-control"`) {
			page = p
			break
		}
	}
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url(page)))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".site-header", "#site_nav", ".breadcrumbs", ".skip-link"} {
		if d := eval[string](t, ctx, `(e => e ? getComputedStyle(e).display : "none")(document.querySelector(`+jsString(sel)+`))`); d != "none" {
			t.Errorf("print: %s is displayed (%s)", sel, d)
		}
	}
	above := eval[bool](t, ctx, `(() => {
		const dc = document.querySelector(".doc-control"), body = document.querySelector(".doc-body");
		return !!dc && !!body && dc.getBoundingClientRect().top < body.getBoundingClientRect().top && getComputedStyle(dc).display !== "none";
	})()`)
	if !above {
		t.Errorf("print: %s has no document-control block above the body", page)
	}
	if strings.Contains(string(e.site.Files[page]), `class="external"`) {
		after := eval[string](t, ctx, `getComputedStyle(document.querySelector("a.external"), "::after").content`)
		href := eval[string](t, ctx, `document.querySelector("a.external").getAttribute("href")`)
		if !strings.Contains(after, href) {
			t.Errorf("print: an external link shows %s after it, want its target %s", after, href)
		}
	}
	if v := eval[string](t, ctx, `(r => r ? getComputedStyle(r).breakInside : "avoid")(document.querySelector("tr"))`); v != "avoid" {
		t.Errorf("print: table rows have break-inside %q", v)
	}
	clean(t, m)
}

// Keyboard focus is visible, and the colours follow the system's dark preference.
func testFocusAndDarkMode(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url(firstDocument(t, e.site, "policy"))))
	do(t, ctx, chromedp.KeyEvent("\t"))
	focus := eval[map[string]string](t, ctx, `(() => { const a = document.activeElement, s = getComputedStyle(a);
		return {cls: a.className, style: s.outlineStyle, width: s.outlineWidth, left: String(a.getBoundingClientRect().left)}; })()`)
	if focus["cls"] != "skip-link" || focus["style"] == "none" || focus["width"] == "0px" || strings.HasPrefix(focus["left"], "-") {
		t.Errorf("the first Tab focuses %v: want the skip link, on screen, with an outline", focus)
	}
	do(t, ctx, chromedp.KeyEvent("\r"))
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "main_content" {
		t.Errorf("the skip link moved focus to %q, want main_content", id)
	}
	bg := func(scheme string) string {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		return eval[string](t, ctx, `getComputedStyle(document.documentElement).backgroundColor`)
	}
	if light, dark := bg("light"), bg("dark"); light != "rgb(255, 255, 255)" || dark != "rgb(13, 17, 23)" {
		t.Errorf("page background light %s, dark %s: want white and the dark scheme's #0d1117", light, dark)
	}
	clean(t, m)
}
