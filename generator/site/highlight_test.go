package site

import (
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// A render looks each language up once, however many blocks use it, misses included:
// a miss is the slow case (chroma matches the name against every lexer's patterns).
func TestLexerLookedUpOncePerLanguage(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	cache := &lexerCache{lookup: func(lang string) chroma.Lexer {
		mu.Lock()
		calls[lang]++
		mu.Unlock()
		return lexers.Get(lang)
	}}
	var wg sync.WaitGroup
	for w := range 4 { // workers share the cache
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := newHighlighter(cache)
			for i := range 50 {
				for _, lang := range []string{"", "nosuchlanguage", "yaml", "mermaid"} {
					h.html("key: value "+strings.Repeat("x", w+i)+"\n", lang)
				}
			}
		}()
	}
	wg.Wait()
	for _, lang := range []string{"nosuchlanguage", "yaml", "mermaid"} {
		if calls[lang] > 4 || calls[lang] == 0 {
			t.Errorf("language %q looked up %d times for 200 blocks, want once (at most once per worker racing)", lang, calls[lang])
		}
	}
	if calls[""] != 0 {
		t.Errorf("a block without a language looked a lexer up %d times", calls[""])
	}
}

// The cache changes nothing in the output: a known language is highlighted, an unknown
// one or none is escaped plain text.
func TestHighlightOutput(t *testing.T) {
	h := newHighlighter(&lexerCache{})
	for range 2 { // the second time from the cache
		if got := h.html("a: <b>\n", "yaml"); !strings.Contains(got, `data-lang="yaml"`) || !strings.Contains(got, `class="nt"`) || !strings.Contains(got, "&lt;b&gt;") {
			t.Errorf("yaml block: %s", got)
		}
		for _, lang := range []string{"", "nosuchlanguage"} {
			if got, want := h.html("a <b>\n", lang), "<pre class=\"chroma\"><code>a &lt;b&gt;\n</code></pre>\n"; got != want {
				t.Errorf("block in %q: %q, want %q", lang, got, want)
			}
		}
	}
}

// A token class styled as the theme's text in both schemes (YAML's punctuation) is
// written as text; one with its own colour keeps its span.
func TestHighlightWritesPlainClassesAsText(t *testing.T) {
	h := newHighlighter(&lexerCache{})
	got := h.html("a: 1\n", "yaml")
	if strings.Contains(got, `class="p"`) || !strings.Contains(got, `<span class="nt">a</span>:`) {
		t.Errorf("highlighted YAML = %q, want the colon as text after the tag's span", got)
	}
	if !plainClasses()["p"] || plainClasses()["nt"] || plainClasses()["k"] || plainClasses()["err"] {
		t.Errorf("plain classes: p %v nt %v k %v err %v, want only p", plainClasses()["p"], plainClasses()["nt"], plainClasses()["k"], plainClasses()["err"])
	}
}
