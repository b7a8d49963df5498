package layout

import "codeberg.org/go-pdf/fpdf"

// Doc is the state of one typeset document: the PDF being written, its fonts, and the
// font and colour last selected (fpdf writes every selection into the page, so repeated
// ones are skipped).
type Doc struct {
	PDF   *fpdf.Fpdf
	Fonts *Fonts

	Paper     fpdf.SizeType     // portrait size of the paper
	Landscape bool              // orientation of pages added from now on
	LastH     float64           // height of the document's last page (outline positions are shifted by it)
	Y         float64           // the layout cursor
	Indent    float64           // left indent of the current block, from the left margin
	Markers   []Marker          // list markers waiting for the next line
	Bars      []float64         // x of block quote bars to draw beside each line
	TextColor RGB               // body text colour (muted inside block quotes)
	Align     string            // alignment of paragraphs and figures: "" (left), C, R
	images    map[string]*Image // images registered, by path (nil: cannot be shown)
	lexers    lexerCache        // code block lexers, looked up once per language
	grid      *grid             // borders of the table being drawn, not stroked yet (grid.go)

	curFont  fontSel // font last selected, to skip redundant selections
	curColor RGB     // text colour last set
	colorSet bool    // whether curColor is valid
}

// ForgetFont makes the next text select its font again: after a new page, or on
// returning to an earlier one, whose content stream has its own selection.
func (r *Doc) ForgetFont() { r.curFont = fontSel{} }

// ForgetColor makes the next text set its colour again.
func (r *Doc) ForgetColor() { r.colorSet = false }

// selectFont selects a face at a size, only when it changed: fpdf writes every
// selection into the page.
func (r *Doc) selectFont(fc *face, size float64) {
	key := fontSel{r.Fonts.family(fc), size}
	if key != r.curFont {
		r.PDF.SetFont(key.family, "", size)
		r.curFont = key
	}
}

// SetColor sets the text colour (fpdf formats a colour string on every call, so
// repeated colours are skipped).
func (r *Doc) SetColor(c RGB) {
	if r.colorSet && c == r.curColor {
		return
	}
	r.PDF.SetTextColor(c.R, c.G, c.B)
	r.curColor, r.colorSet = c, true
}

// Measure returns the width of already clean text in a style.
func (r *Doc) Measure(text string, s Style) float64 { return r.Fonts.width(text, s) }

// Clean makes text drawable with the family of a style.
func (r *Doc) Clean(text string, mono bool) string { return r.Fonts.clean(text, mono) }

// DrawText draws clean text from (x, y) in a line of height h, each run of characters in
// the face that has them, and returns its width.
func (r *Doc) DrawText(x, y, h float64, s string, st Style, link int, url string) float64 {
	r.SetColor(st.Color)
	x0 := x
	for _, sg := range r.Fonts.segments(s, st) {
		r.selectFont(sg.f, st.Size)
		cids, em := sg.f.use.Encode(sg.text)
		w := em * st.Size / 1000 * 25.4 / 72
		r.PDF.SetXY(x, y)
		r.PDF.CellFormat(w, h, cids, "", 0, "L", false, link, url)
		x += w
	}
	return x - x0
}

// Text draws one line of text at (x, y) in a box of width w; align is L, C or R. A link
// covers the whole box.
func (r *Doc) Text(x, y, w float64, s string, st Style, align string, link int, url string) {
	s = r.Clean(s, st.Mono)
	h := LineHeight(st.Size)
	dx := 0.0
	switch align {
	case "C":
		dx = (w - r.Measure(s, st)) / 2
	case "R":
		dx = w - r.Measure(s, st)
	}
	r.DrawText(x+dx, y, h, s, st, 0, "")
	switch {
	case link != 0:
		r.PDF.Link(x, y, w, h, link)
	case url != "":
		r.PDF.LinkString(x, y, w, h, url)
	}
}

// HLine draws a horizontal rule.
func (r *Doc) HLine(x1, x2, y float64, c RGB, width float64) {
	r.PDF.SetDrawColor(c.R, c.G, c.B)
	r.PDF.SetLineWidth(width)
	r.PDF.Line(x1, y, x2, y)
}

// VLine draws a vertical rule.
func (r *Doc) VLine(x, y1, y2 float64, c RGB, width float64) {
	r.PDF.SetDrawColor(c.R, c.G, c.B)
	r.PDF.SetLineWidth(width)
	r.PDF.Line(x, y1, x, y2)
}

// FillRect fills a rectangle. The fill colour stays set: fpdf draws text in its own
// colour when it differs from the fill, and else in the fill, which is the same.
func (r *Doc) FillRect(x, y, w, h float64, c RGB) {
	r.PDF.SetFillColor(c.R, c.G, c.B)
	r.PDF.Rect(x, y, w, h, "F")
}

// Box strokes a rectangle.
func (r *Doc) Box(x, y, w, h float64, c RGB, width float64) {
	r.PDF.SetDrawColor(c.R, c.G, c.B)
	r.PDF.SetLineWidth(width)
	r.PDF.Rect(x, y, w, h, "D")
}

// Base is the style of body text at the current nesting.
func (r *Doc) Base() Style {
	return Style{Size: SizeBody, Color: r.TextColor}
}

// Alignment is the alignment of paragraphs and figures in the current block.
func (r *Doc) Alignment() string {
	if r.Align == "" {
		return "L"
	}
	return r.Align
}
