package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Title returns the title a git host would show for a Markdown file without front
// matter: the text of its first level-1 heading (ATX "# Title" or setext "Title" over
// "==="), else of its first heading of any level, else "".
func Title(doc ast.Node, src []byte) string {
	var first, h1 *ast.Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if first == nil {
			first = h
		}
		if h.Level == 1 {
			h1 = h
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	for _, h := range []*ast.Heading{h1, first} {
		if h == nil {
			continue
		}
		if t := headingText(h, src); t != "" {
			return t
		}
	}
	return ""
}

// headingText is a heading's text for a title: text and code without markup, images or
// raw HTML, a [[ID]] reference by its label or ID, spaces collapsed.
func headingText(h *ast.Heading, src []byte) string {
	return strings.Join(strings.Fields(PlainText(h, src, TextOptions{HardBreaks: true, AutoLinks: true, SkipImages: true, IgnoreHTML: true})), " ")
}

// LocalDest splits a link destination that points into the site (no scheme, no host)
// into its unescaped path and fragment; ok is false for any other destination.
func LocalDest(dest string) (p, frag string, ok bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return "", "", false
	}
	return u.Path, u.Fragment, true
}
