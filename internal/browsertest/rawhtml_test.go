package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// Documents written for GitHub (badges, raw HTML of every kind, comments, a 12-column
// table, a 200-character address) on a site of their own: the whole site passes the
// crawl (no console error, no request off the site, no link inside a link…), the raw
// HTML shows only what the allowlist keeps, and at 375 px no page scrolls sideways
// while a wide table scrolls in its box.
func testGitHubStyle(t *testing.T, e *env) {
	s, err := renderSite(fixture.Write(t, fixture.GitHubStyle()))
	if err != nil {
		t.Fatalf("the GitHub-style fixture does not build: %v", err)
	}
	s.Name = "GitHub-style fixture"
	s = writeSite(t, s)
	gh := &env{site: s, origin: serve(t, s.Dir).URL, browser: e.browser}
	t.Run("Crawl", func(t *testing.T) { testCrawl(t, gh) })

	ctx, m := gh.tab(t)
	do(t, ctx, chromedp.Navigate(gh.url("github/index.html")))
	waitFor(t, ctx, `(i => i && i.complete && i.naturalWidth > 0)(document.querySelector(".doc-body img"))`)
	facts := eval[map[string]any](t, ctx, `(() => { const b = document.querySelector(".doc-body"); return {
		nested: document.querySelectorAll("a a").length,
		unsafe: b.querySelectorAll("script, iframe, object, embed, form, [style], [onclick], a[href^='javascript']").length,
		kbd: Array.from(b.querySelectorAll("kbd")).map(k => k.textContent).join("+"),
		details: !!b.querySelector("details > summary"),
		centred: b.querySelector("p[align=center]") ? getComputedStyle(b.querySelector("p[align=center]")).textAlign : "",
		logo: (i => i ? i.complete && i.naturalWidth > 0 && i.width === 100 : false)(b.querySelector("img")),
		badge: (a => a ? a.textContent.trim() : "")(b.querySelector("p[align=center] a")),
		text: b.innerText,
	}; })()`)
	if facts["nested"] != 0.0 || facts["unsafe"] != 0.0 {
		t.Errorf("the readme has %v nested links and %v unsafe elements", facts["nested"], facts["unsafe"])
	}
	if facts["kbd"] != "Ctrl+C" || facts["details"] != true || !strings.HasSuffix(fmt.Sprint(facts["centred"]), "center") || facts["logo"] != true || facts["badge"] != "ISMS approved" {
		t.Errorf("the readme's allowed HTML shows as %v", facts)
	}
	text, _ := facts["text"].(string)
	for _, leak := range []string{fixture.Secret, "alert(1)", "<", "image:"} {
		if strings.Contains(text, leak) {
			t.Errorf("the readme shows %q:\n%s", leak, text)
		}
	}
	clean(t, m)

	ctx, m = gh.tab(t)
	do(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch))
	do(t, ctx, chromedp.Navigate(gh.url("github/wide.html")))
	// On a phone a page wider than the screen widens the layout viewport too, so the
	// width is compared with the screen's.
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 375 {
		t.Errorf("the wide page is %d px wide at a 375 px viewport", w)
	}
	boxes := eval[[]map[string]any](t, ctx, `Array.from(document.querySelectorAll(".doc-body table")).map(t => {
		const w = t.parentElement, s = getComputedStyle(w);
		return {wrapped: w.classList.contains("table-wrap"), overflow: s.overflowX, scrolls: w.scrollWidth > w.clientWidth,
			shadow: s.backgroundImage.includes("gradient"), focusable: w.tabIndex === 0};
	})`)
	if len(boxes) != 2 {
		t.Fatalf("the wide page has %d tables, want the Markdown and the HTML one", len(boxes))
	}
	for i, b := range boxes {
		if b["wrapped"] != true || b["overflow"] != "auto" || b["scrolls"] != true || b["shadow"] != true || b["focusable"] != true {
			t.Errorf("table %d: its box %v: want a focusable .table-wrap that scrolls, with its shadows", i+1, b)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	whole := eval[[]bool](t, ctx, `Array.from(document.querySelectorAll(".doc-body .table-wrap")).map(w =>
		getComputedStyle(w).overflowX === "visible" && w.scrollWidth <= w.clientWidth + 1)`)
	for i, ok := range whole {
		if !ok {
			t.Errorf("print: table %d does not fit its box", i+1)
		}
	}
	clean(t, m)
}
