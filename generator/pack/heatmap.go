package pack

import (
	"strconv"

	"github.com/ismsgen/ismsgen/generator/pack/layout"
)

// heatmaps draws the inherent and residual risk heat maps side by side with fpdf
// rectangles: likelihood rows (highest on top) by impact columns, each cell coloured by
// the band of its level and showing how many risks sit in it, with the acceptance
// threshold drawn along the cells' edges.
func (r *renderer) heatmaps() {
	m := &r.g.Site.Risks.Method
	ls, is := m.Likelihood, m.Impact
	if len(ls) == 0 || len(is) == 0 {
		r.doc.Para(layout.Plain("The risk method defines no likelihood and impact scales, so there is no heat map.", r.doc.Base()), "L")
		return
	}
	li := map[int]int{}
	for i, s := range ls {
		li[s.Value] = i
	}
	ii := map[int]int{}
	for i, s := range is {
		ii[s.Value] = i
	}
	grid := func() [][]int {
		g := make([][]int, len(ls))
		for i := range g {
			g[i] = make([]int, len(is))
		}
		return g
	}
	inherent, residual := grid(), grid()
	count := func(g [][]int, l, i int) {
		a, okL := li[l]
		b, okI := ii[i]
		if okL && okI {
			g[a][b]++
		}
	}
	for _, x := range r.g.Site.Risks.Risks {
		if x == nil {
			continue
		}
		count(inherent, x.Likelihood, x.Impact)
		if x.Residual != nil {
			count(residual, x.Residual.Likelihood, x.Residual.Impact)
		} else {
			count(residual, x.Likelihood, x.Impact)
		}
	}

	const labelW, gutter = 26.0, 12.0
	half := (r.doc.Width() - gutter) / 2
	cw := min(18, (half-labelW)/float64(len(is)))
	ch := max(min(11, cw*0.7), 5)
	small := layout.Style{Size: 6.5, Color: layout.ColMuted}
	titleSt := layout.Style{Bold: true, Size: layout.SizeBody, Color: layout.ColText}
	axisH := 3 * layout.LineHeight(small.Size)
	total := layout.LineHeight(titleSt.Size) + 2 + float64(len(ls))*ch + axisH + layout.LineHeight(small.Size) + 6
	r.doc.Ensure(total)
	y0 := r.doc.Y
	bottom := y0
	for k, g := range [][][]int{inherent, residual} {
		x0 := r.doc.Left() + float64(k)*(half+gutter)
		title := "Inherent risk (before treatment)"
		if k == 1 {
			title = "Residual risk (after treatment)"
		}
		r.doc.Text(x0, y0, half, title, titleSt, "L", 0, "")
		gy := y0 + layout.LineHeight(titleSt.Size) + 2
		for row := range ls {
			l := len(ls) - 1 - row
			y := gy + float64(row)*ch
			r.textBox(x0, y+ch/2, labelW-2, ls[l].Name+" ("+strconv.Itoa(ls[l].Value)+")", small, "R", true)
			for c := range is {
				x := x0 + labelW + float64(c)*cw
				level := m.Level(ls[l].Value, is[c].Value)
				r.doc.FillRect(x, y, cw, ch, bandColor(m, level))
				r.doc.Box(x, y, cw, ch, layout.ColWhite, 0.5)
				r.doc.Text(x+0.6, y+0.3, cw-1.2, strconv.Itoa(level), layout.Style{Size: 5.5, Color: layout.ColMuted}, "R", 0, "")
				if n := g[l][c]; n > 0 {
					st := layout.Style{Bold: true, Size: 11, Color: layout.ColText}
					r.doc.Text(x, y+(ch-layout.LineHeight(st.Size))/2, cw, strconv.Itoa(n), st, "C", 0, "")
				}
			}
		}
		// The acceptance threshold: the edges between an acceptable cell and the
		// unacceptable one above it or to its right.
		for row := range ls {
			l := len(ls) - 1 - row
			y := gy + float64(row)*ch
			for c := range is {
				if !m.Acceptable(m.Level(ls[l].Value, is[c].Value)) {
					continue
				}
				x := x0 + labelW + float64(c)*cw
				if c+1 < len(is) && !m.Acceptable(m.Level(ls[l].Value, is[c+1].Value)) {
					r.doc.VLine(x+cw, y, y+ch, layout.ColText, appetiteWidth)
				}
				if l+1 < len(ls) && !m.Acceptable(m.Level(ls[l+1].Value, is[c].Value)) {
					r.doc.HLine(x, x+cw, y, layout.ColText, appetiteWidth)
				}
			}
		}
		ay := gy + float64(len(ls))*ch + 0.8
		axis := 0.0
		for c := range is {
			x := x0 + labelW + float64(c)*cw
			axis = max(axis, r.textBox(x, ay, cw, is[c].Name+" ("+strconv.Itoa(is[c].Value)+")", small, "C", false))
		}
		ay += axis + 0.5
		r.doc.Text(x0+labelW, ay, cw*float64(len(is)), "Impact →", withBold(small), "C", 0, "")
		r.doc.Text(x0, gy-layout.LineHeight(small.Size)-0.3, labelW-2, "Likelihood ↑", withBold(small), "R", 0, "")
		bottom = max(bottom, ay+layout.LineHeight(small.Size))
	}
	r.doc.Y = bottom + 2
	r.legend()
	r.doc.Y += layout.GapPara
}

// legend draws a swatch per band.
func (r *renderer) legend() {
	m := &r.g.Site.Risks.Method
	st := layout.Style{Size: layout.SizeSmall, Color: layout.ColText}
	x := r.doc.Left()
	h := layout.LineHeight(st.Size)
	lo := 1
	for _, b := range m.Bands {
		label := b.Name + " (" + strconv.Itoa(lo) + "–" + strconv.Itoa(b.Max) + ")"
		w := r.doc.Measure(r.doc.Clean(label, false), st)
		r.doc.FillRect(x, r.doc.Y+0.6, 4, h-1.2, bandColor(m, b.Max))
		r.doc.Text(x+5, r.doc.Y, w+1, label, st, "L", 0, "")
		x += w + 10
		lo = b.Max + 1
	}
	label := "Acceptance threshold: levels up to " + strconv.Itoa(m.Acceptance) + " acceptable"
	r.doc.HLine(x, x+6, r.doc.Y+h/2, layout.ColText, appetiteWidth)
	r.doc.Text(x+7, r.doc.Y, r.doc.Measure(r.doc.Clean(label, false), st)+1, label, st, "L", 0, "")
	r.doc.Y += h
}

// appetiteWidth is the width of the acceptance threshold's line (mm).
const appetiteWidth = 0.8

// textBox draws text wrapped in a box of width w at (x, y) and returns its height; with
// middle, y is the vertical centre instead of the top.
func (r *renderer) textBox(x, y, w float64, text string, st layout.Style, align string, middle bool) float64 {
	lines := r.doc.Lines(layout.Plain(text, st), w)
	h := layout.LinesHeight(lines)
	if middle {
		y -= h / 2
	}
	for _, ln := range lines {
		lx := x
		switch align {
		case "C":
			lx += (w - ln.W) / 2
		case "R":
			lx += w - ln.W
		}
		r.doc.DrawLine(ln, lx, y)
		y += ln.H
	}
	return h
}
