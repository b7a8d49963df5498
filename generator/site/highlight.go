package site

import (
	"bytes"
	"html/template"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// highlighter renders code blocks with chroma's CSS classes; the colours live in one
// stylesheet (css/chroma.css), so pages stay small and dark mode can restyle them.
type highlighter struct{ f *chromahtml.Formatter }

func newHighlighter() *highlighter {
	return &highlighter{f: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(false))}
}

// html returns the highlighted block, or an escaped <pre> when the language is unknown.
func (h *highlighter) html(code, lang string) string {
	lexer := lexers.Get(lang)
	if lang == "" || lexer == nil {
		return `<pre class="chroma"><code>` + template.HTMLEscapeString(code) + "</code></pre>\n"
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return `<pre class="chroma"><code>` + template.HTMLEscapeString(code) + "</code></pre>\n"
	}
	var buf bytes.Buffer
	if err := h.f.Format(&buf, styles.Get("github"), it); err != nil {
		return `<pre class="chroma"><code>` + template.HTMLEscapeString(code) + "</code></pre>\n"
	}
	return `<div class="code" data-lang="` + template.HTMLEscapeString(lang) + `">` + buf.String() + "</div>\n"
}

// stylesheet returns the CSS for highlighted code: a light style, and a dark one for
// readers whose system prefers dark.
func stylesheet() []byte {
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	_ = f.WriteCSS(&buf, styles.Get("github"))
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&buf, styles.Get("github-dark"))
	buf.WriteString("}\n")
	return buf.Bytes()
}
