package layout

// Cell is one table cell.
type Cell struct {
	Spans []Span
	Align string // L (default), C or R
	Fill  *RGB
}

// Table is a table to draw: every generated register and every GFM table goes through
// DrawTable, which wraps cells, never splits a row across pages unless the row alone
// is taller than a page, and repeats the header row on each page.
type Table struct {
	Header  []Cell
	Rows    [][]Cell
	Weights []float64         // relative column widths; nil sizes columns by content
	Marks   []func(y float64) // called with the y where each row is first drawn (nil: none)
	Size    float64           // font size of the body cells
}

// TextCell is a cell of plain text.
func TextCell(text string, st Style) Cell { return Cell{Spans: Plain(text, st)} }

// cols returns the number of columns.
func (t *Table) cols() int {
	n := len(t.Header)
	for _, row := range t.Rows {
		n = max(n, len(row))
	}
	return n
}

// laidRow is a row whose cells have been broken into lines.
type laidRow struct {
	cells [][]Line
	src   []Cell
}

func (r *Doc) layRow(row []Cell, widths []float64) laidRow {
	lr := laidRow{cells: make([][]Line, len(widths)), src: make([]Cell, len(widths))}
	for i := range widths {
		if i < len(row) {
			lr.src[i] = row[i]
		}
		lr.cells[i] = r.Lines(lr.src[i].Spans, widths[i]-2*CellPadX)
	}
	return lr
}

// ends returns the number of lines of each cell.
func (lr laidRow) ends() []int {
	out := make([]int, len(lr.cells))
	for i, ls := range lr.cells {
		out[i] = len(ls)
	}
	return out
}

// height returns the height of lines [from[i]:] of each cell, padding included.
func (lr laidRow) height(from []int) float64 {
	h := 0.0
	for i, ls := range lr.cells {
		h = max(h, LinesHeight(ls[from[i]:]))
	}
	return h + 2*CellPadY
}

func (r *Doc) DrawTable(t *Table) {
	n := t.cols()
	if n == 0 {
		return
	}
	x0, w := r.Left(), r.Width()
	widths := r.columnWidths(t, n, w)
	var head laidRow
	headH := 0.0
	if len(t.Header) > 0 {
		head = r.layRow(t.Header, widths)
		headH = head.height(make([]int, n))
	}
	drawHeader := func() {
		if len(t.Header) == 0 {
			return
		}
		r.drawChunk(head, widths, x0, make([]int, n), head.ends(), headH, &ColHeadFill)
	}
	first := 0.0
	if len(t.Rows) > 0 {
		first = min(r.layRow(t.Rows[0], widths).height(make([]int, n)), 3*LineHeight(t.Size)+2*CellPadY)
	}
	r.Ensure(headH + first)
	drawHeader()
	for ri, row := range t.Rows {
		lr := r.layRow(row, widths)
		var mark func(float64)
		if ri < len(t.Marks) {
			mark = t.Marks[ri]
		}
		r.drawRow(lr, widths, x0, headH, drawHeader, mark)
	}
	r.StrokeGrid()
	r.Y += GapPara
}

// drawRow draws a row on this page, or on the next one (after the repeated header) when
// it does not fit; only a row taller than a whole page is split, between lines.
func (r *Doc) drawRow(lr laidRow, widths []float64, x0, headH float64, header func(), mark func(float64)) {
	n := len(widths)
	from := make([]int, n)
	marked := mark == nil
	for {
		rest := lr.height(from)
		topOfTable := r.Y <= MarginTop+headH+0.01
		switch {
		case rest <= r.Room()+Eps:
		case !topOfTable && rest <= r.Bottom()-MarginTop-headH+Eps:
			r.NewPage()
			header()
			continue
		}
		// Take the lines of each cell that fit.
		to := make([]int, n)
		avail := r.Room() - 2*CellPadY
		took := false
		for i, ls := range lr.cells {
			h := 0.0
			to[i] = from[i]
			for to[i] < len(ls) && h+ls[to[i]].H <= avail+Eps {
				h += ls[to[i]].H
				to[i]++
			}
			took = took || to[i] > from[i]
		}
		done := true
		for i := range to {
			done = done && to[i] == len(lr.cells[i])
		}
		if !took && !done {
			if topOfTable {
				// Not even one line fits on an empty page: draw one line per cell anyway.
				for i := range to {
					to[i] = min(from[i]+1, len(lr.cells[i]))
				}
			} else {
				r.NewPage()
				header()
				continue
			}
		}
		h := 0.0
		for i := range to {
			h = max(h, LinesHeight(lr.cells[i][from[i]:to[i]]))
		}
		if !marked {
			mark(r.Y)
			marked = true
		}
		r.drawChunk(lr, widths, x0, from, to, h+2*CellPadY, nil)
		if done {
			return
		}
		copy(from, to)
		all := true
		for i := range from {
			all = all && from[i] == len(lr.cells[i])
		}
		if all {
			return
		}
		r.NewPage()
		header()
	}
}

// drawChunk draws lines [from:to] of each cell of a row as one band of height h: the
// fills first (neighbouring cells of one colour as one rectangle), then the text of
// every cell, so that the text of a band, and of the bands after it, is one text object
// in the page; the borders are stroked with the table's grid (strokeGrid).
func (r *Doc) drawChunk(lr laidRow, widths []float64, x0 float64, from, to []int, h float64, fill *RGB) {
	r.Decorate(h)
	fillOf := func(i int) *RGB {
		if c := lr.src[i].Fill; c != nil {
			return c
		}
		return fill
	}
	x := x0
	for i := 0; i < len(widths); {
		f, w, j := fillOf(i), widths[i], i+1
		for ; j < len(widths) && sameFill(f, fillOf(j)); j++ {
			w += widths[j]
		}
		if f != nil {
			r.FillRect(x, r.Y, w, h, *f)
		}
		x, i = x+w, j
	}
	x = x0
	for i, w := range widths {
		c := lr.src[i]
		y := r.Y + CellPadY
		for _, ln := range lr.cells[i][from[i]:to[i]] {
			lx := x + CellPadX
			switch c.Align {
			case "C":
				lx += (w - 2*CellPadX - ln.W) / 2
			case "R":
				lx += w - 2*CellPadX - ln.W
			}
			r.DrawLine(ln, lx, y)
			y += ln.H
		}
		x += w
	}
	r.GridBand(x0, widths, r.Y, h)
	r.Y += h
}

func sameFill(a, b *RGB) bool { return a == b || a != nil && b != nil && *a == *b }

// columnWidths divides width among n columns: by the table's weights, or else by
// content, giving each column at least its longest word (capped, since a long URL is
// broken anyway) and sharing the rest by natural width.
func (r *Doc) columnWidths(t *Table, n int, width float64) []float64 {
	out := make([]float64, n)
	if len(t.Weights) == n {
		sum := 0.0
		for _, w := range t.Weights {
			sum += w
		}
		for i, w := range t.Weights {
			out[i] = width * w / sum
		}
		r.fitHeader(t, out)
		return out
	}
	minW, natW := make([]float64, n), make([]float64, n)
	rows := append([][]Cell{t.Header}, t.Rows...)
	for _, row := range rows {
		for i := 0; i < n && i < len(row); i++ {
			nat, long := r.measureSpans(row[i].Spans)
			natW[i] = max(natW[i], nat+2*CellPadX)
			minW[i] = max(minW[i], min(long, width*0.3)+2*CellPadX)
		}
	}
	sumMin, sumNat := 0.0, 0.0
	for i := range n {
		minW[i] = max(minW[i], 8)
		natW[i] = max(natW[i], minW[i])
		sumMin += minW[i]
		sumNat += natW[i]
	}
	for i := range n {
		switch {
		case sumNat <= width:
			out[i] = natW[i] * width / sumNat
		case sumMin >= width:
			out[i] = minW[i] * width / sumMin
		default:
			out[i] = minW[i] + (width-sumMin)*(natW[i]-minW[i])/(sumNat-sumMin)
		}
	}
	return out
}

// fitHeader widens weighted columns whose header word would not fit (a header broken
// inside a word reads badly), taking the room from the other columns in proportion.
func (r *Doc) fitHeader(t *Table, widths []float64) {
	need, extra, rest := make([]float64, len(widths)), 0.0, 0.0
	for i := range widths {
		if i < len(t.Header) {
			_, long := r.measureSpans(t.Header[i].Spans)
			need[i] = long + 2*CellPadX + 0.5
		}
		if need[i] > widths[i] {
			extra += need[i] - widths[i]
		} else {
			rest += widths[i] - need[i]
		}
	}
	if extra == 0 || extra > rest {
		return
	}
	for i := range widths {
		if need[i] > widths[i] {
			widths[i] = need[i]
		} else {
			widths[i] -= (widths[i] - need[i]) * extra / rest
		}
	}
}

// measureSpans returns the width of spans on one line and the width of their longest
// word.
func (r *Doc) measureSpans(spans []Span) (natural, longest float64) {
	line, word := 0.0, 0.0
	for _, s := range spans {
		if s.Break {
			natural, longest = max(natural, line), max(longest, word)
			line, word = 0, 0
			continue
		}
		text := r.Clean(s.Text, s.Style.Mono)
		start := 0
		for i := 0; i <= len(text); i++ {
			if i < len(text) && text[i] != ' ' {
				continue
			}
			if i > start {
				w := r.Measure(text[start:i], s.Style)
				line += w
				word += w
			}
			if i < len(text) {
				line += r.Measure(" ", s.Style)
				longest = max(longest, word)
				word = 0
			}
			start = i + 1
		}
	}
	return max(natural, line), max(longest, word)
}
