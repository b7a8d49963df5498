package site

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
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

// A block is highlighted the same however long its lexer's patterns take to match:
// chroma gives each match 250 ms of wall-clock time and takes one that runs out for no
// match, which a loaded machine (or a paused process) made of ordinary YAML now and
// then: a page then differed from the same page rendered again. Here a rule that
// backtracks for three times chroma's limit on this machine (slowToFail) must still
// match.
func TestHighlightWithoutMatchTimeout(t *testing.T) {
	slow := chroma.MustNewLexer(&chroma.Config{Name: "slow"}, func() chroma.Rules {
		return chroma.Rules{"root": {
			// (x|xx)+$ fails only after trying every way of splitting the x's
			// (Fibonacci many), then x+z matches.
			{Pattern: `(x|xx)+$|x+z`, Type: chroma.Keyword},
			{Pattern: `\n`, Type: chroma.TextWhitespace},
		}}
	})
	h := newHighlighter(&lexerCache{lookup: func(string) chroma.Lexer { return slow }})
	code := slowToFail(t, `(x|xx)+$`) + "\n"
	want := `<div class="code" data-lang="slow"><pre class="chroma"><code><span class="k">` + strings.TrimSuffix(code, "\n") + "</span>\n</code></pre></div>\n"
	if got := h.html(code, "slow"); got != want {
		t.Errorf("highlighted = %q, want %q", got, want)
	}
}

// An untimed copy lexes as chroma's lexer does: its own rules, the states it includes
// and combines, and the lexers it delegates to (HTML's CSS and JavaScript).
func TestUntimedLexesAsChroma(t *testing.T) {
	blocks := map[string]string{
		"yaml":       "baseline:\n  id: POL-0003\n  encryption: aes-256\n  review_days: 90\n  list: [a, 'b', \"c\"]\n",
		"json":       `{"a": [1, 2.5, true, null], "b": {"c": "d"}}` + "\n",
		"bash":       "for f in *.md; do\n  echo \"$f\" | grep -q x && exit 1 # done\ndone\n",
		"python":     "def f(x: int) -> str:\n    \"\"\"Doc.\"\"\"\n    return f'{x!r}' if x else None\n",
		"html":       "<style>p { color: red }</style>\n<script>let a = `b${c}`;</script>\n<p class=\"x\">t</p>\n",
		"powershell": "Get-ChildItem -Path C:\\ | Where-Object { $_.Length -gt 1kb }\n",
		"sql":        "SELECT a, COUNT(*) FROM t WHERE b = 'x' GROUP BY a;\n",
		"go":         "func main() {\n\tfmt.Println(`raw`, 'c', 1e3)\n}\n",
	}
	reg := untimedRegistry()
	for lang, code := range blocks {
		timed := lexers.Get(lang)
		cp, ok := untimed(timed, reg)
		if !ok {
			t.Fatalf("%s: %T is not a regex lexer", lang, timed)
		}
		want, err := timed.Tokenise(nil, code)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cp.Tokenise(nil, code)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if w, g := want.Tokens(), got.Tokens(); !slices.Equal(w, g) {
			t.Errorf("%s: untimed copy lexes %v, chroma %v", lang, g, w)
		}
	}
}

// slowToFail returns a line of x's ending in z on which the pattern, compiled as chroma
// compiles a rule but untimed, takes at least 750 ms to fail here (three times chroma's
// limit): measured, so that the test can fail on a fast machine too and stays short on
// a slow one.
func slowToFail(t *testing.T, pattern string) string {
	t.Helper()
	re := regexp2.MustCompile(`\G(?:` + pattern + `)`)
	for n := 20; n <= 60; n++ {
		line := strings.Repeat("x", n) + "z"
		start := time.Now()
		if ok, err := re.MatchString(line); ok || err != nil {
			t.Fatalf("%s on %d x's: match %v, error %v; want it to fail", pattern, n, ok, err)
		}
		if time.Since(start) >= 750*time.Millisecond {
			return line
		}
	}
	t.Fatalf("%s never took 750 ms to fail", pattern)
	return ""
}
