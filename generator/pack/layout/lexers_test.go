package layout

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// A pack looks each code block language up once, misses included, and a block without
// a language not at all: the plain-text lexer needs no lookup.
func TestLexerLookedUpOncePerLanguage(t *testing.T) {
	calls := map[string]int{}
	c := &lexerCache{lookup: func(lang string) chroma.Lexer {
		calls[lang]++
		return lexers.Get(lang)
	}}
	for range 100 {
		for _, lang := range []string{"", "nosuchlanguage", "go"} {
			l, st := c.get(lang)
			if l == nil || st == nil {
				t.Fatalf("get(%q) = %v, %v", lang, l, st)
			}
		}
	}
	if calls["nosuchlanguage"] != 1 || calls["go"] != 1 || calls[""] != 0 {
		t.Errorf("lookups for 100 blocks each: %v, want one per language and none without", calls)
	}
	if l, _ := c.get("go"); l.Config().Name != "Go" {
		t.Errorf("go block gets lexer %q", l.Config().Name)
	}
	if l, _ := c.get("nosuchlanguage"); l.Config().Name != lexers.Fallback.Config().Name {
		t.Errorf("unknown language gets lexer %q, want the plain-text fallback", l.Config().Name)
	}
}
