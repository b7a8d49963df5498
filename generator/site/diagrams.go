package site

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Mermaid diagrams on the site: a ```mermaid block becomes a figure holding its source as
// a code block, which js/diagrams.js replaces with the drawing (Mermaid runs in the
// browser, from the build vendored into the theme). Only pages with a diagram load the
// scripts, and the output has the Mermaid build only when some page does.
const (
	mermaidScript  = "js/vendor/mermaid/mermaid.min.js"
	diagramsScript = "js/diagrams.js"
	mermaidDir     = "js/vendor/mermaid/" // the build, its licence and its README
)

// renderDiagram writes the figure of the current page's next diagram.
func (m *mdRenderer) renderDiagram(w util.BufWriter, src []byte, n *ast.FencedCodeBlock) {
	m.diagrams++
	w.WriteString(`<figure class="diagram" id="` + diagram.Anchor(m.diagrams) + `" data-diagram="mermaid">` + "\n")
	w.WriteString(`<pre class="chroma diagram-source"><code class="language-mermaid">`)
	w.WriteString(template.HTMLEscapeString(diagram.Source(n, src)))
	w.WriteString("</code></pre>\n</figure>\n")
}

// diagramScripts are the script tags of a page with diagrams, each on a line of its own.
func diagramScripts(p *Page) string {
	return "\n" + `<script defer src="` + template.HTMLEscapeString(p.Rel(mermaidScript)) + `"></script>` +
		"\n" + `<script defer src="` + template.HTMLEscapeString(p.Rel(diagramsScript)) + `"></script>`
}

// addDiagramScripts puts the scripts into a page with diagrams whose theme's baseof.html
// does not (it should have {{.DiagramScripts}} in <head>, as the default theme does).
func addDiagramScripts(p *Page, html []byte) []byte {
	if !p.Diagrams || bytes.Contains(html, []byte(diagramsScript)) {
		return html
	}
	i := bytes.Index(html, []byte("</head>"))
	if i < 0 {
		return html
	}
	return append(append(append([]byte{}, html[:i]...), diagramScripts(p)+"\n"...), html[i:]...)
}

// DiagramScripts is the script tags of the page, for layouts: "" on pages without a
// diagram.
func (p *Page) DiagramScripts() template.HTML {
	if !p.Diagrams {
		return ""
	}
	return template.HTML(diagramScripts(p))
}

// markDiagrams records that a page shows diagrams, so that the output gets the Mermaid
// build; a page copied from the previous render keeps the mark it had there.
func (st *renderState) markDiagrams(page string) { st.diagramPages.Store(page, true) }

func (st *renderState) carryDiagrams(prev *Output, page string) {
	if prev != nil && prev.state != nil {
		if _, ok := prev.state.diagramPages.Load(page); ok {
			st.markDiagrams(page)
		}
	}
}

// anyDiagrams reports whether some page of the render shows a diagram.
func (st *renderState) anyDiagrams() bool {
	found := false
	st.diagramPages.Range(func(_, _ any) bool {
		found = true
		return false
	})
	return found
}

// skipMermaid reports whether a theme static file is the Mermaid build that no page needs.
func (r *renderer) skipMermaid(p string) bool {
	return strings.HasPrefix(p, mermaidDir) && !r.state.anyDiagrams()
}
