package layout

// Page geometry in millimetres.
const (
	MarginSide   = 18.0
	MarginTop    = 22.0
	MarginBottom = 20.0
	HeaderY      = 9.0  // baseline area of the running header
	FooterGap    = 12.0 // footer distance from the bottom edge
)

// PageSize returns the size of the current page.
func (r *Doc) PageSize() (w, h float64) { return r.PDF.GetPageSize() }

// Left is the x where the current block starts.
func (r *Doc) Left() float64 { return MarginSide + r.Indent }

// Width is the width available to the current block.
func (r *Doc) Width() float64 {
	w, _ := r.PageSize()
	return w - 2*MarginSide - r.Indent
}

// Bottom is the lowest y text may reach on the current page.
func (r *Doc) Bottom() float64 {
	_, h := r.PageSize()
	return h - MarginBottom
}

// Room is the height left on the current page.
func (r *Doc) Room() float64 { return r.Bottom() - r.Y }

// AtTop reports whether nothing has been drawn below the header of the current page.
func (r *Doc) AtTop() bool { return r.Y <= MarginTop+0.01 }

// NewPage starts a page in the current orientation; fpdf draws its header and footer.
func (r *Doc) NewPage() {
	orient := "P"
	if r.Landscape {
		orient = "L"
	}
	r.StrokeGrid()
	r.PDF.AddPageFormat(orient, r.Paper)
	r.ForgetFont()
	r.Y = MarginTop
}

// Ensure starts a new page unless h more millimetres fit on this one.
func (r *Doc) Ensure(h float64) {
	if r.Y+h > r.Bottom()+0.001 && !r.AtTop() {
		r.NewPage()
	}
}

// Gap adds vertical space, unless at the top of a page.
func (r *Doc) Gap(h float64) {
	if !r.AtTop() {
		r.Y += h
	}
}

// ReturnTo makes page n current again to draw on it after later pages exist. The page's
// content stream then continues from its own end, so the font and colours are selected
// anew.
func (r *Doc) ReturnTo(n int) {
	r.PDF.SetPage(n)
	r.ForgetFont()
	r.PDF.SetFillColor(ColWhite.R, ColWhite.G, ColWhite.B)
}
