package site

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// codeStyle is the chroma style of highlighted code (its dark twin is in stylesheet).
const codeStyle = "github"

// codeStyleDark is the style of highlighted code for readers whose system prefers dark.
const codeStyleDark = "github-dark"

// highlighter renders code blocks with chroma's CSS classes; the colours live in one
// stylesheet (css/chroma.css), so pages stay small and dark mode can restyle them.
type highlighter struct {
	lexers *lexerCache
	escape *strings.Replacer // the text of a code block
	plain  map[string]bool   // plainClasses
}

// newHighlighter returns a highlighter for one worker; lexers is shared by the workers of
// a render.
func newHighlighter(lexers *lexerCache) *highlighter {
	return &highlighter{lexers: lexers, escape: strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;"), plain: plainClasses()}
}

// html returns the highlighted block, or an escaped <pre> when the language is unknown.
func (h *highlighter) html(code, lang string) string {
	lexer := h.lexers.get(lang)
	if lexer == nil {
		return `<pre class="chroma"><code>` + template.HTMLEscapeString(code) + "</code></pre>\n"
	}
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return `<pre class="chroma"><code>` + template.HTMLEscapeString(code) + "</code></pre>\n"
	}
	var buf strings.Builder
	buf.WriteString(`<div class="code" data-lang="` + template.HTMLEscapeString(lang) + `"><pre class="chroma"><code>`)
	h.writeTokens(&buf, it.Tokens())
	buf.WriteString("</code></pre></div>\n")
	return buf.String()
}

// writeTokens writes highlighted tokens as chroma's HTML formatter does with classes,
// less what only costs bytes: no span per line (the <pre> keeps the line breaks), none
// around whitespace or plain text, and one span for neighbouring tokens of one class.
func (h *highlighter) writeTokens(w *strings.Builder, tokens []chroma.Token) {
	open := ""
	for _, t := range tokens {
		cls := h.tokenClass(t.Type)
		if cls != open {
			if open != "" {
				w.WriteString("</span>")
			}
			if cls != "" {
				w.WriteString(`<span class="` + cls + `">`)
			}
			open = cls
		}
		h.escape.WriteString(w, t.Value)
	}
	if open != "" {
		w.WriteString("</span>")
	}
}

// tokenClass is the CSS class chroma gives a token type ("" for plain text and whitespace,
// and for a class that looks like plain text in both styles).
func (h *highlighter) tokenClass(t chroma.TokenType) string {
	if t == chroma.TextWhitespace || t == chroma.Text {
		return ""
	}
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			if h.plain[cls] {
				return ""
			}
			return cls
		}
	}
	return ""
}

// plainClasses are the token classes whose style in css/chroma.css is, in the light and
// the dark scheme, the default theme's text colour or nothing (YAML's and JSON's
// punctuation among them): their tokens are written as text, without a span.
func plainClasses() map[string]bool {
	schemes := []struct {
		style *chroma.Style
		text  string // the default theme's --fg
	}{{styles.Get(codeStyle), "#1f2328"}, {styles.Get(codeStyleDark), "#e6edf3"}}
	plain := map[string]bool{}
	for t, cls := range chroma.StandardTypes {
		if cls == "" || t == chroma.Background || t == chroma.PreWrapper || t < 0 {
			continue // not a token, or chroma's own markup (lines, line numbers)
		}
		ok := true
		for _, s := range schemes {
			e := s.style.Get(t).Sub(s.style.Get(chroma.Background))
			if e.Background.IsSet() || e.Border.IsSet() || e.Bold != chroma.Pass || e.Italic != chroma.Pass ||
				e.Underline != chroma.Pass || (e.Colour.IsSet() && e.Colour.String() != s.text) {
				ok = false
			}
		}
		plain[cls] = ok
	}
	return plain
}

// lexerCache looks each language up in chroma's registry once per render (in the live
// preview, once: lexersOf), misses included: a language chroma does not know (or none)
// is matched against every lexer's file patterns, which costs milliseconds a block. It
// lexes with untimed copies of the lexers (untimed.go). Safe for concurrent use.
type lexerCache struct {
	m sync.Map // language as written → chroma.Lexer, nil for none
	// lookup finds a lexer by language; nil means chroma's registry (tests count calls).
	lookup func(lang string) chroma.Lexer
	// reg is untimedRegistry, made for the first lexer.
	regOnce sync.Once
	reg     *chroma.LexerRegistry
}

// get returns the coalesced, untimed lexer of a language, or nil for no language or an
// unknown one.
func (c *lexerCache) get(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	if l, ok := c.m.Load(lang); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lookup := c.lookup
	if lookup == nil {
		lookup = lexers.Get
	}
	var lexer chroma.Lexer
	if l := lookup(lang); l != nil {
		c.regOnce.Do(func() { c.reg = untimedRegistry() })
		l, _ = untimed(l, c.reg)
		lexer = chroma.Coalesce(l)
	}
	c.m.Store(lang, lexer)
	return lexer
}

// stylesheet returns the CSS for highlighted code: a light style, and a dark one for
// readers whose system prefers dark.
func stylesheet() []byte {
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	_ = f.WriteCSS(&buf, styles.Get(codeStyle))
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&buf, styles.Get(codeStyleDark))
	buf.WriteString("}\n")
	return buf.Bytes()
}

// lexersOf returns the lexers of the previous render, compiled already (a lexer reads
// nothing of a site), or a new cache.
func lexersOf(prev *Output) *lexerCache {
	if prev != nil && prev.lexers != nil {
		return prev.lexers
	}
	return &lexerCache{}
}
