package pack

import (
	"strconv"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
)

// TOC layout.
const (
	tocIndent  = 6.0  // per level
	tocNumW    = 14.0 // page number column
	tocGap0    = 1.4  // space before a top-level entry
	tocTitleSz = 16.0
)

// tocEntry is one line of the table of contents and one outline item: a document or a
// section of one. The entries are known before rendering (from the plan and the
// documents' ASTs), so the TOC's pages can be reserved; their page numbers are filled
// in once every document has been drawn.
type tocEntry struct {
	level int
	title string
	link  int // internal link to the destination
	page  int // page of the destination, once drawn
	lines []layout.Line
	// where the entry sits in the TOC: index of the TOC page and y on it
	tocPage int
	y       float64
}

func (r *renderer) newEntry(level int, title string) *tocEntry {
	e := &tocEntry{level: level, title: title, link: r.PDF.AddLink()}
	r.toc = append(r.toc, e)
	return e
}

// itemLabel is how an item is named in the TOC, the outline and the register.
func itemLabel(it *Item) string {
	if it.ID() == "" {
		return it.Title()
	}
	return it.ID() + "  " + it.Title()
}

// planTOC lists the entries: the document register, then each item with its sections.
func (r *renderer) planTOC() {
	r.regTOC = r.newEntry(0, "Document register")
	r.itemTOC = make([]*tocEntry, len(r.plan.Items))
	for i, it := range r.plan.Items {
		r.itemTOC[i] = r.newEntry(0, itemLabel(it))
		switch it.Kind {
		case ItemDocument:
			r.guardItem(it, func() { r.headingEntries(it.Entity.Doc) })
		case ItemSoA:
			for _, th := range r.themes() {
				r.headTOC[sectionKey{it, th.name}] = r.newEntry(1, th.title)
			}
		case ItemRisks:
			for _, s := range riskSections {
				r.headTOC[sectionKey{it, s}] = r.newEntry(1, s)
			}
		}
	}
}

// headingEntries adds a document's level 1 and 2 headings to the TOC.
func (r *renderer) headingEntries(doc *model.Document) {
	_ = ast.Walk(doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if h.Level <= 2 {
				if t := plainText(h, doc.Body); t != "" {
					r.headTOC[h] = r.newEntry(1, t)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// sectionKey names a section of a generated artefact in headTOC.
type sectionKey struct {
	it   *Item
	name string
}

// reach marks a TOC entry's destination at the current position and adds its outline
// item.
func (r *renderer) reach(e *tocEntry, level int) {
	if e == nil || e.page != 0 {
		return
	}
	e.page = r.PDF.PageNo()
	r.PDF.SetLink(e.link, r.Y, e.page)
	r.Bookmark(e.title, level)
}

// reserveTOC lays the TOC out and adds its pages, left blank until fillTOC.
func (r *renderer) reserveTOC() {
	r.planTOC()
	r.Landscape = false
	r.cur = pageInfo{doc: "Contents"}
	r.NewPage()
	w := r.Width()
	y := layout.MarginTop + layout.LineHeight(tocTitleSz) + 3
	page := 0
	for _, e := range r.toc {
		st := tocStyle(e.level)
		e.lines = r.Lines(layout.Plain(e.title, st), w-tocNumW-float64(e.level)*tocIndent)
		h := layout.LinesHeight(e.lines)
		if e.level == 0 {
			h += tocGap0
		}
		if y+h > r.Bottom() {
			page++
			y = layout.MarginTop
		}
		e.tocPage, e.y = page, y
		y += h
	}
	r.tocPages = []int{r.PDF.PageNo()}
	r.Bookmark("Contents", 0)
	r.Text(layout.MarginSide, r.Y, w, "Contents", layout.Style{Bold: true, Size: tocTitleSz, Color: layout.ColText}, "L", 0, "")
	for range page {
		r.NewPage()
		r.tocPages = append(r.tocPages, r.PDF.PageNo())
	}
}

func tocStyle(level int) layout.Style {
	if level == 0 {
		return layout.Style{Bold: true, Size: layout.SizeBody, Color: layout.ColText}
	}
	return layout.Style{Size: layout.SizeBody - 1, Color: layout.ColMuted}
}

// fillTOC draws the entries, now that every destination has a page, on the reserved
// pages, then returns to the last page so that fpdf closes the document there.
func (r *renderer) fillTOC() {
	last := r.PDF.PageCount()
	// An entry the rendering never reached (it should not happen) leads to its document
	// rather than nowhere.
	parent := 0
	for _, e := range r.toc {
		if e.page == 0 {
			e.page = max(parent, 1)
			r.PDF.SetLink(e.link, 0, e.page)
		}
		if e.level == 0 {
			parent = e.page
		}
	}
	w := r.Width()
	for i, n := range r.tocPages {
		r.ReturnTo(n)
		for _, e := range r.toc {
			if e.tocPage != i {
				continue
			}
			y := e.y
			if e.level == 0 {
				y += tocGap0
			}
			x := layout.MarginSide + float64(e.level)*tocIndent
			h := layout.LinesHeight(e.lines)
			for _, ln := range e.lines {
				r.DrawLine(ln, x, y)
				y += ln.H
			}
			num := ""
			if e.page > 0 {
				num = strconv.Itoa(e.page)
			}
			lastH := e.lines[len(e.lines)-1].H
			r.Text(layout.MarginSide+w-tocNumW, y-lastH, tocNumW, num, tocStyle(e.level), "R", 0, "")
			r.PDF.Link(x, y-h, w-(x-layout.MarginSide), h, e.link)
		}
	}
	r.ReturnTo(last)
	if r.PDF.PageNo() != last {
		r.PDF.SetErrorf("pack: could not return to page %d after the table of contents", last)
	}
}
