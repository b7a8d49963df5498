package pack

import (
	"fmt"
	"strings"
)

// Page geometry in millimetres.
const (
	marginSide   = 18.0
	marginTop    = 22.0
	marginBottom = 20.0
	headerY      = 9.0  // baseline area of the running header
	footerGap    = 12.0 // footer distance from the bottom edge
)

// Type sizes in points.
const (
	sizeBody    = 10.0
	sizeSmall   = 8.0
	sizeTable   = 8.5
	sizeCode    = 8.0
	sizeRunning = 7.5
	ptToMM      = 25.4 / 72
	lineFactor  = 1.38 // line height per font size
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// The colour table.
var (
	colText     = rgb{25, 25, 25}
	colMuted    = rgb{95, 95, 95}
	colLink     = rgb{0, 70, 160}
	colRule     = rgb{170, 170, 170}
	colHeadFill = rgb{226, 232, 240}
	colLabel    = rgb{242, 244, 247}
	colCodeBg   = rgb{246, 248, 250}
	colCodeText = rgb{36, 41, 46}
	colQuote    = rgb{200, 205, 212}
	colAlert    = rgb{180, 20, 20}
	colOK       = rgb{20, 110, 40}
	colWhite    = rgb{255, 255, 255}
)

// lineHeight returns the height of a line of text of the given size.
func lineHeight(size float64) float64 { return size * lineFactor * ptToMM }

// pageSize returns the size of the current page.
func (r *renderer) pageSize() (w, h float64) { return r.pdf.GetPageSize() }

// left is the x where the current block starts.
func (r *renderer) left() float64 { return marginSide + r.indent }

// width is the width available to the current block.
func (r *renderer) width() float64 {
	w, _ := r.pageSize()
	return w - 2*marginSide - r.indent
}

// bottom is the lowest y text may reach on the current page.
func (r *renderer) bottom() float64 {
	_, h := r.pageSize()
	return h - marginBottom
}

// room is the height left on the current page.
func (r *renderer) room() float64 { return r.bottom() - r.y }

// atTop reports whether nothing has been drawn below the header of the current page.
func (r *renderer) atTop() bool { return r.y <= marginTop+0.01 }

// newPage starts a page in the current orientation; its header shows r.cur.
func (r *renderer) newPage() {
	orient := "P"
	if r.landscape {
		orient = "L"
	}
	r.strokeGrid()
	r.pdf.AddPageFormat(orient, r.paper)
	r.curFont = fontSel{}
	r.y = marginTop
}

// ensure starts a new page unless h more millimetres fit on this one.
func (r *renderer) ensure(h float64) {
	if r.y+h > r.bottom()+0.001 && !r.atTop() {
		r.newPage()
	}
}

// gap adds vertical space, unless at the top of a page.
func (r *renderer) gap(h float64) {
	if !r.atTop() {
		r.y += h
	}
}

// header draws the running header; fpdf calls it from AddPage.
func (r *renderer) header() {
	if r.pdf.PageNo() == 1 {
		return // the cover has its own layout
	}
	w, _ := r.pageSize()
	r.curFont = fontSel{}
	st := style{size: sizeRunning, color: colMuted}
	r.colorSet = false
	r.text(marginSide, headerY, w/2-marginSide, r.g.Site.Config.Organisation, st, "L", 0, "")
	r.text(w/2, headerY, w/2-marginSide, r.cur.doc, st, "R", 0, "")
	r.hline(marginSide, w-marginSide, headerY+5.5, colRule, 0.2)
	r.curFont = fontSel{}
	r.colorSet = false
}

// footer draws the running footer: the pack's classification and "Page X of Y".
func (r *renderer) footer() {
	n := r.pdf.PageNo()
	w, h := r.pageSize()
	r.curFont = fontSel{}
	r.colorSet = false
	y := h - footerGap
	r.hline(marginSide, w-marginSide, y-1.5, colRule, 0.2)
	st := style{size: sizeRunning, color: colMuted}
	class := "Classification: " + strings.ToUpper(string(r.plan.Classification()))
	r.text(marginSide, y, w/2-marginSide, class, st, "L", 0, "")
	// fpdf replaces {nb} by the page count when it writes the file, in the UTF-16 of the
	// text, which is the face's CIDs for ASCII: the count's digits must be in the subset.
	r.fonts.digits[r.fonts.primary(st)] = true
	r.text(w/2, y, w/2-marginSide, fmt.Sprintf("Page %d of {nb}", n), st, "R", 0, "")
	r.curFont = fontSel{}
	r.colorSet = false
}

// style is how a piece of text looks.
type style struct {
	bold, italic, mono, strike bool
	size                       float64 // points
	color                      rgb
	rise                       float64 // millimetres above the line's middle: superscript > 0 > subscript
}

// fontSel is a font selection: fpdf family and size.
type fontSel struct {
	family string
	size   float64
}

// selectFont selects a face at a size, only when it changed: fpdf writes every
// selection into the page.
func (r *renderer) selectFont(fc *face, size float64) {
	key := fontSel{r.fonts.family(fc), size}
	if key != r.curFont {
		r.pdf.SetFont(key.family, "", size)
		r.curFont = key
	}
}

// setColor sets the text colour (fpdf formats a colour string on every call, so
// repeated colours are skipped).
func (r *renderer) setColor(c rgb) {
	if r.colorSet && c == r.curColor {
		return
	}
	r.pdf.SetTextColor(c.r, c.g, c.b)
	r.curColor, r.colorSet = c, true
}

// measure returns the width of already clean text in a style.
func (r *renderer) measure(text string, s style) float64 { return r.fonts.width(text, s) }

// clean makes text drawable with the family of a style.
func (r *renderer) clean(text string, mono bool) string { return r.fonts.clean(text, mono) }

// drawText draws clean text from (x, y) in a line of height h, each run of characters in
// the face that has them, and returns its width.
func (r *renderer) drawText(x, y, h float64, s string, st style, link int, url string) float64 {
	r.setColor(st.color)
	x0 := x
	for _, sg := range r.fonts.segments(s, st) {
		r.selectFont(sg.f, st.size)
		cids, em := sg.f.use.Encode(sg.text)
		w := em * st.size / 1000 * 25.4 / 72
		r.pdf.SetXY(x, y)
		r.pdf.CellFormat(w, h, cids, "", 0, "L", false, link, url)
		x += w
	}
	return x - x0
}

// text draws one line of text at (x, y) in a box of width w; align is L, C or R. A link
// covers the whole box.
func (r *renderer) text(x, y, w float64, s string, st style, align string, link int, url string) {
	s = r.clean(s, st.mono)
	h := lineHeight(st.size)
	dx := 0.0
	switch align {
	case "C":
		dx = (w - r.measure(s, st)) / 2
	case "R":
		dx = w - r.measure(s, st)
	}
	r.drawText(x+dx, y, h, s, st, 0, "")
	switch {
	case link != 0:
		r.pdf.Link(x, y, w, h, link)
	case url != "":
		r.pdf.LinkString(x, y, w, h, url)
	}
}

// hline draws a horizontal rule.
func (r *renderer) hline(x1, x2, y float64, c rgb, width float64) {
	r.pdf.SetDrawColor(c.r, c.g, c.b)
	r.pdf.SetLineWidth(width)
	r.pdf.Line(x1, y, x2, y)
}

// vline draws a vertical rule.
func (r *renderer) vline(x, y1, y2 float64, c rgb, width float64) {
	r.pdf.SetDrawColor(c.r, c.g, c.b)
	r.pdf.SetLineWidth(width)
	r.pdf.Line(x, y1, x, y2)
}

// fillRect fills a rectangle. The fill colour stays set: fpdf draws text in its own
// colour when it differs from the fill, and else in the fill, which is the same.
func (r *renderer) fillRect(x, y, w, h float64, c rgb) {
	r.pdf.SetFillColor(c.r, c.g, c.b)
	r.pdf.Rect(x, y, w, h, "F")
}

// box strokes a rectangle.
func (r *renderer) box(x, y, w, h float64, c rgb, width float64) {
	r.pdf.SetDrawColor(c.r, c.g, c.b)
	r.pdf.SetLineWidth(width)
	r.pdf.Rect(x, y, w, h, "D")
}

// returnTo makes page n current again to draw on it after later pages exist. The page's
// content stream then continues from its own end, so the font and colours are selected
// anew.
func (r *renderer) returnTo(n int) {
	r.pdf.SetPage(n)
	r.curFont = fontSel{}
	r.pdf.SetFillColor(colWhite.r, colWhite.g, colWhite.b)
}

// eqFold compares ASCII strings case-insensitively.
func eqFold(a, b string) bool { return strings.EqualFold(a, b) }
