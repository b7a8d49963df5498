package site

import (
	"fmt"
	"html/template"
	"strings"
)

// The risk register's heat maps: inline SVG drawn at build time, one cell per
// likelihood and impact pair, coloured by band, listing every risk in it as a link,
// with both axes in the scale's words and the acceptance threshold (the risk appetite)
// drawn as a line along the cells' edges.

// heatMap geometry, in SVG user units (px).
const (
	hmCellW  = 116 // a cell: room for three IDs a line
	hmCellH  = 58  // the least height of a row
	hmLeft   = 118 // the likelihood names and the axis label
	hmTop    = 28  // the title
	hmLine   = 15  // a line of risk IDs
	hmChar   = 7   // the width of a character of an ID, roughly (12 px type)
	hmBottom = 84  // the impact names, the axis label and the legend
)

// idStep returns the horizontal step between the IDs of a cell and how many fit a line.
func (h heatMap) idStep() (step, perLine int) {
	longest := 5
	for _, row := range h.Cells {
		for _, c := range row {
			for _, e := range c.Risks {
				longest = max(longest, len(e.ID))
			}
		}
	}
	step = longest*hmChar + 8
	return step, max(1, (hmCellW-8)/step)
}

// rowHeights returns each row's height: enough for the IDs of its fullest cell.
func (h heatMap) rowHeights() []int {
	out := make([]int, len(h.Cells))
	_, hmPerLine := h.idStep()
	for ri, row := range h.Cells {
		out[ri] = hmCellH
		for _, c := range row {
			lines := (len(c.Risks) + hmPerLine - 1) / hmPerLine
			out[ri] = max(out[ri], 24+lines*hmLine+4)
		}
	}
	return out
}

// HeatMapSVG draws a heat map as inline SVG.
func (p *Page) HeatMapSVG(h heatMap) template.HTML {
	m := &p.G.Site.Risks.Method
	cols, heights := len(m.Impact), h.rowHeights()
	step, perLine := h.idStep()
	gridH := 0
	for _, rh := range heights {
		gridH += rh
	}
	w, ht := hmLeft+cols*hmCellW+8, hmTop+gridH+hmBottom
	esc := template.HTMLEscapeString
	id := "hm-" + esc(urlsSlug(h.Title))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="heatmap" role="img" aria-labelledby="%s" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">`, id, w, ht, w, ht)
	fmt.Fprintf(&b, `<title id="%s">%s heat map: likelihood (rows, highest on top) by impact (columns, highest on the right); levels up to %d are within the acceptance threshold</title>`,
		id, esc(h.Title), m.Acceptance)
	fmt.Fprintf(&b, `<text class="hm-title" x="%d" y="18">%s</text>`, hmLeft, esc(h.Title))
	// tops[ri] is the top of row ri; the appetite line needs every cell's box.
	tops := make([]int, len(h.Cells)+1)
	tops[0] = hmTop
	for ri, rh := range heights {
		tops[ri+1] = tops[ri] + rh
	}
	for ri, row := range h.Cells {
		y, rh := tops[ri], heights[ri]
		if len(row) > 0 {
			fmt.Fprintf(&b, `<text class="hm-axis" x="%d" y="%d" text-anchor="end">%s</text>`, hmLeft-8, y+rh/2+4, esc(scaleName(m.Likelihood, row[0].Likelihood)))
		}
		for ci, c := range row {
			x := hmLeft + ci*hmCellW
			fmt.Fprintf(&b, `<g class="hm-cell band-%s"><rect x="%d" y="%d" width="%d" height="%d"><title>%s likelihood × %s impact = level %d (%s): %s</title></rect>`,
				esc(urlsSlug(strings.ToLower(c.Band))), x, y, hmCellW-2, rh-2,
				esc(scaleName(m.Likelihood, c.Likelihood)), esc(scaleName(m.Impact, c.Impact)), c.Level, esc(c.Band), esc(Plural(len(c.Risks), "risk", "risks")))
			fmt.Fprintf(&b, `<text class="hm-level" x="%d" y="%d" text-anchor="end">%d</text>`, x+hmCellW-8, y+14, c.Level)
			for k, e := range c.Risks {
				tx, ty := x+6+(k%perLine)*step, y+30+(k/perLine)*hmLine
				if u := p.URL(e); u != "" {
					fmt.Fprintf(&b, `<a href="%s"><text class="hm-risk" x="%d" y="%d">%s<title>%s</title></text></a>`, esc(u), tx, ty, esc(e.ID), esc(e.ID+" "+e.Title))
				} else {
					fmt.Fprintf(&b, `<text class="hm-risk" x="%d" y="%d">%s</text>`, tx, ty, esc(e.ID))
				}
			}
			b.WriteString(`</g>`)
		}
	}
	b.WriteString(appetitePath(p, h, tops))
	gridBottom := tops[len(h.Cells)]
	for ci, im := range m.Impact {
		fmt.Fprintf(&b, `<text class="hm-axis" x="%d" y="%d" text-anchor="middle">%s</text>`, hmLeft+ci*hmCellW+hmCellW/2, gridBottom+16, esc(im.Name))
	}
	fmt.Fprintf(&b, `<text class="hm-label" x="%d" y="%d" text-anchor="middle">Impact →</text>`, hmLeft+cols*hmCellW/2, gridBottom+34)
	fmt.Fprintf(&b, `<text class="hm-label" transform="translate(14 %d) rotate(-90)" text-anchor="middle">Likelihood →</text>`, hmTop+(gridBottom-hmTop)/2)
	// The legend: the appetite line.
	ly := gridBottom + 58
	fmt.Fprintf(&b, `<g class="hm-legend"><line class="hm-appetite" x1="%d" y1="%d" x2="%d" y2="%d"/><text x="%d" y="%d">Acceptance threshold: levels up to %d are acceptable (below and left of the line)</text></g>`,
		hmLeft, ly-4, hmLeft+28, ly-4, hmLeft+36, ly, m.Acceptance)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// appetitePath draws the acceptance threshold: the edges between a cell whose level
// is acceptable and its neighbour above or to the right that is not (rows run from the
// highest likelihood down, columns from the lowest impact right).
func appetitePath(p *Page, h heatMap, tops []int) string {
	m := &p.G.Site.Risks.Method
	var d strings.Builder
	for ri, row := range h.Cells {
		for ci, c := range row {
			if !m.Acceptable(c.Level) {
				continue
			}
			x := hmLeft + ci*hmCellW - 1
			if ci+1 < len(row) && !m.Acceptable(row[ci+1].Level) {
				fmt.Fprintf(&d, "M%d %dV%d", x+hmCellW, tops[ri]-1, tops[ri+1]-1)
			}
			if ri > 0 && !m.Acceptable(h.Cells[ri-1][ci].Level) {
				fmt.Fprintf(&d, "M%d %dH%d", x, tops[ri]-1, x+hmCellW)
			}
		}
	}
	if d.Len() == 0 {
		return ""
	}
	return `<path class="hm-appetite" d="` + d.String() + `"><title>acceptance threshold: level ` + fmt.Sprint(m.Acceptance) + `</title></path>`
}

// Down is how many levels treatment takes the risk down (negative: up).
func (r riskRow) Down() int { return r.Inherent - r.Residual }

// Up is how many levels the residual level is above the inherent one.
func (r riskRow) Up() int { return -r.Down() }

// ResidualLI returns the residual likelihood and impact (the inherent ones when the
// risk records no residual).
func (r riskRow) ResidualLI() (likelihood, impact int) {
	if r.Risk.Residual != nil {
		return r.Risk.Residual.Likelihood, r.Risk.Residual.Impact
	}
	return r.Risk.Likelihood, r.Risk.Impact
}

// ResidualLikelihood and ResidualImpact are ResidualLI for templates.
func (r riskRow) ResidualLikelihood() int { l, _ := r.ResidualLI(); return l }
func (r riskRow) ResidualImpact() int     { _, i := r.ResidualLI(); return i }
