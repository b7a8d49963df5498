package browsertest

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// rowKeys returns the sort key (data-sort, else text) of the first cell of every
// visible row of the first register table.
func rowKeys(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `Array.from(document.querySelector("table[data-sortable] tbody").rows)
		.filter(r => !r.hidden && r.offsetParent !== null)
		.map(r => r.cells[0].dataset.sort || r.cells[0].textContent.trim())`)
}

// filterSelect sets the filter select labelled caption and fires its change event, as
// a reader choosing an option does.
func filterSelect(t *testing.T, ctx context.Context, caption, value string) {
	t.Helper()
	ok := eval[bool](t, ctx, `(() => {
		const label = Array.from(document.querySelectorAll(".filter-bar label")).find(l => l.textContent.trim() === `+jsString(caption)+`);
		if (!label) return false;
		const sel = document.getElementById(label.htmlFor);
		sel.value = `+jsString(value)+`;
		sel.dispatchEvent(new Event("change", {bubbles: true}));
		return sel.value === `+jsString(value)+`;
	})()`)
	if !ok {
		t.Fatalf("no filter %q with the option %q", caption, value)
	}
}

// The SoA filters by applicability and by text, and sorts by any column, in place.
func testSoASortFilter(t *testing.T, e *env) {
	g := e.site.Graph
	var all, excluded []string
	for _, c := range g.SoAControls() {
		all = append(all, c.ID)
		if row, ok := g.SoARow(c.ID); ok && !row.IsApplicable() {
			excluded = append(excluded, c.ID)
		}
	}
	if len(excluded) == 0 {
		t.Fatal("the site's SoA excludes no control: the filter cannot be tested")
	}
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url("soa.html")))
	waitFor(t, ctx, `document.querySelector(".filter-bar")`)
	if got := rowKeys(t, ctx); len(got) != len(all) {
		t.Fatalf("%d rows before filtering, want %d", len(got), len(all))
	}

	filterSelect(t, ctx, "Applicable", "No")
	if got := rowKeys(t, ctx); strings.Join(got, " ") != strings.Join(excluded, " ") {
		t.Errorf("Applicable = No shows %v, want the excluded controls %v", got, excluded)
	}
	status := eval[string](t, ctx, `document.querySelector(".filter-status").textContent`)
	if !strings.Contains(status, "of") {
		t.Errorf("the filter status says %q, want how many rows show", status)
	}
	filterSelect(t, ctx, "Applicable", "")

	do(t, ctx, chromedp.SendKeys(chromedp.CSS(".filter-bar input[type=search]"), "A.5.15"))
	if got := rowKeys(t, ctx); len(got) == 0 || got[0] != "A.5.15" || len(got) >= len(all) {
		t.Errorf("the text filter A.5.15 shows %v", got)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector(".filter-bar input[type=search]"); i.value = ""; i.dispatchEvent(new Event("input")); })()`))

	want := append([]string(nil), all...)
	sort.SliceStable(want, func(i, j int) bool { return resolve.NaturalLess(want[i], want[j]) })
	do(t, ctx, chromedp.Click(chromedp.CSS("table[data-sortable] thead th:first-child button.sort")))
	if got := rowKeys(t, ctx); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ascending by control: %v…", got[:min(5, len(got))])
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("table[data-sortable] thead th:first-child button.sort")))
	got := rowKeys(t, ctx)
	if len(got) != len(want) || got[0] != want[len(want)-1] {
		t.Errorf("descending by control starts with %v, want %s", got[:min(3, len(got))], want[len(want)-1])
	}
	if s := eval[string](t, ctx, `document.querySelector("table[data-sortable] thead th:first-child").getAttribute("aria-sort")`); s != "descending" {
		t.Errorf("aria-sort = %q after two clicks, want descending", s)
	}
	clean(t, m)
}

// With JavaScript off every register is a complete plain table and the narrow-screen
// menu still opens (it is a link to the navigation, shown by :target).
func testNoJavaScript(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(e.url("soa.html")))
	rows := eval[int](t, ctx, `document.querySelectorAll("table[data-sortable] tbody tr").length`)
	if want := len(e.site.Graph.SoAControls()); rows != want {
		t.Errorf("the SoA without JavaScript has %d rows, want %d", rows, want)
	}
	if eval[bool](t, ctx, `!!document.querySelector(".filter-bar")`) {
		t.Error("a filter bar exists without JavaScript")
	}
	do(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	do(t, ctx, chromedp.Navigate(e.url("index.html")))
	if eval[bool](t, ctx, `getComputedStyle(document.getElementById("site_nav")).display !== "none"`) {
		t.Error("the navigation is open before the menu link is used")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(".nav-toggle")))
	waitFor(t, ctx, `getComputedStyle(document.getElementById("site_nav")).display !== "none"`)
	clean(t, m)
}

// A level column sorts highest first on the first click.
func testLevelSortsHighestFirst(t *testing.T, e *env) {
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url("risks/index.html")))
	waitFor(t, ctx, `document.querySelector("table.risks th button.sort")`)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`Array.from(document.querySelectorAll("table.risks th")).find(th => th.textContent.trim() === "Level").querySelector("button.sort").click()`))
	levels := eval[[]float64](t, ctx, `(() => { const t = document.querySelector("table.risks"), i = Array.from(t.tHead.rows[0].cells).findIndex(th => th.textContent.trim() === "Level");
		return Array.from(t.tBodies[0].rows).map(r => Number(r.cells[i].dataset.sort)); })()`)
	for i := 1; i < len(levels); i++ {
		if levels[i] > levels[i-1] {
			t.Fatalf("after one click on Level the levels run %v, want highest first", levels)
		}
	}
	clean(t, m)
}
