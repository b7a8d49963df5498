package layout

// FlushMarkers draws list markers left without a line (an empty list item).
func (r *Doc) FlushMarkers() {
	if len(r.Markers) > 0 {
		r.Emit([]Line{{H: LineHeight(SizeBody)}}, "L")
	}
}

// HeadingSize is the font size of a heading of a level, in points.
func HeadingSize(level int) float64 {
	switch level {
	case 1:
		return 15
	case 2:
		return 13
	case 3:
		return 11.5
	}
	return 10.5
}

// Quoted draws what body draws as a block quote: indented, muted, with a bar.
func (r *Doc) Quoted(body func()) {
	r.Gap(1)
	saved := r.TextColor
	r.TextColor = ColMuted
	r.Bars = append(r.Bars, r.Left()+1)
	r.Indent += QuoteStep
	body()
	r.Indent -= QuoteStep
	r.Bars = r.Bars[:len(r.Bars)-1]
	r.TextColor = saved
}

// Rule draws a thematic break.
func (r *Doc) Rule() {
	r.Ensure(5)
	r.Gap(1.5)
	r.Decorate(0)
	r.HLine(r.Left(), r.Left()+r.Width(), r.Y+1, ColRule, 0.3)
	r.Y += 3.5
}

// Bookmark adds an outline item at the current position. fpdf converts the position
// with the height of the page that is current when the document closes (the last one),
// not of the bookmark's own page, so the position is shifted by the difference: a
// bookmark on a landscape page would otherwise point above or below its heading. LastH
// must be the height of the last page.
func (r *Doc) Bookmark(title string, level int) {
	_, h := r.PageSize()
	// Outline titles are UTF-16 strings shown by the reader's own fonts: they need no
	// glyph check.
	r.PDF.Bookmark(UTF16Bytes(title), level, r.Y+r.LastH-h)
}
