package site

import (
	"html/template"
	"path"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/yuin/goldmark/ast"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Raw HTML reaches the renderer as trees (markdown/rawhtml.go). By default a page shows
// what the allowlist keeps of them: allowed elements with their allowed attributes,
// the content of the others, nothing of scripts, styles, frames or comments. Links and
// images go the way Markdown's do (resolved, checked, external images as their alt
// text). With unsafe_html: true the site writes the HTML as it was written: the
// author asked for it. Comments then stay in the page's source, never on screen.

func (m *mdRenderer) registerRawHTML(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(markdown.KindHTMLElement, m.renderHTMLElement)
	reg.Register(markdown.KindHTMLText, m.renderHTMLText)
	reg.Register(markdown.KindHTMLHidden, m.renderHTMLHidden)
	// The parser turns all raw HTML into the nodes above; if any were left, they would
	// show nothing rather than their source.
	reg.Register(ast.KindRawHTML, m.renderNothing)
	reg.Register(ast.KindHTMLBlock, m.renderNothing)
}

func (m *mdRenderer) renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

func (m *mdRenderer) renderHTMLText(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*markdown.HTMLText)
		if m.unsafe {
			w.Write(n.Raw)
		} else {
			w.WriteString(template.HTMLEscapeString(string(n.Value)))
		}
	}
	return ast.WalkContinue, nil
}

func (m *mdRenderer) renderHTMLHidden(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering && m.unsafe {
		w.Write(node.(*markdown.HTMLHidden).Raw)
	}
	return ast.WalkContinue, nil
}

func (m *mdRenderer) renderHTMLElement(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	el := node.(*markdown.HTMLElement)
	if m.unsafe {
		m.writtenElement(w, el, entering)
		return ast.WalkContinue, nil
	}
	switch el.Action {
	case markdown.HTMLDrop:
		return ast.WalkSkipChildren, nil
	case markdown.HTMLUnwrap:
		if el.Tag == "img" && entering {
			w.WriteString(template.HTMLEscapeString(el.Alt()))
		}
		return ast.WalkContinue, nil
	}
	switch el.Tag {
	case "a":
		href, _ := el.Attr("href")
		title, _ := el.Attr("title")
		m.link(w, el, href, title, entering)
	case "img":
		if entering {
			m.htmlImage(w, el)
		}
	default:
		tag := el.Tag
		if l := headingTagLevel(tag); l > 0 {
			// Under the page's one h1, as Markdown headings are.
			tag = "h" + strconv.Itoa(min(max(l+m.outline.shift, 2), 6))
		}
		if !entering {
			if !voidElement(tag) {
				w.WriteString("</" + tag + ">")
			}
			if tag == "table" {
				w.WriteString("</div>")
			}
			return ast.WalkContinue, nil
		}
		if tag == "table" {
			w.WriteString(tableWrap)
		}
		w.WriteString("<" + tag)
		writeAttrs(w, el.Attrs)
		w.WriteString(">")
	}
	return ast.WalkContinue, nil
}

// htmlImage writes an allowed <img>: a local image from the site with the attributes
// the allowlist keeps, an external one as its alt text (pages load nothing from
// elsewhere).
func (m *mdRenderer) htmlImage(w util.BufWriter, el *markdown.HTMLElement) {
	src, _ := el.Attr("src")
	if isExternal(src) || src == "" {
		w.WriteString(template.HTMLEscapeString(el.Alt()))
		return
	}
	w.WriteString(`<img src="` + template.HTMLEscapeString(m.imageURL(src)) + `"`)
	alt := false
	for _, a := range el.Attrs {
		if a.Key != "src" {
			alt = alt || a.Key == "alt"
			w.WriteString(" " + a.Key + `="` + template.HTMLEscapeString(a.Val) + `"`)
		}
	}
	if !alt {
		w.WriteString(` alt=""`)
	}
	w.WriteString(` loading="lazy">`)
}

// imageURL is where a local image of the document is on the site, from the page.
func (m *mdRenderer) imageURL(src string) string {
	return urls.Rel(m.page, urls.Asset(m.g.Site, path.Clean(path.Join(path.Dir(m.doc.Path), src))))
}

// writtenElement writes an element as it was written (unsafe_html: true), but points a
// link resolve found at its page, and a local image at its copy on the site.
func (m *mdRenderer) writtenElement(w util.BufWriter, el *markdown.HTMLElement, entering bool) {
	if !entering {
		w.Write(el.RawEnd)
		if el.Tag == "a" && el.RawEnd != nil {
			m.links.depth--
		}
		return
	}
	key, val := "", ""
	switch el.Tag {
	case "a":
		if el.RawEnd != nil {
			m.links.depth++ // a Markdown link inside it is its text
		}
		if t, ok := m.g.Target(el); ok && t.Entity != nil && m.pub.shown(t.Entity) && m.pub.placeholder(t.Entity) == "" {
			key, val = "href", urls.Rel(m.page, urls.Of(t.Entity))
			if t.Fragment != "" {
				val += "#" + t.Fragment
			}
		}
	case "img":
		if src, ok := markdown.ImageSource(el); ok && !isExternal(src) && !strings.HasPrefix(src, "data:") {
			key, val = "src", m.imageURL(src)
		}
	}
	if key == "" {
		w.Write(el.Raw)
		return
	}
	w.WriteString("<" + el.Tag)
	for _, a := range el.Written {
		if a.Key == key {
			a.Val = val
		}
		w.WriteString(" " + a.Key + `="` + template.HTMLEscapeString(a.Val) + `"`)
	}
	w.WriteString(">")
}

func writeAttrs(w util.BufWriter, attrs []markdown.Attr) {
	for _, a := range attrs {
		w.WriteString(" " + a.Key + `="` + template.HTMLEscapeString(a.Val) + `"`)
	}
}

// headingTagLevel returns 1–6 for h1–h6, else 0.
func headingTagLevel(tag string) int {
	if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
		return int(tag[1] - '0')
	}
	return 0
}

func voidElement(tag string) bool { return tag == "br" || tag == "hr" || tag == "img" }
