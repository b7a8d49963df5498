package layout

import "strconv"

// Contents layout.
const (
	contentsIndent  = 6.0  // per level
	contentsNumW    = 14.0 // page number column
	contentsGap0    = 1.4  // space before a top-level entry
	contentsTitleSz = 16.0
)

// Contents is a table of contents and the document outline. Its entries are known
// before the document is drawn, so its pages can be reserved (Reserve) before the
// content; each entry is reached (Doc.Reach) as its destination is drawn, and the page
// numbers are filled in (Fill) once everything has been.
type Contents struct {
	Title   string // the heading of its first page and its outline item
	Entries []*Entry
	pages   []int // the reserved pages
}

// Entry is one line of the contents and one outline item.
type Entry struct {
	Level int
	Title string
	Link  int // internal link to the destination
	Page  int // page of the destination, once reached
	lines []Line
	// where the entry sits in the contents: index of the reserved page and y on it
	at int
	y  float64
}

// Add appends an entry with a new internal link, for the destination to set.
func (c *Contents) Add(d *Doc, level int, title string) *Entry {
	e := &Entry{Level: level, Title: title, Link: d.PDF.AddLink()}
	c.Entries = append(c.Entries, e)
	return e
}

// Reach marks the destination of entry e at the current position, once, and adds its
// outline item at level. A nil entry is ignored.
func (r *Doc) Reach(e *Entry, level int) {
	if e == nil || e.Page != 0 {
		return
	}
	e.Page = r.PDF.PageNo()
	r.PDF.SetLink(e.Link, r.Y, e.Page)
	r.Bookmark(e.Title, level)
}

// contentsStyle is the style of an entry at level.
func contentsStyle(level int) Style {
	if level == 0 {
		return Style{Bold: true, Size: SizeBody, Color: ColText}
	}
	return Style{Size: SizeBody - 1, Color: ColMuted}
}

// Reserve starts a new page (in the orientation and with the running header the
// caller set), lays the entries out from there, with the title on the first page, and
// adds the pages they need, left blank until Fill.
func (c *Contents) Reserve(r *Doc) {
	r.NewPage()
	w := r.Width()
	y := MarginTop + LineHeight(contentsTitleSz) + 3
	page := 0
	for _, e := range c.Entries {
		e.lines = r.Lines(Plain(e.Title, contentsStyle(e.Level)), w-contentsNumW-float64(e.Level)*contentsIndent)
		h := LinesHeight(e.lines)
		if e.Level == 0 {
			h += contentsGap0
		}
		if y+h > r.Bottom() {
			page++
			y = MarginTop
		}
		e.at, e.y = page, y
		y += h
	}
	c.pages = []int{r.PDF.PageNo()}
	r.Bookmark(c.Title, 0)
	r.Text(MarginSide, r.Y, w, c.Title, Style{Bold: true, Size: contentsTitleSz, Color: ColText}, "L", 0, "")
	for range page {
		r.NewPage()
		c.pages = append(c.pages, r.PDF.PageNo())
	}
}

// Fill draws the entries, titles linked to their destinations and page numbers
// flush right, on the reserved pages, then returns to the last page so that fpdf
// closes the document there. An entry never reached leads to the page of the top-level
// entry before it (its document) rather than nowhere.
func (c *Contents) Fill(r *Doc) {
	last := r.PDF.PageCount()
	parent := 0
	for _, e := range c.Entries {
		if e.Page == 0 {
			e.Page = max(parent, 1)
			r.PDF.SetLink(e.Link, 0, e.Page)
		}
		if e.Level == 0 {
			parent = e.Page
		}
	}
	w := r.Width()
	for i, n := range c.pages {
		r.ReturnTo(n)
		for _, e := range c.Entries {
			if e.at != i {
				continue
			}
			y := e.y
			if e.Level == 0 {
				y += contentsGap0
			}
			x := MarginSide + float64(e.Level)*contentsIndent
			h := LinesHeight(e.lines)
			for _, ln := range e.lines {
				r.DrawLine(ln, x, y)
				y += ln.H
			}
			num := ""
			if e.Page > 0 {
				num = strconv.Itoa(e.Page)
			}
			lastH := e.lines[len(e.lines)-1].H
			r.Text(MarginSide+w-contentsNumW, y-lastH, contentsNumW, num, contentsStyle(e.Level), "R", 0, "")
			r.PDF.Link(x, y-h, w-(x-MarginSide), h, e.Link)
		}
	}
	r.ReturnTo(last)
	if r.PDF.PageNo() != last {
		r.PDF.SetErrorf("layout: could not return to page %d after the table of contents", last)
	}
}
