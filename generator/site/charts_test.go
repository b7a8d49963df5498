package site

import (
	"strings"
	"testing"
)

// TestChartLabelsFit: the label column widens to the longest label, up to its bound,
// and a label longer than that is shortened to fit, whole in the bar's title.
func TestChartLabelsFit(t *testing.T) {
	short, long := "People", strings.Repeat("Kestrel Data additional controls: technological ", 3)
	svg := string((&Page{}).ChartSVG(chart{ID: "c", Title: "T", Bars: []chartBar{
		{Label: short, Segs: []chartSeg{{Label: "implemented", N: 3, Class: "ok"}}},
		{Label: long, Segs: []chartSeg{{Label: "implemented", N: 1, Class: "ok"}}},
	}}))
	if !strings.Contains(svg, `>`+short+`</text>`) {
		t.Errorf("the short label is not drawn whole:\n%s", svg)
	}
	if strings.Contains(svg, `>`+long+`</text>`) || !strings.Contains(svg, "…</text>") {
		t.Errorf("the long label is not shortened:\n%s", svg)
	}
	if !strings.Contains(svg, "<title>"+long+": 1 implemented</title>") {
		t.Errorf("the long label's bar title does not say it whole:\n%s", svg)
	}
	if got := fitLabel(long, chLabelMax); labelWidth(got) > chLabelMax {
		t.Errorf("the shortened label %q needs %d units, more than %d", got, labelWidth(got), chLabelMax)
	}
	if got := fitLabel(short, chLabelW); got != short {
		t.Errorf("a label that fits was changed to %q", got)
	}
}
