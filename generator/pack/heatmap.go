package pack

import (
	"strconv"
)

// heatmaps draws the inherent and residual risk heat maps side by side with fpdf
// rectangles: likelihood rows (highest on top) by impact columns, each cell coloured by
// the band of its level and showing how many risks sit in it, with the acceptance
// threshold drawn along the cells' edges.
func (r *renderer) heatmaps() {
	m := &r.g.Site.Risks.Method
	ls, is := m.Likelihood, m.Impact
	if len(ls) == 0 || len(is) == 0 {
		r.para(plain("The risk method defines no likelihood and impact scales, so there is no heat map.", r.base()), "L")
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
	half := (r.width() - gutter) / 2
	cw := min(18, (half-labelW)/float64(len(is)))
	ch := max(min(11, cw*0.7), 5)
	small := style{size: 6.5, color: colMuted}
	titleSt := style{bold: true, size: sizeBody, color: colText}
	axisH := 3 * lineHeight(small.size)
	total := lineHeight(titleSt.size) + 2 + float64(len(ls))*ch + axisH + lineHeight(small.size) + 6
	r.ensure(total)
	y0 := r.y
	bottom := y0
	for k, g := range [][][]int{inherent, residual} {
		x0 := r.left() + float64(k)*(half+gutter)
		title := "Inherent risk (before treatment)"
		if k == 1 {
			title = "Residual risk (after treatment)"
		}
		r.text(x0, y0, half, title, titleSt, "L", 0, "")
		gy := y0 + lineHeight(titleSt.size) + 2
		for row := range ls {
			l := len(ls) - 1 - row
			y := gy + float64(row)*ch
			r.textBox(x0, y+ch/2, labelW-2, ls[l].Name+" ("+strconv.Itoa(ls[l].Value)+")", small, "R", true)
			for c := range is {
				x := x0 + labelW + float64(c)*cw
				level := m.Level(ls[l].Value, is[c].Value)
				r.fillRect(x, y, cw, ch, bandColor(m, level))
				r.box(x, y, cw, ch, colWhite, 0.5)
				r.text(x+0.6, y+0.3, cw-1.2, strconv.Itoa(level), style{size: 5.5, color: colMuted}, "R", 0, "")
				if n := g[l][c]; n > 0 {
					st := style{bold: true, size: 11, color: colText}
					r.text(x, y+(ch-lineHeight(st.size))/2, cw, strconv.Itoa(n), st, "C", 0, "")
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
					r.vline(x+cw, y, y+ch, colText, appetiteWidth)
				}
				if l+1 < len(ls) && !m.Acceptable(m.Level(ls[l+1].Value, is[c].Value)) {
					r.hline(x, x+cw, y, colText, appetiteWidth)
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
		r.text(x0+labelW, ay, cw*float64(len(is)), "Impact →", withBold(small), "C", 0, "")
		r.text(x0, gy-lineHeight(small.size)-0.3, labelW-2, "Likelihood ↑", withBold(small), "R", 0, "")
		bottom = max(bottom, ay+lineHeight(small.size))
	}
	r.y = bottom + 2
	r.legend()
	r.y += gapPara
}

// legend draws a swatch per band.
func (r *renderer) legend() {
	m := &r.g.Site.Risks.Method
	st := style{size: sizeSmall, color: colText}
	x := r.left()
	h := lineHeight(st.size)
	lo := 1
	for _, b := range m.Bands {
		label := b.Name + " (" + strconv.Itoa(lo) + "–" + strconv.Itoa(b.Max) + ")"
		w := r.measure(r.clean(label, false), st)
		r.fillRect(x, r.y+0.6, 4, h-1.2, bandColor(m, b.Max))
		r.text(x+5, r.y, w+1, label, st, "L", 0, "")
		x += w + 10
		lo = b.Max + 1
	}
	label := "Acceptance threshold: levels up to " + strconv.Itoa(m.Acceptance) + " acceptable"
	r.hline(x, x+6, r.y+h/2, colText, appetiteWidth)
	r.text(x+7, r.y, r.measure(r.clean(label, false), st)+1, label, st, "L", 0, "")
	r.y += h
}

// appetiteWidth is the width of the acceptance threshold's line (mm).
const appetiteWidth = 0.8

// textBox draws text wrapped in a box of width w at (x, y) and returns its height; with
// middle, y is the vertical centre instead of the top.
func (r *renderer) textBox(x, y, w float64, text string, st style, align string, middle bool) float64 {
	lines := r.layout(plain(text, st), w)
	h := linesHeight(lines)
	if middle {
		y -= h / 2
	}
	for _, ln := range lines {
		lx := x
		switch align {
		case "C":
			lx += (w - ln.w) / 2
		case "R":
			lx += w - ln.w
		}
		r.drawLine(ln, lx, y)
		y += ln.h
	}
	return h
}
