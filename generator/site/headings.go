package site

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// outline says how a document's body headings are placed under the page's own h1 (the
// document title, printed by the layout): a page has exactly one h1, so a leading
// "# Title" that repeats the title is dropped, and when the body uses h1 for its
// sections every heading moves down one level (h1 → h2, h2 → h3, …).
type outline struct {
	drop  *ast.Heading // the leading title heading, or nil
	shift int          // 0 or 1
}

// planOutline decides the outline of a document body.
func planOutline(d *model.Document) outline {
	var o outline
	if d == nil || d.AST == nil {
		return o
	}
	if h, ok := d.AST.FirstChild().(*ast.Heading); ok && h.Level == 1 && sameTitle(plainText(h, d.Body), d.Meta.Title) {
		o.drop = h
	}
	for n := d.AST.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 && h != o.drop {
			o.shift = 1
			break
		}
	}
	return o
}

// level returns the level a heading is rendered at.
func (o outline) level(h *ast.Heading) int { return min(h.Level+o.shift, 6) }

// sameTitle compares a heading with the document title, ignoring case and spacing.
func sameTitle(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) != "" && norm(a) == norm(b)
}

// renderHeading renders a body heading at its outline level with its stable ID (from
// goldmark's automatic heading IDs, unique within the document), so a reader can link
// to the section.
func (m *mdRenderer) renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := node.(*ast.Heading)
	if h == m.outline.drop {
		return ast.WalkSkipChildren, nil
	}
	tag := "h" + strconv.Itoa(m.outline.level(h))
	id := headingID(h)
	if entering {
		w.WriteString("<" + tag)
		if id != "" {
			w.WriteString(` id="` + template.HTMLEscapeString(id) + `"`)
		}
		w.WriteString(">")
		return ast.WalkContinue, nil
	}
	// The self-link a reader copies is added by js/site.js (headingAnchors): a mouse
	// convenience, hidden from assistive technology, that would cost every heading of every
	// page 80 bytes.
	w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

// headingID returns the ID goldmark gave a heading.
func headingID(h *ast.Heading) string {
	v, ok := h.AttributeString("id")
	if !ok {
		return ""
	}
	switch id := v.(type) {
	case []byte:
		return string(id)
	case string:
		return id
	}
	return ""
}
