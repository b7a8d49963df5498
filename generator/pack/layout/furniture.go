package layout

import "fmt"

// RunningHeader draws a page's running header: left and right texts in the running
// size and muted colour, above a rule. Call it from the document's header function,
// which fpdf calls from AddPage.
func (r *Doc) RunningHeader(left, right string) {
	w, _ := r.PageSize()
	r.ForgetFont()
	st := Style{Size: SizeRunning, Color: ColMuted}
	r.ForgetColor()
	r.Text(MarginSide, HeaderY, w/2-MarginSide, left, st, "L", 0, "")
	r.Text(w/2, HeaderY, w/2-MarginSide, right, st, "R", 0, "")
	r.HLine(MarginSide, w-MarginSide, HeaderY+5.5, ColRule, 0.2)
	r.ForgetFont()
	r.ForgetColor()
}

// RunningFooter draws a page's running footer: a rule, then left and "Page X of Y".
// Call it from the document's footer function.
func (r *Doc) RunningFooter(left string) {
	n := r.PDF.PageNo()
	w, h := r.PageSize()
	r.ForgetFont()
	r.ForgetColor()
	y := h - FooterGap
	r.HLine(MarginSide, w-MarginSide, y-1.5, ColRule, 0.2)
	st := Style{Size: SizeRunning, Color: ColMuted}
	r.Text(MarginSide, y, w/2-MarginSide, left, st, "L", 0, "")
	// fpdf replaces {nb} by the page count when it writes the file, in the UTF-16 of the
	// text, which is the face's CIDs for ASCII: the count's digits must be in the subset.
	r.Fonts.NeedDigits(st)
	r.Text(w/2, y, w/2-MarginSide, fmt.Sprintf("Page %d of {nb}", n), st, "R", 0, "")
	r.ForgetFont()
	r.ForgetColor()
}
