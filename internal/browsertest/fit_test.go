package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// widths are the windows the fit test reads every register at: a phone, a laptop and a
// desktop monitor.
var widths = []struct {
	w, h int64
	opts []chromedp.EmulateViewportOption
}{
	{1920, 1080, nil},
	{1280, 800, nil},
	{375, 812, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}},
}

// registerPages returns every page with a register table, and two documents.
func registerPages(t *testing.T, e *env) []string {
	// One page of each kind (its directory, or the page itself at the top): the 349
	// requirement pages of NIS2 share one layout, and loading each at three widths would
	// test the same thing 349 times.
	var out []string
	seen := map[string]bool{}
	for _, p := range e.site.Pages() {
		kind, _, _ := strings.Cut(p, "/")
		if !seen[kind] && bytes.Contains(e.site.Files[p], []byte(`<table class="register`)) {
			seen[kind] = true
			out = append(out, p)
		}
	}
	if len(out) < 4 {
		t.Fatalf("only %d pages with a register table: %v", len(out), out)
	}
	return append(out, firstDocument(t, e.site, "policy"), firstDocument(t, e.site, "procedure"))
}

// fitJS reports what does not fit the window: the page wider than it, (at ≥1280 px) a
// register header outside it, and an ID, date or version number broken across lines.
const fitJS = `(w => {
	const problems = [];
	if (document.documentElement.scrollWidth > w) problems.push("the page is " + document.documentElement.scrollWidth + " px wide");
	if (w >= 1280) {
		for (const th of document.querySelectorAll("table.register th")) {
			const r = th.getBoundingClientRect();
			if (r.width === 0) continue; // a column the reader hid
			if (r.left < -0.5 || r.right > w + 0.5) problems.push("header " + JSON.stringify(th.textContent.trim()) + " spans " + Math.round(r.left) + "–" + Math.round(r.right) + " px");
		}
	}
	const atom = /^(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|A\.\d+\.\d+|\d{4}-\d{2}-\d{2}|v?\d+(?:\.\d+)+)$/;
	for (const el of document.querySelectorAll("main a, main td, main span, main time, main code, main dd, main th")) {
		const text = el.textContent.trim();
		if (!atom.test(text) || el.getClientRects().length === 0) continue;
		const range = document.createRange();
		range.selectNodeContents(el);
		const rects = Array.from(range.getClientRects()).filter(r => r.width > 0).sort((a, b) => a.top - b.top);
		let lines = 0, bottom = -Infinity;
		for (const r of rects) { if (r.top >= bottom - 2) { lines++; bottom = r.bottom; } else { bottom = Math.max(bottom, r.bottom); } }
		if (lines > 1) problems.push(JSON.stringify(text) + " spans " + lines + " lines");
	}
	return problems.slice(0, 12);
})`

// At 375, 1280 and 1920 px no register page (nor a document) scrolls sideways, at 1280
// px and wider every column header of every register is inside the window, and no ID,
// date or version number breaks across two lines.
func testRegistersFit(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	registersFit(t, ctx, e)
	testColumnChooser(t, ctx, e)
	clean(t, m)
}

// registersFit reads every register page of e's site (and two documents) at every width
// of widths and reports what does not fit.
func registersFit(t *testing.T, ctx context.Context, e *env) {
	for _, p := range registerPages(t, e) {
		do(t, ctx, chromedp.EmulateViewport(1280, 800))
		do(t, ctx, chromedp.Navigate(e.url(p)))
		for _, vp := range widths {
			do(t, ctx, chromedp.EmulateViewport(vp.w, vp.h, vp.opts...))
			waitFor(t, ctx, fmt.Sprintf(`matchMedia("(width: %dpx)").matches`, vp.w))
			for _, problem := range eval[[]string](t, ctx, fmt.Sprintf("%s(%d)", fitJS, vp.w)) {
				t.Errorf("%s at %d px: %s", p, vp.w, problem)
			}
			if vp.w == 375 && !eval[bool](t, ctx, cardsJS) {
				t.Errorf("%s at 375 px: a register's rows are not labelled cards", p)
			}
		}
	}
}

// cardsJS reports whether every sortable register shows its rows as blocks whose cells
// carry their column's label.
const cardsJS = `Array.from(document.querySelectorAll("table.register[data-sortable]")).every(t => {
	const r = t.tBodies[0].rows[0];
	return !r || (getComputedStyle(r).display === "block" && r.cells[1].dataset.label === t.tHead.rows[0].cells[1].textContent.trim().replace(/ ?↕$/, ""));
})`

// The SoA's column chooser hides a column and shows it again.
func testColumnChooser(t *testing.T, ctx context.Context, e *env) {
	do(t, ctx, chromedp.EmulateViewport(1280, 800))
	do(t, ctx, chromedp.Navigate(e.url("soa.html")))
	do(t, ctx, chromedp.Click(chromedp.CSS(".column-chooser summary")))
	width := `(() => { const th = Array.from(document.querySelectorAll("table.register th")).find(th => th.textContent.trim().startsWith("Justification")); return th.getBoundingClientRect().width + document.querySelector("table.register tbody tr").cells[th.cellIndex].getBoundingClientRect().width; })()`
	if eval[float64](t, ctx, width) == 0 {
		t.Fatal("the SoA's Justification column is hidden before the chooser is used")
	}
	box := `Array.from(document.querySelectorAll(".column-chooser label")).find(l => l.textContent.trim() === "Justification").querySelector("input")`
	do(t, ctx, chromedp.Evaluate[chromedp.Void](box+`.click()`))
	if w := eval[float64](t, ctx, width); w != 0 {
		t.Errorf("the Justification column is %.0f px wide after unticking it in the column chooser", w)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](box+`.click()`))
	if eval[float64](t, ctx, width) == 0 {
		t.Error("the Justification column stays hidden after ticking it again")
	}
}

// A long register's header row stays in view, unobscured, while the reader scrolls
// 1,500 px into the table at 1280 and 1920 px.
func testStickyHeaders(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	long := 0
	for _, p := range registerPages(t, e) {
		if !strings.HasPrefix(p, "soa") && !strings.HasPrefix(p, "risks/") && !strings.HasPrefix(p, "documents") && !strings.HasPrefix(p, "assets/") {
			continue
		}
		for _, w := range []int64{1280, 1920} {
			do(t, ctx, chromedp.EmulateViewport(w, 800))
			do(t, ctx, chromedp.Navigate(e.url(p)))
			tall := eval[bool](t, ctx, `(t => !!t && t.getBoundingClientRect().height > 1500 + innerHeight)(document.querySelector("table.register"))`)
			if !tall {
				continue
			}
			long++
			if msg := stuck(t, ctx); msg != "" {
				t.Errorf("%s at %d px, 1,500 px into the table: %s", p, w, msg)
			}
		}
	}
	if long == 0 && e.site.Name == "fixture" {
		t.Skip("the fixture has no register long enough to scroll 1,500 px into")
	}
	if long == 0 {
		t.Fatal("no register is long enough to test its header row")
	}
	clean(t, m)
}

// stuck scrolls 1,500 px past the top of the page's first register table and reports
// what is wrong with its header row ("" when it is in view and on top).
func stuck(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, `(() => {
		const table = document.querySelector("table.register");
		scrollTo(0, table.getBoundingClientRect().top + scrollY + 1500);
		const ths = Array.from(table.tHead.rows[0].cells).filter(th => th.getBoundingClientRect().width > 0);
		for (const th of ths) {
			const r = th.getBoundingClientRect();
			if (r.top < 0 || r.bottom > innerHeight) return "header " + JSON.stringify(th.textContent.trim()) + " is at " + Math.round(r.top) + " px";
			const hit = document.elementFromPoint(Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), r.top + r.height / 2);
			if (!hit || !th.contains(hit)) return "header " + JSON.stringify(th.textContent.trim()) + " is covered by " + (hit ? hit.outerHTML.slice(0, 80) : "nothing");
		}
		return "";
	})()`)
}
