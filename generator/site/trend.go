package site

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Trends of the dashboard across releases (ismsgen build --versions): each chart's
// counts in every release, then in the current site, as a small SVG line chart drawn
// at build time under the chart. Package versions takes each release's figures
// (DashboardFigures) when it renders the release and hands them back in
// Versions.Trend; the render adds the current site's own.

// ChartFigures are the counts one dashboard chart's trend follows, in one version.
type ChartFigures struct {
	Chart  string        `json:"chart"` // the chart's ID, e.g. chart-soa
	Series []FigureValue `json:"series"`
}

// FigureValue is one count: "3 implemented".
type FigureValue struct {
	Label string `json:"label"`
	Class string `json:"class"` // the colour, as the chart's segments
	N     int    `json:"n"`
}

// ReleaseFigures are the dashboard figures of one release.
type ReleaseFigures struct {
	Release string         `json:"release"` // its tag
	Date    string         `json:"date"`    // YYYY-MM-DD
	Charts  []ChartFigures `json:"charts"`
}

// DashboardFigures returns the dashboard's figures of the site g as its render with
// these readiness findings shows them: only what the site publishes.
func DashboardFigures(g *resolve.Graph, findings []check.Finding) []ChartFigures {
	r := &renderer{g: g, opt: Options{Findings: findings}, pub: newPublisher(g)}
	return r.dashboardCharts(true).figures()
}

// actionClasses colours the treatment actions' statuses in their trend.
var actionClasses = map[string]string{"planned": "plan", "in-progress": "warn", "done": "ok", "cancelled": "muted"}

// figures are the counts of each chart: its segments summed over its bars; for the
// treatment actions, each status and the overdue ones.
func (d dashboard) figures() []ChartFigures {
	var out []ChartFigures
	for _, c := range d.Charts {
		f := ChartFigures{Chart: c.ID}
		if c.ID == "chart-actions" {
			overdue := 0
			for _, b := range c.Bars {
				f.Series = append(f.Series, FigureValue{Label: b.Label, Class: actionClasses[b.Label], N: b.Total()})
				overdue += b.Segs[1].N
			}
			f.Series = append(f.Series, FigureValue{Label: "overdue", Class: "bad", N: overdue})
		} else {
			for i, l := range c.Legend {
				n := 0
				for _, b := range c.Bars {
					n += b.Segs[i].N
				}
				f.Series = append(f.Series, FigureValue{Label: l.Label, Class: l.Class, N: n})
			}
		}
		out = append(out, f)
	}
	return out
}

// trend is one chart's counts across versions, oldest first.
type trend struct {
	ID, Title string
	Points    []string // the versions: release tags, then "current"
	Series    []trendSeries
}

// trendSeries is one count across the versions; Has is false where a version has no
// such chart (its register was not published then).
type trendSeries struct {
	Label, Class string
	Values       []int
	Has          []bool
}

// addTrends gives each chart its trend when the build has releases: the releases'
// figures, then the current site's. Series that are zero in every version are left out.
func (d *dashboard) addTrends(rels []ReleaseFigures) {
	if len(rels) == 0 {
		return
	}
	cur := d.figures()
	for i := range d.Charts {
		c := &d.Charts[i]
		t := &trend{ID: c.ID + "-trend", Title: c.Title}
		versions := make([][]FigureValue, 0, len(rels)+1)
		for _, rel := range rels {
			t.Points = append(t.Points, rel.Release)
			versions = append(versions, seriesOf(rel.Charts, c.ID))
		}
		t.Points = append(t.Points, currentVersion)
		versions = append(versions, cur[i].Series)
		index := map[string]int{}
		for _, vals := range slices.Backward(versions) {
			for _, fv := range vals {
				if _, ok := index[fv.Label]; !ok {
					index[fv.Label] = len(t.Series)
					t.Series = append(t.Series, trendSeries{Label: fv.Label, Class: fv.Class,
						Values: make([]int, len(versions)), Has: make([]bool, len(versions))})
				}
			}
		}
		for vi, vals := range versions {
			for _, fv := range vals {
				s := &t.Series[index[fv.Label]]
				s.Values[vi], s.Has[vi] = fv.N, true
			}
		}
		t.Series = slices.DeleteFunc(t.Series, func(s trendSeries) bool { return slices.Max(s.Values) == 0 })
		if len(t.Series) > 0 {
			c.Trend = t
		}
	}
}

// currentVersion names the working tree in a trend, as the version switcher does.
const currentVersion = "current"

func seriesOf(charts []ChartFigures, id string) []FigureValue {
	for _, c := range charts {
		if c.Chart == id {
			return c.Series
		}
	}
	return nil
}

// words says the trend in words: "isms-1.0: 3 implemented; current: 2 implemented, 1
// not applicable".
func (t *trend) words() string {
	var parts []string
	for vi, v := range t.Points {
		var vals []string
		for _, s := range t.Series {
			if s.Has[vi] {
				vals = append(vals, fmt.Sprintf("%d %s", s.Values[vi], s.Label))
			}
		}
		if len(vals) == 0 {
			vals = []string{"no figures"}
		}
		parts = append(parts, v+": "+strings.Join(vals, ", "))
	}
	return strings.Join(parts, "; ")
}

// trend geometry (SVG user units).
const (
	trW, trH       = 480, 120
	trLeft, trRght = 34, 40
	trTop, trBot   = 10, 28
)

// TrendSVG draws a chart's trend across releases: one line per count, a point per
// version with its number in its title.
func (p *Page) TrendSVG(t *trend) template.HTML {
	if t == nil {
		return ""
	}
	esc := template.HTMLEscapeString
	most := 1
	for _, s := range t.Series {
		most = max(most, slices.Max(s.Values))
	}
	n := len(t.Points)
	x := func(i int) int {
		if n == 1 {
			return trLeft + (trW-trLeft-trRght)/2
		}
		return trLeft + i*(trW-trLeft-trRght)/(n-1)
	}
	base := trH - trBot
	y := func(v int) int { return base - v*(base-trTop)/most }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart trend" id="%s" role="img" aria-labelledby="%s-title" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">`, esc(t.ID), esc(t.ID), trW, trH, trW, trH)
	fmt.Fprintf(&b, `<title id="%s-title">%s across releases: %s</title>`, esc(t.ID), esc(t.Title), esc(t.words()))
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, trLeft, base, trW-trRght, base)
	fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">%d</text><text class="tick" x="%d" y="%d" text-anchor="end">0</text>`, trLeft-6, trTop+4, most, trLeft-6, base+4)
	for i, v := range t.Points {
		if i == 0 || i == n-1 || n <= 6 {
			anchor := "middle"
			switch {
			case n > 1 && i == 0:
				anchor = "start"
			case n > 1 && i == n-1:
				anchor = "end"
			}
			fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="%s">%s</text>`, x(i), base+16, anchor, esc(v))
		}
	}
	for _, s := range t.Series {
		var pts []string
		for i, v := range s.Values {
			if s.Has[i] {
				pts = append(pts, fmt.Sprintf("%d,%d", x(i), y(v)))
			}
		}
		fmt.Fprintf(&b, `<g class="trend-series"><title>%s</title>`, esc(s.Label))
		fmt.Fprintf(&b, `<polyline class="line-%s" fill="none" points="%s"/>`, esc(s.Class), strings.Join(pts, " "))
		for i, v := range s.Values {
			if s.Has[i] {
				fmt.Fprintf(&b, `<circle class="seg-%s" cx="%d" cy="%d" r="3"><title>%s: %d %s</title></circle>`, esc(s.Class), x(i), y(v), esc(t.Points[i]), v, esc(s.Label))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
