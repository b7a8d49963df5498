package pack

import (
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
)

// Raw HTML reaches the pack as trees (markdown/rawhtml.go), and it prints what the
// site's allowlist keeps of them, never a tag: local images, line breaks, paragraphs
// and divisions with their alignment, details as a bold summary line then the content,
// headings, lists, block quotes, preformatted text, rules and tables; sub, sup, kbd,
// b, i and code as styled text; links as links; every other element as its content.
// Scripts, styles, frames and comments print nothing; an external image prints its alt
// text.

// htmlBlock renders an element written as raw HTML among blocks.
func (r *renderer) htmlBlock(d *docCtx, el *markdown.HTMLElement) {
	switch {
	case el.Action == markdown.HTMLDrop:
		return
	case el.Action == markdown.HTMLUnwrap || el.Type() == ast.TypeInline:
		r.flow(d, el, el, layout.GapPara)
		return
	}
	switch el.Tag {
	case "p", "div":
		saved := r.doc.Align
		if a, ok := el.Attr("align"); ok {
			r.doc.Align = alignCode(a)
		}
		r.flow(d, el, nil, layout.GapPara)
		r.doc.Align = saved
	case "details":
		r.doc.Gap(1)
		r.flow(d, el, nil, layout.GapPara)
	case "summary":
		st := r.doc.Base()
		st.Bold = true
		r.doc.Para(d.in.Content(el, st), r.doc.Alignment())
		r.doc.Y += layout.GapTight
	case "h1", "h2", "h3", "h4", "h5", "h6":
		st := layout.Style{Bold: true, Size: layout.HeadingSize(int(el.Tag[1]-'0') + 1), Color: layout.ColText}
		lines := r.doc.Lines(d.in.Content(el, st), r.doc.Width())
		r.doc.Gap(layout.GapHeading)
		r.doc.Ensure(layout.LinesHeight(lines) + 2*layout.LineHeight(layout.SizeBody))
		saved := r.doc.Align
		if a, ok := el.Attr("align"); ok {
			r.doc.Align = alignCode(a)
		}
		r.doc.Emit(lines, r.doc.Alignment())
		r.doc.Align = saved
		r.doc.Y += 1.2
	case "ul", "ol":
		r.htmlList(d, el)
	case "blockquote":
		r.doc.Quoted(func() { r.flow(d, el, nil, layout.GapPara) })
	case "pre":
		r.doc.Code("", strings.Trim(htmlText(el, d.src), "\n"))
	case "hr":
		r.doc.Rule()
	case "table":
		r.htmlTable(d, el)
	case "br":
		r.doc.Y += layout.LineHeight(layout.SizeBody) / 2
	default:
		r.flow(d, el, nil, layout.GapPara)
	}
}

// flow renders the children of n: runs of inline content as paragraphs, blocks as
// blocks, and a local image standing among the inline content as a figure. self is
// n when n is an inline element whose own style applies to its content.
func (r *renderer) flow(d *docCtx, n ast.Node, self *markdown.HTMLElement, gap float64) {
	var run []layout.Span
	flush := func() {
		if hasText(run) {
			r.doc.Para(run, r.doc.Alignment())
			r.doc.Y += gap
		}
		run = nil
	}
	if self != nil && self.Tag == "img" {
		if f, ok := r.htmlFigure(d, self); ok && self.Action == markdown.HTMLKeep {
			r.doc.DrawFigure(f, "")
			return
		}
	}
	if self != nil && self.Type() == ast.TypeInline {
		d.in.Inline(self, r.doc.Base(), 0, "", &run)
		flush()
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if el, ok := c.(*markdown.HTMLElement); ok && el.Tag == "img" && el.Action == markdown.HTMLKeep {
			if f, ok := r.htmlFigure(d, el); ok {
				flush()
				r.doc.DrawFigure(f, "")
				continue
			}
		}
		if c.Type() == ast.TypeBlock {
			flush()
			r.block(d, c)
			continue
		}
		d.in.Inline(c, r.doc.Base(), 0, "", &run)
	}
	flush()
}

// htmlFigure lays out an <img> with a local source the PDF can draw.
func (r *renderer) htmlFigure(d *docCtx, el *markdown.HTMLElement) (layout.Figure, bool) {
	src, ok := markdown.ImageSource(el)
	if !ok || imagePath(r.g.Site, d.doc, src) == "" {
		return layout.Figure{}, false
	}
	f := r.figureOf(d, src, el.Alt(), r.htmlSize(el, "width", r.doc.Width()), r.htmlSize(el, "height", r.doc.Bottom()-layout.MarginTop))
	return f, f.Image != nil
}

// htmlSize converts an <img> width or height (pixels, or a percentage of whole) to
// millimetres, 0 when not given.
func (r *renderer) htmlSize(el *markdown.HTMLElement, key string, whole float64) float64 {
	v, ok := el.Attr(key)
	if !ok {
		return 0
	}
	if p, ok := strings.CutSuffix(v, "%"); ok {
		n, _ := strconv.Atoi(p)
		return whole * float64(n) / 100
	}
	n, _ := strconv.Atoi(strings.TrimSuffix(v, "px"))
	return float64(n) * 25.4 / layout.ImageDPI
}

// htmlList draws an <ul> or <ol> with a marker beside each item.
func (r *renderer) htmlList(d *docCtx, el *markdown.HTMLElement) {
	num := 1
	if v, ok := el.Attr("start"); ok {
		if n, err := strconv.Atoi(v); err == nil {
			num = n
		}
	}
	for c := el.FirstChild(); c != nil; c = c.NextSibling() {
		item, ok := c.(*markdown.HTMLElement)
		if !ok || item.Tag != "li" || item.Action == markdown.HTMLDrop {
			if ok || c.Type() == ast.TypeBlock {
				r.block(d, c)
			}
			continue
		}
		st := r.doc.Base()
		text := "•"
		if el.Tag == "ol" {
			text = strconv.Itoa(num) + "."
			num++
		}
		w := max(r.doc.Measure(r.doc.Clean(text, false), st)+2.2, 5)
		r.doc.Markers = append(r.doc.Markers, layout.Marker{Text: text, Style: st, X: r.doc.Left()})
		r.doc.Indent += w
		r.flow(d, item, nil, layout.GapPara/2)
		r.doc.FlushMarkers()
		r.doc.Indent -= w
	}
	r.doc.Y += layout.GapPara / 2
}

// htmlTable draws a <table>: its rows, the first one as the header when it is in a
// <thead> or made of <th> cells. A cell spanning columns is followed by empty cells;
// one spanning rows shows in its first row.
func (r *renderer) htmlTable(d *docCtx, el *markdown.HTMLElement) {
	tb := &layout.Table{Size: layout.SizeTable}
	body := layout.Style{Size: layout.SizeTable, Color: r.doc.TextColor}
	var rows []*markdown.HTMLElement
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if e, ok := c.(*markdown.HTMLElement); ok && e.Action != markdown.HTMLDrop {
				switch e.Tag {
				case "tr":
					rows = append(rows, e)
				case "thead", "tbody", "tfoot":
					walk(e)
				}
			}
		}
	}
	walk(el)
	for i, tr := range rows {
		head := true
		var cells []layout.Cell
		for c := tr.FirstChild(); c != nil; c = c.NextSibling() {
			td, ok := c.(*markdown.HTMLElement)
			if !ok || (td.Tag != "td" && td.Tag != "th") || td.Action == markdown.HTMLDrop {
				continue
			}
			st := body
			st.Bold = td.Tag == "th"
			head = head && td.Tag == "th"
			cl := layout.Cell{Spans: d.in.Content(td, st)}
			if a, ok := td.Attr("align"); ok {
				cl.Align = alignCode(a)
			}
			cells = append(cells, cl)
			if v, ok := td.Attr("colspan"); ok {
				n, _ := strconv.Atoi(v)
				for k := 1; k < min(n, 50); k++ {
					cells = append(cells, layout.Cell{})
				}
			}
		}
		parent, _ := tr.Parent().(*markdown.HTMLElement)
		if i == 0 && (head || (parent != nil && parent.Tag == "thead")) {
			tb.Header = cells
			continue
		}
		tb.Rows = append(tb.Rows, cells)
	}
	if len(tb.Rows) == 0 && len(tb.Header) == 0 {
		return
	}
	r.doc.Gap(0.5)
	r.doc.DrawTable(tb)
	r.doc.Y += layout.GapPara
}

// alignCode converts an HTML align value to the layout's L, C or R.
func alignCode(v string) string {
	switch strings.ToLower(v) {
	case "center":
		return "C"
	case "right":
		return "R"
	}
	return "L"
}

// htmlText is the text content of an element as written, white space kept (for <pre>).
func htmlText(n ast.Node, src []byte) string {
	return markdown.PlainText(n, src, markdown.TextOptions{Unescape: true, LineBreaks: true})
}

// hasText reports whether spans hold anything but white space.
func hasText(spans []layout.Span) bool {
	for _, s := range spans {
		if s.Break || strings.TrimSpace(s.Text) != "" {
			return true
		}
	}
	return false
}
