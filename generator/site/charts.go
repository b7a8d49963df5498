package site

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"
)

// Charts of the dashboard: horizontal stacked bars drawn as inline SVG at build time
// (no chart library, no script). Each chart's <title> and each bar's say its numbers in
// words, so a screen reader (and a test) reads what the bars show.

// chart is one bar chart.
type chart struct {
	ID, Title string
	Bars      []chartBar
	// Legend is the segments' labels and classes, in drawing order (the layout shows it
	// as HTML beside the drawing, where it wraps).
	Legend []chartSeg
	// Trend is the chart's counts across releases (trend.go); nil without releases.
	Trend *trend
}

// chartBar is one bar: its label, an optional link, and its segments.
type chartBar struct {
	Label, Href string
	Segs        []chartSeg
}

// chartSeg is one segment of a bar (or a legend entry: N unused).
type chartSeg struct {
	Label string
	N     int
	Class string // the segment's colour: ok, warn, bad, muted, accent
}

// Total is the sum of a bar's segments.
func (b chartBar) Total() int {
	n := 0
	for _, s := range b.Segs {
		n += s.N
	}
	return n
}

// words says a bar in words: "Organizational: 30 implemented, 2 partial".
func (b chartBar) words() string {
	var parts []string
	for _, s := range b.Segs {
		if s.N > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", s.N, s.Label))
		}
	}
	if len(parts) == 0 {
		parts = []string{"none"}
	}
	return b.Label + ": " + strings.Join(parts, ", ")
}

// chart geometry (SVG user units).
const (
	chLabelW = 170 // the label column, widened to the longest label up to chLabelMax
	// chLabelMax bounds the label column; a longer label is shortened with "…" (the
	// bar's title says it whole).
	chLabelMax = 330
	// chCharW is a generous width of one character of a label (12 px text: sans-serif
	// glyphs average about 6.5 units), so that an estimate never cuts a label off.
	chCharW = 7.2
	chBarW  = 320
	chRowH  = 26
	chBarH  = 16
	chTop   = 8
)

// ChartSVG draws a chart.
func (p *Page) ChartSVG(c chart) template.HTML {
	esc := template.HTMLEscapeString
	most := 1
	for _, b := range c.Bars {
		most = max(most, b.Total())
	}
	labelW := chLabelW
	for _, b := range c.Bars {
		labelW = max(labelW, min(labelWidth(b.Label), chLabelMax))
	}
	w := labelW + chBarW + 48
	h := chTop + len(c.Bars)*chRowH + 4
	var words []string
	for _, b := range c.Bars {
		words = append(words, b.words())
	}
	if len(words) == 0 {
		words = []string{"none"} // kept for its trend across releases
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" id="%s" role="img" aria-labelledby="%s-title" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">`, esc(c.ID), esc(c.ID), w, h, w, h)
	fmt.Fprintf(&s, `<title id="%s-title">%s: %s</title>`, esc(c.ID), esc(c.Title), esc(strings.Join(words, "; ")))
	for i, b := range c.Bars {
		y := chTop + i*chRowH
		s.WriteString(`<g class="chart-bar">`)
		fmt.Fprintf(&s, `<title>%s</title>`, esc(b.words()))
		label := fmt.Sprintf(`<text class="chart-label" x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+chBarH-3, esc(fitLabel(b.Label, labelW)))
		if b.Href != "" {
			label = `<a href="` + esc(p.Rel(b.Href)) + `">` + label + `</a>`
		}
		s.WriteString(label)
		x := labelW
		for _, seg := range b.Segs {
			if seg.N == 0 {
				continue
			}
			sw := seg.N * chBarW / most
			fmt.Fprintf(&s, `<rect class="seg seg-%s" x="%d" y="%d" width="%d" height="%d"/>`, esc(seg.Class), x, y, max(sw, 2), chBarH)
			x += sw
		}
		fmt.Fprintf(&s, `<text class="chart-total" x="%d" y="%d">%d</text>`, x+6, y+chBarH-3, b.Total())
		s.WriteString(`</g>`)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// labelWidth is the room a label needs in the label column: its estimated width and the
// gap before its bar.
func labelWidth(label string) int {
	return int(float64(utf8.RuneCountInString(label))*chCharW) + 16
}

// fitLabel shortens a label with "…" to fit a label column of width w.
func fitLabel(label string, w int) string {
	if labelWidth(label) <= w {
		return label
	}
	r := []rune(label)
	n := max(int(float64(w-16)/chCharW)-1, 1)
	return strings.TrimSpace(string(r[:min(n, len(r))])) + "…"
}
