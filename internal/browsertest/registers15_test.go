package browsertest

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// An objective's page draws its results as a chart a reader sees: one visible point per
// result, inside the chart, and a target line; a policy distributed to a group shows its
// acknowledgement coverage with the numbers of the records, at 375 px too.
func testObjectivesAndAcknowledgements(t *testing.T, e *env) {
	g := e.site.Graph
	var obj *model.Objective
	for _, x := range g.OfKind(resolve.Kind("objective")) {
		if o, ok := x.Row.(*model.Objective); ok && len(o.Results) >= 3 && o.Target.Value != nil {
			obj = o
			break
		}
	}
	if obj == nil {
		t.Fatal("the example has no objective with three results and a target")
	}
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.EmulateViewport(1280, 800))
	do(t, ctx, chromedp.Navigate(e.url("objectives/"+obj.ID+".html")))
	got := eval[map[string]float64](t, ctx, `(() => {
		const svg = document.querySelector("figure.objective-chart svg");
		if (!svg) return {};
		const box = svg.getBoundingClientRect();
		let inside = 0;
		for (const c of svg.querySelectorAll("circle.point")) {
			const r = c.getBoundingClientRect();
			if (r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1) inside++;
		}
		return {width: box.width, points: svg.querySelectorAll("circle.point").length, inside: inside,
			target: svg.querySelectorAll("line.target").length};
	})()`)
	if got["width"] < 200 {
		t.Errorf("objectives/%s.html: the chart is %v px wide", obj.ID, got["width"])
	}
	if int(got["points"]) != len(obj.Results) || got["inside"] != got["points"] {
		t.Errorf("objectives/%s.html: %v points, %v inside the chart, want %d", obj.ID, got["points"], got["inside"], len(obj.Results))
	}
	if got["target"] != 1 {
		t.Errorf("objectives/%s.html: %v target lines", obj.ID, got["target"])
	}

	e2, ok := g.Lookup("POL-AUP")
	if !ok {
		t.Fatal("the example has no POL-AUP")
	}
	cov := g.Acknowledgements(e2)
	if len(cov) == 0 {
		t.Fatal("POL-AUP's distribution names no group with acknowledgements")
	}
	want := fmt.Sprintf("%d of %d %s", len(cov[0].Acknowledged), cov[0].Members, cov[0].Group.Name)
	do(t, ctx, chromedp.EmulateViewport(375, 800))
	do(t, ctx, chromedp.Navigate(e.url(urls.Of(e2))))
	text := eval[string](t, ctx, `(() => { const s = document.querySelector(".doc-control .ack"); return s ? s.textContent : ""; })()`)
	if len(text) < len(want) || text[:len(want)] != want {
		t.Errorf("POL-AUP's page shows %q, want it to start %q", text, want)
	}
	if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > 375 {
		t.Errorf("POL-AUP's page is %v px wide at 375 px", w)
	}
	clean(t, m)
}
