package pack

import (
	"math"
	"strconv"
	"strings"
)

// grid is the borders of the bands of one table drawn so far on the current page. A
// table's cells were once stroked one rectangle each, a tenth of the page content; the
// grid strokes the same lines as one path, the outline as a rectangle (its corners
// joined like a cell's) and each inner edge as one line across the band or down the
// table, when the table or the page ends.
type grid struct {
	xs []float64 // column edges, left to right, in millimetres
	ys []float64 // band edges, top to bottom
}

// gridBand adds a band of height h at y, its columns widths wide from x0, to the grid;
// a band that does not continue the grid's columns and last band starts a new one.
func (r *renderer) gridBand(x0 float64, widths []float64, y, h float64) {
	g := r.grid
	if g != nil && (math.Abs(g.ys[len(g.ys)-1]-y) > eps || !g.columns(x0, widths)) {
		r.strokeGrid()
		g = nil
	}
	if g == nil {
		g = &grid{xs: []float64{x0}, ys: []float64{y}}
		x := x0
		for _, w := range widths {
			x += w
			g.xs = append(g.xs, x)
		}
		r.grid = g
	}
	g.ys = append(g.ys, y+h)
}

// columns reports whether the grid's column edges are those of widths from x0.
func (g *grid) columns(x0 float64, widths []float64) bool {
	if len(g.xs) != len(widths)+1 || math.Abs(g.xs[0]-x0) > eps {
		return false
	}
	x := x0
	for i, w := range widths {
		x += w
		if math.Abs(g.xs[i+1]-x) > eps {
			return false
		}
	}
	return true
}

// strokeGrid strokes the pending grid, if any, in the rule colour at the cell border width.
func (r *renderer) strokeGrid() {
	g := r.grid
	if g == nil {
		return
	}
	r.grid = nil
	r.pdf.SetDrawColor(colRule.r, colRule.g, colRule.b)
	r.pdf.SetLineWidth(cellBorder)
	_, ph := r.pageSize()
	k := 72 / 25.4
	n := func(b *strings.Builder, v float64) {
		b.WriteString(strconv.FormatFloat(math.Round(v*k*100)/100, 'f', -1, 64))
		b.WriteByte(' ')
	}
	var b strings.Builder
	x0, x1 := g.xs[0], g.xs[len(g.xs)-1]
	y0, y1 := g.ys[0], g.ys[len(g.ys)-1]
	n(&b, x0)
	n(&b, ph-y0)
	n(&b, x1-x0)
	n(&b, y0-y1)
	b.WriteString("re")
	for _, y := range g.ys[1 : len(g.ys)-1] {
		b.WriteByte(' ')
		n(&b, x0)
		n(&b, ph-y)
		b.WriteString("m ")
		n(&b, x1)
		n(&b, ph-y)
		b.WriteString("l")
	}
	for _, x := range g.xs[1 : len(g.xs)-1] {
		b.WriteByte(' ')
		n(&b, x)
		n(&b, ph-y0)
		b.WriteString("m ")
		n(&b, x)
		n(&b, ph-y1)
		b.WriteString("l")
	}
	b.WriteString(" S")
	r.pdf.RawWriteStr(b.String())
}
