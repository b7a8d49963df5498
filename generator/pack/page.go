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
	r.setFont(style{size: sizeRunning})
	r.pdf.SetTextColor(colMuted.r, colMuted.g, colMuted.b)
	r.colorSet = false
	org := r.clean(r.g.Site.Config.Organisation, false)
	doc := r.clean(r.cur.doc, false)
	r.pdf.SetXY(marginSide, headerY)
	r.pdf.CellFormat(w/2-marginSide, 4, org, "", 0, "L", false, 0, "")
	r.pdf.SetXY(w/2, headerY)
	r.pdf.CellFormat(w/2-marginSide, 4, doc, "", 0, "R", false, 0, "")
	r.hline(marginSide, w-marginSide, headerY+5.5, colRule, 0.2)
	r.curFont = fontSel{}
}

// footer draws the running footer: the pack's classification and "Page X of Y".
func (r *renderer) footer() {
	n := r.pdf.PageNo()
	w, h := r.pageSize()
	r.curFont = fontSel{}
	y := h - footerGap
	r.hline(marginSide, w-marginSide, y-1.5, colRule, 0.2)
	r.setFont(style{size: sizeRunning})
	r.pdf.SetTextColor(colMuted.r, colMuted.g, colMuted.b)
	r.colorSet = false
	r.pdf.SetXY(marginSide, y)
	class := "Classification: " + strings.ToUpper(r.clean(string(r.plan.Classification()), false))
	r.pdf.CellFormat(w/2-marginSide, 4, class, "", 0, "L", false, 0, "")
	r.pdf.SetXY(w/2, y)
	r.pdf.CellFormat(w/2-marginSide, 4, fmt.Sprintf("Page %d of {nb}", n), "", 0, "R", false, 0, "")
	r.curFont = fontSel{}
}

// style is how a piece of text looks.
type style struct {
	bold, italic, mono, strike bool
	size                       float64 // points
	color                      rgb
	rise                       float64 // millimetres above the line's middle: superscript > 0 > subscript
}

func (s style) fontKey() (family, face string) {
	family, face = familySans, ""
	if s.mono {
		family = familyMono
		if s.bold {
			face = "B"
		}
		return family, face
	}
	if s.bold {
		face += "B"
	}
	if s.italic {
		face += "I"
	}
	return family, face
}

// fontSel is a font selection: family, face and size.
type fontSel struct {
	family, face string
	size         float64
}

// setFont selects a style's font, only when it changed: fpdf writes every selection
// into the page.
func (r *renderer) setFont(s style) {
	family, face := s.fontKey()
	key := fontSel{family, face, s.size}
	if key != r.curFont {
		r.pdf.SetFont(family, face, s.size)
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
func (r *renderer) measure(text string, s style) float64 {
	r.setFont(s)
	return r.pdf.GetStringWidth(text)
}

// clean makes text drawable with the family of a style.
func (r *renderer) clean(text string, mono bool) string { return r.fonts.clean(text, mono) }

// text draws one line of text at (x, y) in a box of width w; align is L, C or R.
func (r *renderer) text(x, y, w float64, s string, st style, align string, link int, url string) {
	r.setFont(st)
	r.setColor(st.color)
	s = r.clean(s, st.mono)
	h := lineHeight(st.size)
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, h, s, "", 0, align, false, link, url)
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

// fillRect fills a rectangle; the fill colour goes back to white so that text colours
// always differ from it (fpdf only writes a text colour when it differs from the fill).
func (r *renderer) fillRect(x, y, w, h float64, c rgb) {
	r.pdf.SetFillColor(c.r, c.g, c.b)
	r.pdf.Rect(x, y, w, h, "F")
	r.pdf.SetFillColor(colWhite.r, colWhite.g, colWhite.b)
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
