package pack

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/pack/layout"
)

// Page geometry in millimetres.
const (
	marginSide   = 18.0
	marginTop    = 22.0
	marginBottom = 20.0
	headerY      = 9.0  // baseline area of the running header
	footerGap    = 12.0 // footer distance from the bottom edge
)

// pageSize returns the size of the current page.
func (r *renderer) pageSize() (w, h float64) { return r.PDF.GetPageSize() }

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
	r.PDF.AddPageFormat(orient, r.paper)
	r.ForgetFont()
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
	if r.PDF.PageNo() == 1 {
		return // the cover has its own layout
	}
	w, _ := r.pageSize()
	r.ForgetFont()
	st := layout.Style{Size: layout.SizeRunning, Color: layout.ColMuted}
	r.ForgetColor()
	r.Text(marginSide, headerY, w/2-marginSide, r.g.Site.Config.Organisation, st, "L", 0, "")
	r.Text(w/2, headerY, w/2-marginSide, r.cur.doc, st, "R", 0, "")
	r.HLine(marginSide, w-marginSide, headerY+5.5, layout.ColRule, 0.2)
	r.ForgetFont()
	r.ForgetColor()
}

// footer draws the running footer: the pack's classification and "Page X of Y".
func (r *renderer) footer() {
	n := r.PDF.PageNo()
	w, h := r.pageSize()
	r.ForgetFont()
	r.ForgetColor()
	y := h - footerGap
	r.HLine(marginSide, w-marginSide, y-1.5, layout.ColRule, 0.2)
	st := layout.Style{Size: layout.SizeRunning, Color: layout.ColMuted}
	class := "Classification: " + strings.ToUpper(string(r.plan.Classification()))
	r.Text(marginSide, y, w/2-marginSide, class, st, "L", 0, "")
	// fpdf replaces {nb} by the page count when it writes the file, in the UTF-16 of the
	// text, which is the face's CIDs for ASCII: the count's digits must be in the subset.
	r.Fonts.NeedDigits(st)
	r.Text(w/2, y, w/2-marginSide, fmt.Sprintf("Page %d of {nb}", n), st, "R", 0, "")
	r.ForgetFont()
	r.ForgetColor()
}

// returnTo makes page n current again to draw on it after later pages exist. The page's
// content stream then continues from its own end, so the font and colours are selected
// anew.
func (r *renderer) returnTo(n int) {
	r.PDF.SetPage(n)
	r.ForgetFont()
	r.PDF.SetFillColor(layout.ColWhite.R, layout.ColWhite.G, layout.ColWhite.B)
}

// eqFold compares ASCII strings case-insensitively.
func eqFold(a, b string) bool { return strings.EqualFold(a, b) }
