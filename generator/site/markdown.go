package site

import (
	"bufio"
	"bytes"
	"html/template"
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// mdRenderer renders document ASTs to HTML for one page at a time. Each worker has its
// own, because it carries the page being rendered (links are relative to it).
type mdRenderer struct {
	g       *resolve.Graph
	pub     *publisher
	md      goldmark.Markdown
	page    string // output path of the page being rendered
	doc     *model.Document
	unsafe  bool
	codeFmt *highlighter
	outline outline     // how the current document's headings sit under the page's h1
	links   anchorStack // the links being rendered: none is ever inside another
	gm      capture     // goldmark's renderers of the nodes ours wrap
	// diagrams counts the Mermaid diagrams of the current page (see diagrams.go).
	diagrams int
	// parser parses a body again whose AST the render dropped (see detacher).
	parser *markdown.Parser
	// buf and bw are the worker's buffer for a body's HTML, kept from one document to
	// the next (goldmark writes through a bufio.Writer of its own, 4 KB, unless given one).
	buf bytes.Buffer
	bw  *bufio.Writer
}

func (r *renderer) newMarkdown() *mdRenderer {
	m := &mdRenderer{g: r.g, pub: r.pub, unsafe: r.g.Site.Config.UnsafeHTML, codeFmt: newHighlighter(r.lexers), gm: goldmarkRenderers()}
	opts := []gmrenderer.Option{gmrenderer.WithNodeRenderers(util.Prioritized(m, 100))}
	if m.unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	m.md = goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(opts...),
	)
	return m
}

// tocEntry is a heading of a document for the "on this page" list.
type tocEntry struct {
	Level int
	ID    string
	Text  string
}

// render renders a document body for the page at pagePath.
func (m *mdRenderer) render(d *model.Document, pagePath string) (template.HTML, []tocEntry, error) {
	m.page, m.doc, m.outline, m.links, m.diagrams = pagePath, d, planOutline(d), anchorStack{}, 0
	m.buf.Reset()
	if m.bw == nil {
		m.bw = bufio.NewWriter(&m.buf)
	}
	m.bw.Reset(&m.buf) // what a failed or panicking render left unflushed is not this body's
	if err := m.md.Renderer().Render(m.bw, d.Body, d.AST); err != nil {
		return "", nil, err
	}
	return template.HTML(m.buf.String()), headings(d, m.outline), nil
}

// headings lists the headings of a document rendered as h2 and h3.
func headings(d *model.Document, o outline) []tocEntry {
	var out []tocEntry
	ast.Walk(d.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if l := o.level(h); h != o.drop && (l == 2 || l == 3) {
			out = append(out, tocEntry{Level: l, ID: headingID(h), Text: plainText(h, d.Body)})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// plainText returns the text content of a node.
func plainText(n ast.Node, src []byte) string {
	return markdown.PlainText(n, src, markdown.TextOptions{})
}

// RegisterFuncs implements gmrenderer.NodeRenderer.
func (m *mdRenderer) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(markdown.KindRef, m.renderRef)
	reg.Register(ast.KindLink, m.renderLink)
	reg.Register(ast.KindImage, m.renderImage)
	reg.Register(ast.KindFencedCodeBlock, m.renderCode)
	reg.Register(ast.KindCodeBlock, m.renderCode)
	reg.Register(ast.KindHeading, m.renderHeading)
	reg.Register(east.KindTaskCheckBox, m.renderTaskCheckBox)
	reg.Register(ast.KindAutoLink, m.renderAutoLink)
	reg.Register(east.KindFootnoteLink, m.renderFootnoteLink)
	reg.Register(east.KindFootnoteBacklink, m.renderFootnoteBacklink)
	reg.Register(east.KindTable, m.renderTable)
	reg.Register(east.KindTableCell, m.renderTableCell)
	reg.Register(ast.KindListItem, m.renderListItem)
	m.registerRawHTML(reg)
}

// refLabel is the text shown for a [[ID]] reference: the author's label, else the
// title of a document, else the ID.
func refLabel(n *markdown.Ref, t *resolve.Entity) string {
	switch {
	case n.Label != "":
		return n.Label
	case t != nil && (t.Kind == resolve.KindDocument || t.Kind == resolve.KindRegister) && t.Title != "":
		return t.Title
	}
	return n.ID
}

func (m *mdRenderer) renderRef(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*markdown.Ref)
	t, _ := m.g.Target(n)
	if m.links.inside() {
		// Inside a link: its text (never the title of what the site withholds).
		label := refLabel(n, t.Entity)
		if m.pub.placeholder(t.Entity) != "" {
			label = refLabel(n, nil)
		}
		w.WriteString(template.HTMLEscapeString(label))
		return ast.WalkContinue, nil
	}
	if pp := m.pub.placeholder(t.Entity); pp != "" {
		// Withheld: the author's label or the ID, never the target's title.
		label := refLabel(n, nil)
		w.WriteString(`<a class="ref ref-withheld" href="` + template.HTMLEscapeString(urls.Rel(m.page, pp)) + `">` + template.HTMLEscapeString(label) + `</a>`)
		return ast.WalkContinue, nil
	}
	label := refLabel(n, t.Entity)
	if t.Entity == nil || !t.Entity.Published {
		w.WriteString(`<span class="ref ref-unpublished" title="not published in this build">`)
		w.WriteString(template.HTMLEscapeString(label))
		w.WriteString(`</span>`)
		return ast.WalkContinue, nil
	}
	e := t.Entity
	class := "ref" // its kind shows in its URL; no theme styles it
	if label != e.ID {
		class += " ref-title" // a title or label wraps; an ID never does
	}
	w.WriteString(`<a class="` + class + `" href="` + template.HTMLEscapeString(urls.Rel(m.page, urls.Of(e))) + `"`)
	tip := strings.TrimSpace(e.ID + " " + e.Title)
	if label == e.ID {
		tip = e.Title // the link's text is the ID: the tooltip need not repeat it
	}
	if tip != "" && tip != label && (label != e.Title || e.Kind != resolve.KindDocument) {
		w.WriteString(` title="` + template.HTMLEscapeString(tip) + `"`)
	}
	w.WriteString(`>` + template.HTMLEscapeString(label) + `</a>`)
	return ast.WalkContinue, nil
}

func (m *mdRenderer) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	m.link(w, n, string(n.Destination), string(n.Title), entering)
	return ast.WalkContinue, nil
}

// link opens or closes a link to dest: a Markdown link, or a raw HTML <a> the
// allowlist keeps. It links what resolve found for n; inside another link it is only
// its text.
func (m *mdRenderer) link(w util.BufWriter, n ast.Node, dest, title string, entering bool) {
	t, resolved := m.g.Target(n)
	if t.Broken != "" {
		// A broken link under links: warn: its text, marked, with the reason on hover.
		if entering {
			w.WriteString(`<span class="broken-link" title="` + template.HTMLEscapeString("Broken link: "+t.Broken) + `">`)
		} else {
			w.WriteString(`</span>`)
		}
		return
	}
	if !entering {
		m.links.close(w)
		return
	}
	attrs := ""
	if resolved && t.File != "" {
		// An attachment, copied to the site where the link expects it.
		dest = urls.Rel(m.page, urls.Asset(m.g.Site, t.File))
		if t.Fragment != "" {
			dest += "#" + t.Fragment
		}
	} else if resolved {
		if pp := m.pub.placeholder(t.Entity); pp != "" {
			m.links.open(w, `<a class="ref-withheld" href="`+template.HTMLEscapeString(urls.Rel(m.page, pp))+`">`)
			return
		}
		if !m.pub.shown(t.Entity) {
			// A link to a document left out of this build shows as text.
			m.links.open(w, `<a class="ref-unpublished" title="not published in this build">`)
			return
		}
		dest = urls.Rel(m.page, urls.Of(t.Entity))
		if t.Fragment != "" {
			dest += "#" + t.Fragment
		}
	} else if isExternal(dest) {
		attrs = ` class="external" rel="noopener noreferrer"`
	}
	tag := `<a href="` + template.HTMLEscapeString(safeURL(dest)) + `"` + attrs
	if title != "" {
		tag += ` title="` + template.HTMLEscapeString(title) + `"`
	}
	m.links.open(w, tag+">")
}

func (m *mdRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	dest := string(n.Destination)
	alt := plainText(n, src)
	if isExternal(dest) || strings.HasPrefix(dest, "data:") {
		// Pages load nothing from outside the site: an external image becomes a link to
		// it, or inside a link (a badge) that link's text.
		if m.links.inside() {
			w.WriteString(template.HTMLEscapeString(alt))
			return ast.WalkSkipChildren, nil
		}
		w.WriteString(`<a class="external" rel="noopener noreferrer" href="` + template.HTMLEscapeString(safeURL(dest)) + `">` + template.HTMLEscapeString("image: "+alt) + `</a>`)
		return ast.WalkSkipChildren, nil
	}
	target := path.Clean(path.Join(path.Dir(m.doc.Path), dest))
	w.WriteString(`<img src="` + template.HTMLEscapeString(urls.Rel(m.page, urls.Asset(m.g.Site, target))) + `" alt="` + template.HTMLEscapeString(alt) + `"`)
	if len(n.Title) > 0 {
		w.WriteString(` title="` + template.HTMLEscapeString(string(n.Title)) + `"`)
	}
	w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

func (m *mdRenderer) renderCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok {
		if diagram.Is(f, src) {
			m.renderDiagram(w, src, f)
			return ast.WalkSkipChildren, nil
		}
		lang = markdown.CodeLanguage(f, src)
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	w.WriteString(m.codeFmt.html(code.String(), lang))
	return ast.WalkSkipChildren, nil
}

// isExternal reports whether a URL leaves the site.
func isExternal(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http:") || strings.HasPrefix(l, "https:") || strings.HasPrefix(l, "//") ||
		strings.HasPrefix(l, "mailto:") || strings.HasPrefix(l, "ftp:")
}

// safeURL neutralises javascript: and other script-bearing schemes.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	for _, bad := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(l, bad) {
			return "#"
		}
	}
	return u
}
