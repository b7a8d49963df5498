package browsertest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// The home page's dashboard draws its charts as SVG whose titles give the numbers of
// the graph: implemented controls by theme, residual risks above appetite, overdue
// actions (named below the chart); no chart cuts off a label, and every chart fits a
// 375 px screen.
func testDashboard(t *testing.T, e *env) {
	g := e.site.Graph
	implemented := map[string]int{}
	// The chart names the first framework's groups by their theme alone, the others'
	// with the framework's title: count the first framework's.
	first := g.Site.Catalogue[0].Catalogue
	for _, c := range g.OfKind(resolve.KindControl) {
		if c.Control.Catalogue != first {
			continue
		}
		if row, ok := g.SoARow(c.ID); ok && row.IsApplicable() && row.Status == model.Implemented {
			implemented[c.Control.Theme]++
		}
	}
	above, overdue := 0, []string{}
	for _, r := range g.OfKind(resolve.KindRisk) {
		if _, res := g.RiskLevels(r.Risk); !g.Site.Risks.Method.Acceptable(res) {
			above++
		}
	}
	for _, a := range g.OfKind(resolve.KindAction) {
		if g.Overdue(a.Action) {
			overdue = append(overdue, a.ID)
		}
	}
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url("index.html")))
	titles := eval[map[string]string](t, ctx, `Object.fromEntries(Array.from(document.querySelectorAll("svg.chart")).map(s => [s.id, s.querySelector("title").textContent]))`)
	for _, id := range []string{"chart-soa", "chart-risks", "chart-actions", "chart-reviews", "chart-findings"} {
		if titles[id] == "" {
			t.Errorf("the dashboard has no chart %s (charts: %v)", id, titles)
		}
	}
	for theme, n := range implemented {
		want := fmt.Sprintf("%s%s: %d implemented", strings.ToUpper(theme[:1]), theme[1:], n)
		if !strings.Contains(titles["chart-soa"], want) {
			t.Errorf("the SoA chart's title %q does not say %q", titles["chart-soa"], want)
		}
	}
	got := 0
	for _, m := range regexp.MustCompile(`(\d+) above appetite`).FindAllStringSubmatch(titles["chart-risks"], -1) {
		n, _ := strconv.Atoi(m[1])
		got += n
	}
	if got != above {
		t.Errorf("the risk chart counts %d risks above appetite (%q), the register %d", got, titles["chart-risks"], above)
	}
	if n := strings.Count(titles["chart-actions"], "overdue"); (n > 0) != (len(overdue) > 0) {
		t.Errorf("the actions chart %q and the %d overdue actions disagree", titles["chart-actions"], len(overdue))
	}
	named := eval[string](t, ctx, `(p => p ? p.textContent : "")(document.querySelector(".overdue-actions"))`)
	for _, id := range overdue {
		if !strings.Contains(named, id) {
			t.Errorf("overdue action %s is not named under the chart (%q)", id, named)
		}
	}
	// No label or figure is cut off: every text lies inside its chart's drawing.
	clipped := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("svg.chart")).flatMap(s => {
		const vb = s.viewBox.baseVal;
		return Array.from(s.querySelectorAll("text")).filter(x => {
			const b = x.getBBox();
			return b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5;
		}).map(x => s.id + ": " + x.textContent);
	})`)
	for _, c := range clipped {
		t.Errorf("a dashboard chart cuts off its text %q", c)
	}
	do(t, ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	waitFor(t, ctx, `matchMedia("(width: 375px)").matches`)
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 375 {
		t.Errorf("the home page with its dashboard is %d px wide at 375 px", w)
	}
	clean(t, m)
}
