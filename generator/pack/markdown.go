package pack

import (
	"bytes"
	"fmt"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// body renders a document's Markdown by walking the AST load parsed.
func (r *renderer) body(it *Item) {
	doc := it.Entity.Doc
	d := r.newDocCtx(it, doc)
	r.doc.TextColor = layout.ColText
	r.blocks(d, doc.AST)
	r.doc.FlushMarkers()
}

func (r *renderer) blocks(d *docCtx, parent ast.Node) {
	for c := parent.FirstChild(); c != nil; {
		if c.Type() == ast.TypeInline {
			c = r.inlineRun(d, c)
			continue
		}
		r.block(d, c)
		c = c.NextSibling()
	}
}

// inlineRun draws inline nodes that sit directly in a block container, up to the next
// block, as one paragraph, and returns that next block. goldmark puts a footnote's
// back-link there when the footnote does not end with a paragraph (an empty footnote
// definition, or one ending with a list, a heading or code).
func (r *renderer) inlineRun(d *docCtx, first ast.Node) ast.Node {
	var spans []layout.Span
	c := first
	for ; c != nil && c.Type() == ast.TypeInline; c = c.NextSibling() {
		d.in.Inline(c, r.doc.Base(), 0, "", &spans)
	}
	if len(spans) > 0 {
		r.doc.Para(spans, "L")
		r.doc.Y += layout.GapTight
	}
	return c
}

func (r *renderer) block(d *docCtx, n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		r.heading(d, n)
	case *ast.Paragraph:
		r.paragraph(d, n, layout.GapPara)
	case *ast.TextBlock:
		gap := layout.GapTight
		if n.NextSibling() != nil {
			gap = layout.GapPara / 2
		}
		r.paragraph(d, n, gap)
	case *ast.List:
		r.list(d, n)
	case *ast.FencedCodeBlock:
		if diagram.Is(n, d.src) {
			r.diagram(d, n)
			return
		}
		r.doc.Code(markdown.CodeLanguage(n, d.src), blockText(n, d.src, false))
	case *ast.CodeBlock:
		r.doc.Code("", blockText(n, d.src, false))
	case *ast.Blockquote:
		r.quote(d, n)
	case *ast.ThematicBreak:
		r.doc.Rule()
	case *markdown.HTMLElement:
		r.htmlBlock(d, n)
	case *markdown.HTMLText, *markdown.HTMLHidden, *ast.HTMLBlock:
		// Text between HTML blocks is white space; tags and comments are never shown.
	case *east.Table:
		r.mdTable(d, n)
	case *east.FootnoteList:
		r.footnotes(d, n)
	default:
		if n.FirstChild() != nil {
			r.blocks(d, n)
		} else if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			r.doc.Para(layout.Plain(blockText(n, d.src, false), r.doc.Base()), "L")
		}
	}
}

func (r *renderer) heading(d *docCtx, h *ast.Heading) {
	st := layout.Style{Bold: true, Size: layout.HeadingSize(h.Level), Color: layout.ColText}
	lines := r.doc.Lines(d.in.Spans(h, st), r.doc.Width())
	r.doc.Gap(layout.GapHeading)
	// Keep the heading with the first lines of what follows, or with a figure.
	keep := 2 * layout.LineHeight(layout.SizeBody)
	if next := h.NextSibling(); next != nil {
		if imgs := onlyImages(next, d.src); len(imgs) > 0 {
			f := r.layFigure(d, imgs[0])
			keep = max(keep, f.H+f.CaptionH)
		}
	}
	r.doc.Ensure(layout.LinesHeight(lines) + keep)
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok && d.it.Entity != nil {
			r.anchors.Mark(anchorKey{e: d.it.Entity, frag: string(b)}, r.doc.Y)
		}
	}
	if te := r.headTOC[h]; te != nil {
		r.doc.Reach(te, 1)
	}
	r.doc.Emit(lines, "L")
	r.doc.Y += 1.2
}

func (r *renderer) paragraph(d *docCtx, n ast.Node, gap float64) {
	if imgs := onlyImages(n, d.src); imgs != nil {
		for _, img := range imgs {
			r.image(d, img)
		}
		r.doc.Y += gap
		return
	}
	r.doc.Para(d.in.Spans(n, r.doc.Base()), r.doc.Alignment())
	r.doc.Y += gap
}

// onlyImages returns the images of a paragraph made of images alone (shown as figures),
// else nil.
func onlyImages(n ast.Node, src []byte) []*ast.Image {
	var imgs []*ast.Image
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			imgs = append(imgs, c)
		case *ast.Text:
			if c.Segment.Len() > 0 && len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return imgs
}

func (r *renderer) list(d *docCtx, l *ast.List) {
	num := l.Start
	if num == 0 {
		num = 1
	}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		st := r.doc.Base()
		text := "•"
		if l.IsOrdered() {
			text = fmt.Sprintf("%d%c", num, l.Marker)
			num++
		}
		if box, ok := taskBox(item); ok {
			st.Mono = true
			text = "[ ]"
			if box.IsChecked {
				text = "[x]"
			}
		}
		w := max(r.doc.Measure(r.doc.Clean(text, st.Mono), st)+2.2, 5)
		r.doc.Markers = append(r.doc.Markers, layout.Marker{Text: text, Style: st, X: r.doc.Left()})
		r.doc.Indent += w
		r.blocks(d, item)
		r.doc.FlushMarkers()
		r.doc.Indent -= w
	}
	r.doc.Y += layout.GapPara / 2
}

// taskBox returns the check box of a task list item.
func taskBox(item ast.Node) (*east.TaskCheckBox, bool) {
	first := item.FirstChild()
	if first == nil {
		return nil, false
	}
	box, ok := first.FirstChild().(*east.TaskCheckBox)
	return box, ok
}

func (r *renderer) quote(d *docCtx, n *ast.Blockquote) { r.doc.Quoted(func() { r.blocks(d, n) }) }

func (r *renderer) footnotes(d *docCtx, n *east.FootnoteList) {
	r.doc.Gap(3)
	r.doc.Ensure(3 * layout.LineHeight(layout.SizeBody))
	r.doc.HLine(r.doc.Left(), r.doc.Left()+40, r.doc.Y, layout.ColRule, 0.3)
	r.doc.Y += 1.5
	r.doc.Para(layout.Plain("Notes", layout.Style{Bold: true, Size: layout.SizeSmall + 1, Color: layout.ColText}), "L")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		fn, ok := c.(*east.Footnote)
		if !ok {
			continue
		}
		st := r.doc.Base()
		text := fmt.Sprintf("[%d]", fn.Index)
		w := r.doc.Measure(text, st) + 2.2
		r.doc.Ensure(layout.LineHeight(layout.SizeBody))
		if d.it.Entity != nil {
			r.anchors.Mark(anchorKey{e: d.it.Entity, frag: fmt.Sprintf("fn:%d", fn.Index)}, r.doc.Y)
		}
		r.doc.Markers = append(r.doc.Markers, layout.Marker{Text: text, Style: st, X: r.doc.Left()})
		r.doc.Indent += w
		r.blocks(d, fn)
		r.doc.FlushMarkers()
		r.doc.Indent -= w
	}
}

// blockText returns the lines of a leaf block.
func blockText(n ast.Node, src []byte, html bool) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return string(bytes.TrimRight(b.Bytes(), "\n"))
}
