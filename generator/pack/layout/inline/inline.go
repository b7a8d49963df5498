// Package inline turns the inline content of a goldmark Markdown tree into layout
// spans: text and its escapes, emphasis, strikethrough, code spans, soft and hard line
// breaks, autolinks, images (as their alt text) and the inline raw HTML the markdown
// package keeps (b, i, code, kbd, sub, sup, br, img).
//
// It knows nothing of what links lead to: a Converter asks its Hooks to lay out each
// link and each node it does not know (a cross-reference, a footnote reference), and
// the hooks call back into the Converter for the link's text. What is inside a link is
// its text: a link, autolink or image there is not a link of its own.
package inline

import (
	"strings"
	"unicode"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Hooks decide what the converter cannot: where links lead, and the nodes of
// extensions it does not know.
type Hooks interface {
	// Link appends the spans of a link to dest met outside any other link: a Markdown
	// link (*ast.Link) or a raw HTML <a href>. The link's text is Converter.LinkText.
	Link(c *Converter, n ast.Node, dest string, st layout.Style, out *[]layout.Span)
	// Node appends the spans of a node the converter does not know and reports whether
	// it handled it; when it did not, the node's children are converted in its place.
	// link and url are those of an enclosing link.
	Node(c *Converter, n ast.Node, st layout.Style, link int, url string, out *[]layout.Span) bool
}

// Converter converts the inline nodes of one Markdown source.
type Converter struct {
	Src    []byte // the source the nodes' segments point into
	Hooks  Hooks
	inLink int // links being laid out: inside one, others are their text
}

// New returns a converter for the nodes of src.
func New(src []byte, h Hooks) *Converter { return &Converter{Src: src, Hooks: h} }

// InLink reports whether the converter is laying out the text of a link.
func (c *Converter) InLink() bool { return c.inLink > 0 }

// Spans converts the inline children of parent in the base style.
func (c *Converter) Spans(parent ast.Node, base layout.Style) []layout.Span {
	var out []layout.Span
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		c.Inline(n, base, 0, "", &out)
	}
	return out
}

// Content converts the content of an element as one run of text in style st: a
// paragraph inside it is its text, followed by a space.
func (c *Converter) Content(el ast.Node, st layout.Style) []layout.Span {
	var out []layout.Span
	for n := el.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Type() == ast.TypeBlock && n.Kind() != markdown.KindHTMLElement {
			for nn := n.FirstChild(); nn != nil; nn = nn.NextSibling() {
				c.Inline(nn, st, 0, "", &out)
			}
			out = append(out, layout.Span{Text: " ", Style: st})
			continue
		}
		c.Inline(n, st, 0, "", &out)
	}
	return out
}

// LinkText appends the spans of a link's children, in style st and in the link
// (internal link ID link or external url, either zero for none): inside, other links
// are their text.
func (c *Converter) LinkText(n ast.Node, st layout.Style, link int, url string, out *[]layout.Span) {
	c.inLink++
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.Inline(ch, st, link, url, out)
	}
	c.inLink--
}

// Inline appends the spans of one inline node in style st. link and url are those of
// an enclosing link.
func (c *Converter) Inline(n ast.Node, st layout.Style, link int, url string, out *[]layout.Span) {
	add := func(text string, st layout.Style) {
		*out = append(*out, layout.Span{Text: text, Style: st, Link: link, URL: url})
	}
	children := func(st layout.Style) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			c.Inline(ch, st, link, url, out)
		}
	}
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(c.Src)
		if !n.IsRaw() {
			v = markdown.Unescape(v)
		}
		add(string(v), st)
		switch {
		case n.HardLineBreak():
			*out = append(*out, layout.Span{Break: true, Style: st})
		case n.SoftLineBreak():
			add(" ", st)
		}
	case *ast.String:
		add(string(n.Value), st)
	case *ast.CodeSpan:
		cs := st
		cs.Mono, cs.Bold, cs.Italic = true, false, false
		cs.Size = st.Size * 0.92
		if link == 0 && url == "" {
			cs.Color = layout.RGB{R: 150, G: 30, B: 60} // code outside a link
		}
		add(CodeText(n, c.Src), cs)
	case *ast.Emphasis:
		es := st
		if n.Level >= 2 {
			es.Bold = true
		} else {
			es.Italic = true
		}
		children(es)
	case *east.Strikethrough:
		ss := st
		ss.Strike = true
		children(ss)
	case *ast.Link:
		c.Hooks.Link(c, n, string(n.Destination), st, out)
	case *ast.AutoLink:
		if c.InLink() {
			add(string(n.Label(c.Src)), st) // inside a link: its text
			return
		}
		dest := string(n.URL(c.Src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
			dest = "mailto:" + dest
		}
		ls := st
		ls.Color = layout.ColLink
		*out = append(*out, layout.Span{Text: string(n.Label(c.Src)), Style: ls, URL: dest})
	case *ast.Image:
		if c.InLink() {
			// An image inside a link (a badge) is the link's text.
			add(PlainText(n, c.Src), st)
			return
		}
		is := st
		is.Italic = true
		is.Color = layout.ColMuted
		add("[image: "+PlainText(n, c.Src)+"]", is)
	case *markdown.HTMLElement:
		c.element(n, st, link, url, out)
	case *markdown.HTMLText:
		add(CollapseSpace(string(n.Value)), st)
	case *ast.RawHTML, *markdown.HTMLHidden:
		// Tags and comments are never shown.
	case *east.TaskCheckBox, *east.FootnoteBacklink:
		// The list marker shows the check box; footnotes are listed at the end.
	default:
		if !c.Hooks.Node(c, n, st, link, url, out) {
			children(st)
		}
	}
}

// element appends the spans of a raw HTML element written inline.
func (c *Converter) element(el *markdown.HTMLElement, st layout.Style, link int, url string, out *[]layout.Span) {
	if el.Action == markdown.HTMLDrop {
		return
	}
	if el.Tag == "img" {
		// Inline, an image is its alt text: the link's text inside a link (a badge).
		if alt := el.Alt(); alt != "" {
			if !c.InLink() {
				st.Italic, st.Color = true, layout.ColMuted
			}
			*out = append(*out, layout.Span{Text: alt, Style: st, Link: link, URL: url})
		}
		return
	}
	if el.Action == markdown.HTMLKeep {
		switch el.Tag {
		case "br":
			*out = append(*out, layout.Span{Break: true, Style: st})
			return
		case "a":
			if !c.InLink() {
				href, _ := el.Attr("href")
				c.Hooks.Link(c, el, href, st, out)
				return
			} // inside a link: its text, in that link

		case "b", "strong", "summary", "th":
			st.Bold = true
		case "i", "em":
			st.Italic = true
		case "code", "kbd":
			st.Mono, st.Bold, st.Italic = true, el.Tag == "kbd", false
			st.Size *= 0.92
		case "sub", "sup":
			st.Rise = st.Size * layout.PtToMM * 0.3
			if el.Tag == "sub" {
				st.Rise = -st.Size * layout.PtToMM * 0.15
			}
			st.Size *= 0.72
		}
	}
	for n := el.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Type() == ast.TypeBlock && n.Kind() != markdown.KindHTMLElement {
			// A paragraph inside an inline element: its text, on the same line.
			for nn := n.FirstChild(); nn != nil; nn = nn.NextSibling() {
				c.Inline(nn, st, link, url, out)
			}
			*out = append(*out, layout.Span{Text: " ", Style: st, Link: link, URL: url})
			continue
		}
		c.Inline(n, st, link, url, out)
	}
}

// CodeText returns the text of a code span, on one line.
func CodeText(n ast.Node, src []byte) string {
	return markdown.PlainText(n, src, markdown.TextOptions{CodeSpans: markdown.CodeSpanOneLine})
}

// PlainText returns the text of an inline tree without formatting (headings for the
// outline, image alt text, link labels).
func PlainText(n ast.Node, src []byte) string {
	return strings.TrimSpace(markdown.PlainText(n, src, markdown.TextOptions{
		Unescape: true, HardBreaks: true, CodeSpans: markdown.CodeSpanOneLine, AutoLinks: true, ImageAlt: true,
	}))
}

// CollapseSpace turns every run of white space in HTML text into one space, as a
// browser shows it.
func CollapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, c := range s {
		if unicode.IsSpace(c) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(c)
	}
	return b.String()
}
