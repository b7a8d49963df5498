package site

import (
	"html/template"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// No page has an <a> inside an <a>: browsers split such links apart, and the inner
// one is lost or the outer one broken. Everything that writes an <a> of its own (a
// Markdown link, a raw HTML <a>, an autolink, an [[ID]] reference, a footnote mark, a
// heading's self-link, an external image) goes through the anchor stack, and inside a
// link it writes only its text.

// anchorStack records, for each link being rendered, whether it opened an <a>.
type anchorStack struct {
	opened []bool
	depth  int // how many of them did
}

// inside reports whether an <a> is open.
func (s *anchorStack) inside() bool { return s.depth > 0 }

// open writes the start tag of a link unless a link is already open; close must
// follow when the link ends.
func (s *anchorStack) open(w util.BufWriter, startTag string) {
	ok := s.depth == 0
	if ok {
		w.WriteString(startTag)
		s.depth++
	}
	s.opened = append(s.opened, ok)
}

// close ends the link open opened last.
func (s *anchorStack) close(w util.BufWriter) {
	k := len(s.opened) - 1
	if k < 0 {
		return
	}
	if s.opened[k] {
		w.WriteString("</a>")
		s.depth--
	}
	s.opened = s.opened[:k]
}

// capture collects the render functions a goldmark node renderer registers, so that
// ours can hand a node to goldmark's when it is not inside a link.
type capture map[ast.NodeKind]gmrenderer.NodeRendererFunc

func (c capture) Register(k ast.NodeKind, f gmrenderer.NodeRendererFunc) { c[k] = f }

// goldmarkRenderers returns goldmark's own renderers of the nodes ours wrap: autolinks,
// footnote marks and tables, with the options the site's Markdown has.
func goldmarkRenderers() capture {
	c := capture{}
	html.NewRenderer().RegisterFuncs(c)
	extension.NewFootnoteHTMLRenderer().RegisterFuncs(c)
	extension.NewTableHTMLRenderer().RegisterFuncs(c)
	return c
}

func (m *mdRenderer) renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if m.links.inside() {
		if entering {
			w.WriteString(template.HTMLEscapeString(string(node.(*ast.AutoLink).Label(src))))
		}
		return ast.WalkContinue, nil
	}
	return m.gm[ast.KindAutoLink](w, src, node, entering)
}

// renderFootnoteLink writes a footnote mark; inside a link, the number alone, still
// with the ID the footnote's back link points at.
func (m *mdRenderer) renderFootnoteLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if m.links.inside() {
		if entering {
			n := node.(*east.FootnoteLink)
			id := "fnref"
			if n.RefIndex > 0 {
				id += strconv.Itoa(n.RefIndex)
			}
			w.WriteString(`<sup id="` + id + ":" + strconv.Itoa(n.Index) + `">` + strconv.Itoa(n.Index) + `</sup>`)
		}
		return ast.WalkContinue, nil
	}
	return m.gm[east.KindFootnoteLink](w, src, node, entering)
}

// renderFootnoteBacklink writes a footnote's link back to its mark, unless the end of
// the footnote is inside a link.
func (m *mdRenderer) renderFootnoteBacklink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if m.links.inside() {
		return ast.WalkContinue, nil
	}
	return m.gm[east.KindFootnoteBacklink](w, src, node, entering)
}
