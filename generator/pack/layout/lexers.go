package layout

import (
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// lexerCache looks each code block language up in chroma's registry once per pack,
// misses included: a language chroma does not know (or none) is matched against every
// lexer's file patterns, which costs milliseconds a block. The zero value is ready; a
// Doc is used by one goroutine, so it needs no lock.
type lexerCache struct {
	byLang map[string]chroma.Lexer
	style  *chroma.Style
	// lookup finds a lexer by language; nil means chroma's registry (tests count calls).
	lookup func(lang string) chroma.Lexer
}

// get returns the coalesced lexer of a language (the plain-text fallback for none or an
// unknown one) and the code style.
func (c *lexerCache) get(lang string) (chroma.Lexer, *chroma.Style) {
	if c.style == nil {
		c.style = styles.Get(codeStyle)
		c.byLang = map[string]chroma.Lexer{}
	}
	if l, ok := c.byLang[lang]; ok {
		return l, c.style
	}
	l := lexers.Fallback
	if lang != "" {
		lookup := c.lookup
		if lookup == nil {
			lookup = lexers.Get
		}
		if found := lookup(lang); found != nil {
			l = found
		}
	}
	l = chroma.Coalesce(l)
	c.byLang[lang] = l
	return l, c.style
}
