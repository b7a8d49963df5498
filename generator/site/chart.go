package site

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// Chart geometry of an objective's results, in SVG user units.
const (
	chartW, chartH           = 480.0, 200.0
	chartLeft, chartRight    = 56.0, 36.0
	chartTop, chartBottom    = 16.0, 36.0
	chartPointR, chartTextPx = 4.0, 11
)

// ObjectiveChart draws an objective's results over time as an inline SVG line chart,
// its target as a dashed line, each point green when it meets the target and red when
// not; "" for rows that are not objectives or have no results. Its title and a table
// fallback name every value, so the chart is readable without seeing it.
func (p *Page) ObjectiveChart() template.HTML {
	if p.Entity == nil {
		return ""
	}
	o, ok := p.Entity.Row.(*model.Objective)
	if !ok {
		return ""
	}
	var rs []*model.Result
	for _, r := range o.Results {
		if r != nil && !r.Date.IsZero() {
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		return ""
	}
	slices.SortStableFunc(rs, func(a, b *model.Result) int { return a.Date.Time().Compare(b.Date.Time()) })
	unit := o.Target.Unit
	lo, hi := rs[0].Value, rs[0].Value
	for _, r := range rs {
		lo, hi = math.Min(lo, r.Value), math.Max(hi, r.Value)
	}
	if t := o.Target.Value; t != nil {
		lo, hi = math.Min(lo, *t), math.Max(hi, *t)
	}
	if lo > 0 && lo < hi/2 || lo == hi {
		lo = math.Min(0, lo)
	}
	if hi == lo {
		hi = lo + 1
	}
	pad := (hi - lo) * 0.1
	hi += pad
	if lo != 0 {
		lo -= pad
	}
	t0, t1 := rs[0].Date.Time(), rs[len(rs)-1].Date.Time()
	span := t1.Sub(t0).Hours()
	x := func(r *model.Result) float64 {
		if span == 0 {
			return chartLeft + (chartW-chartLeft-chartRight)/2
		}
		return chartLeft + (chartW-chartLeft-chartRight)*r.Date.Time().Sub(t0).Hours()/span
	}
	y := func(v float64) float64 { return chartTop + (chartH-chartTop-chartBottom)*(hi-v)/(hi-lo) }

	var title []string
	for _, r := range rs {
		title = append(title, model.FormatValue(r.Value, unit)+" on "+r.Date.String())
	}
	desc := o.ID + ": " + strings.Join(title, ", ")
	if o.Target.Value != nil {
		desc += "; target " + o.Target.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart objective-chart"><svg viewBox="0 0 %g %g" role="img" aria-labelledby="chart-%s-title">`, chartW, chartH, template.HTMLEscapeString(o.ID))
	fmt.Fprintf(&b, `<title id="chart-%s-title">%s</title>`, template.HTMLEscapeString(o.ID), template.HTMLEscapeString(desc))
	base := chartH - chartBottom
	fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, chartLeft, base, chartW-chartRight, base)
	fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, chartLeft, chartTop, chartLeft, base)
	for _, v := range []float64{lo, (lo + hi) / 2, hi} {
		fmt.Fprintf(&b, `<text class="tick" x="%g" y="%.1f" text-anchor="end" font-size="%d">%s</text>`, chartLeft-6, y(v)+4, chartTextPx, template.HTMLEscapeString(model.FormatValue(round(v), unit)))
	}
	if t := o.Target.Value; t != nil {
		fmt.Fprintf(&b, `<line class="target" x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke-dasharray="6 4"><title>target %s</title></line>`, chartLeft, y(*t), chartW-chartRight, y(*t), template.HTMLEscapeString(o.Target.String()))
		fmt.Fprintf(&b, `<text class="target-label" x="%g" y="%.1f" text-anchor="end" font-size="%d">target %s</text>`, chartW-chartRight, y(*t)-5, chartTextPx, template.HTMLEscapeString(o.Target.String()))
	}
	var pts []string
	for _, r := range rs {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(r), y(r.Value)))
	}
	fmt.Fprintf(&b, `<polyline class="series" fill="none" points="%s"/>`, strings.Join(pts, " "))
	for i, r := range rs {
		cls := "point"
		if o.Target.Value != nil {
			if o.Target.Met(r.Value) {
				cls += " met"
			} else {
				cls += " missed"
			}
		}
		fmt.Fprintf(&b, `<circle class="%s" cx="%.1f" cy="%.1f" r="%g"><title>%s</title></circle>`, cls, x(r), y(r.Value), chartPointR, template.HTMLEscapeString(title[i]))
		if i == 0 || i == len(rs)-1 || len(rs) <= 6 {
			fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%g" text-anchor="middle" font-size="%d">%s</text>`, x(r), base+16, chartTextPx, r.Date.String())
		}
	}
	b.WriteString(`</svg><figcaption>`)
	b.WriteString(template.HTMLEscapeString(desc))
	b.WriteString(`</figcaption></figure>`)
	return template.HTML(b.String())
}

// round keeps two decimals for axis labels.
func round(v float64) float64 { return math.Round(v*100) / 100 }
