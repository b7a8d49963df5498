package pack

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/pack/layout"
)

// header draws the running header; fpdf calls it from AddPage.
func (r *renderer) header() {
	if r.PDF.PageNo() == 1 {
		return // the cover has its own layout
	}
	w, _ := r.PageSize()
	r.ForgetFont()
	st := layout.Style{Size: layout.SizeRunning, Color: layout.ColMuted}
	r.ForgetColor()
	r.Text(layout.MarginSide, layout.HeaderY, w/2-layout.MarginSide, r.g.Site.Config.Organisation, st, "L", 0, "")
	r.Text(w/2, layout.HeaderY, w/2-layout.MarginSide, r.cur.doc, st, "R", 0, "")
	r.HLine(layout.MarginSide, w-layout.MarginSide, layout.HeaderY+5.5, layout.ColRule, 0.2)
	r.ForgetFont()
	r.ForgetColor()
}

// footer draws the running footer: the pack's classification and "Page X of Y".
func (r *renderer) footer() {
	n := r.PDF.PageNo()
	w, h := r.PageSize()
	r.ForgetFont()
	r.ForgetColor()
	y := h - layout.FooterGap
	r.HLine(layout.MarginSide, w-layout.MarginSide, y-1.5, layout.ColRule, 0.2)
	st := layout.Style{Size: layout.SizeRunning, Color: layout.ColMuted}
	class := "Classification: " + strings.ToUpper(string(r.plan.Classification()))
	r.Text(layout.MarginSide, y, w/2-layout.MarginSide, class, st, "L", 0, "")
	// fpdf replaces {nb} by the page count when it writes the file, in the UTF-16 of the
	// text, which is the face's CIDs for ASCII: the count's digits must be in the subset.
	r.Fonts.NeedDigits(st)
	r.Text(w/2, y, w/2-layout.MarginSide, fmt.Sprintf("Page %d of {nb}", n), st, "R", 0, "")
	r.ForgetFont()
	r.ForgetColor()
}

// eqFold compares ASCII strings case-insensitively.
func eqFold(a, b string) bool { return strings.EqualFold(a, b) }
