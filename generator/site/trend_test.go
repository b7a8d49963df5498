package site

import (
	"strings"
	"testing"
)

// A chart's trend takes each release's counts by label, marks a release without the
// chart as having no figures, leaves out counts that are zero throughout, and draws a
// point per version and count.
func TestAddTrends(t *testing.T) {
	legend := []chartSeg{{Label: "errors", Class: "bad"}, {Label: "warnings", Class: "warn"}, {Label: "notes", Class: "muted"}}
	seg := func(n ...int) []chartSeg {
		s := append([]chartSeg(nil), legend...)
		for i := range n {
			s[i].N = n[i]
		}
		return s
	}
	d := dashboard{Charts: []chart{{ID: "chart-findings", Title: "Findings", Legend: legend,
		Bars: []chartBar{{Label: "rule-a", Segs: seg(1, 2)}, {Label: "rule-b", Segs: seg(0, 3)}}}}}
	d.addTrends([]ReleaseFigures{
		{Release: "isms-1", Charts: nil}, // the chart did not exist then
		{Release: "isms-2", Charts: []ChartFigures{{Chart: "chart-findings", Series: []FigureValue{{"errors", "bad", 4}, {"warnings", "warn", 0}, {"notes", "muted", 0}}}}},
	})
	tr := d.Charts[0].Trend
	if tr == nil {
		t.Fatal("no trend")
	}
	if got, want := tr.words(), "isms-1: no figures; isms-2: 4 errors, 0 warnings; current: 1 errors, 5 warnings"; got != want {
		t.Errorf("trend %q, want %q", got, want)
	}
	svg := string((&Page{}).TrendSVG(tr))
	if n := strings.Count(svg, "<circle "); n != 4 {
		t.Errorf("%d points drawn, want 4 (two counts in two versions that have the chart):\n%s", n, svg)
	}
	if !strings.Contains(svg, `<title id="chart-findings-trend-title">Findings across releases: isms-1: no figures;`) {
		t.Errorf("the trend's title does not say its numbers:\n%s", svg)
	}

	// Without releases there is no trend.
	d2 := dashboard{Charts: []chart{{ID: "chart-x", Legend: legend, Bars: []chartBar{{Label: "a", Segs: seg(1)}}}}}
	d2.addTrends(nil)
	if d2.Charts[0].Trend != nil {
		t.Error("a trend without releases")
	}
}
