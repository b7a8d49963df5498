package layout

import (
	"fmt"
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

// GridBand adds a band of height h at y, its columns widths wide from x0, to the grid;
// a band that does not continue the grid's columns and last band starts a new one.
func (r *Doc) GridBand(x0 float64, widths []float64, y, h float64) {
	g := r.grid
	if g != nil && (math.Abs(g.ys[len(g.ys)-1]-y) > Eps || !g.columns(x0, widths)) {
		r.StrokeGrid()
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
	if len(g.xs) != len(widths)+1 || math.Abs(g.xs[0]-x0) > Eps {
		return false
	}
	x := x0
	for i, w := range widths {
		x += w
		if math.Abs(g.xs[i+1]-x) > Eps {
			return false
		}
	}
	return true
}

// StrokeGrid strokes the pending grid, if any, in the rule colour at the cell border
// width: the outline and the column edges as one path, then each band edge as the same
// line moved down by a translation (cm), which repeats from band to band where a line
// at its own height would not.
func (r *Doc) StrokeGrid() {
	g := r.grid
	if g == nil {
		return
	}
	r.grid = nil
	r.PDF.SetDrawColor(ColRule.R, ColRule.G, ColRule.B)
	r.PDF.SetLineWidth(CellBorder)
	_, ph := r.PageSize()
	// Coordinates in hundredths of a point, as fpdf rounds them.
	pt := func(mm float64) int64 { return int64(math.Round(mm * 72 / 25.4 * 100)) }
	xs := make([]int64, len(g.xs))
	for i, x := range g.xs {
		xs[i] = pt(x)
	}
	ys := make([]int64, len(g.ys))
	for i, y := range g.ys {
		ys[i] = pt(ph - y)
	}
	x0, x1, y0, y1 := xs[0], xs[len(xs)-1], ys[0], ys[len(ys)-1]
	var b strings.Builder
	n := func(vs ...int64) {
		for _, v := range vs {
			b.WriteString(hundredths(v))
			b.WriteByte(' ')
		}
	}
	n(x0, y0, x1-x0, y1-y0)
	b.WriteString("re")
	for _, x := range xs[1 : len(xs)-1] {
		b.WriteByte(' ')
		n(x, y0)
		b.WriteString("m ")
		n(x, y1)
		b.WriteString("l")
	}
	b.WriteString(" S")
	if len(ys) > 2 {
		line := fmt.Sprintf(" cm %s %s m %s %s l S", hundredths(x0), hundredths(y0), hundredths(x1), hundredths(y0))
		b.WriteString("\nq")
		for i := 1; i < len(ys)-1; i++ {
			b.WriteString("\n1 0 0 1 0 ")
			b.WriteString(hundredths(ys[i] - ys[i-1]))
			b.WriteString(line)
		}
		b.WriteString("\nQ")
	}
	r.PDF.RawWriteStr(b.String())
}

// hundredths writes a count of hundredths as the shortest decimal number.
func hundredths(v int64) string {
	s := strconv.FormatFloat(float64(v)/100, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}
