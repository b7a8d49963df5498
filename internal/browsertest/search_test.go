package browsertest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// shownResult is a search result as the reader sees it.
type shownResult struct {
	Href  string   `json:"href"`
	Title string   `json:"title"`
	Marks []string `json:"marks"` // highlighted words of the snippet
}

const readResults = `Array.from(document.querySelectorAll(%s + " a.result")).map(a => ({
	href: a.href,
	title: a.querySelector(".result-title").textContent,
	marks: Array.from(a.querySelectorAll(".snippet mark")).map(m => m.textContent),
}))`

func results(t *testing.T, ctx context.Context, container string) []shownResult {
	t.Helper()
	return eval[[]shownResult](t, ctx, strings.Replace(readResults, "%s", jsString(container), 1))
}

// typeQuery types a query into the header search box and waits for the results.
func typeQuery(t *testing.T, ctx context.Context, q string) []shownResult {
	t.Helper()
	do(t, ctx, chromedp.SendKeys(chromedp.ID("search_input"), q))
	// Results show as the reader types: wait for those of the whole query.
	waitFor(t, ctx, `(b => !b.hidden && b.dataset.query === `+jsString(strings.TrimSpace(q))+`)(document.getElementById("search_results"))`)
	return results(t, ctx, "#search_results")
}

func sitePath(t *testing.T, origin, href string) string {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(strings.TrimPrefix(u.Path, strings.TrimSuffix(origin, "/")), "/")
}

// Typing a word that only a procedure uses lists that procedure among the first results,
// with the word highlighted in the snippet.
func testSearchWord(t *testing.T, e *env) {
	proc, word := rareWord(t, readIndex(t, e.site))
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url("index.html")))
	// The page has no results box or hint: js/search.js adds both, the hint describing
	// the search box.
	if hint := eval[string](t, ctx, `(i => { const h = document.getElementById(i.getAttribute("aria-describedby")); return h && h.closest("form") === i.form ? h.textContent : "" })(document.getElementById("search_input"))`); !strings.HasPrefix(hint, "Results appear as you type") {
		t.Errorf("the search box is described by %q", hint)
	}
	res := typeQuery(t, ctx, word)
	found := false
	for i, r := range res {
		if i == 3 {
			break
		}
		u, _ := url.Parse(r.Href)
		if strings.HasSuffix(u.Path, "/"+proc.URL) {
			found = true
			highlighted := false
			for _, mk := range r.Marks {
				if strings.EqualFold(mk, word) {
					highlighted = true
				}
			}
			if !highlighted {
				t.Errorf("the result for %s does not highlight %q in its snippet (marks %q)", proc.ID, word, r.Marks)
			}
		}
	}
	if !found {
		t.Errorf("searching %q: %s (%s) is not among the first 3 results: %+v", word, proc.ID, proc.URL, res)
	}
	clean(t, m)
}

// An ID typed in the header box and Enter opens that page: a control, a policy, a risk.
func testSearchControlID(t *testing.T, e *env) {
	type target struct{ id, path string }
	targets := []target{{"A.5.15", "controls/A.5.15.html"}}
	seen := map[string]bool{}
	for _, en := range readIndex(t, e.site) {
		if (en.Kind == "policy" || en.Kind == "risk") && en.ID != "" && !seen[en.Kind] {
			seen[en.Kind] = true
			targets = append(targets, target{en.ID, en.URL})
		}
	}
	ctx, m := e.tab(t)
	for _, tg := range targets {
		id, want := tg.id, tg.path
		// Start from a page one level down, so relative result links are exercised.
		do(t, ctx, chromedp.Navigate(e.url("controls/index.html")))
		res := typeQuery(t, ctx, id)
		if len(res) == 0 || !strings.Contains(res[0].Title, id) {
			t.Errorf("searching %s: first result %+v, want the page of %s", id, res, id)
		}
		do(t, ctx, chromedp.SendKeys(chromedp.ID("search_input"), kb.Enter))
		got := waitLocation(t, ctx, func(l string) bool { return !strings.HasSuffix(l, "/controls/index.html") })
		if p := sitePath(t, e.origin, got); p != want {
			t.Errorf("Enter after %s opened %s, want %s", id, p, want)
		}
	}
	clean(t, m)
}

// search.html?q= lists every result; a quoted phrase finds the text it came from.
func testSearchPage(t *testing.T, e *env) {
	proc, word := rareWord(t, readIndex(t, e.site))
	phrase := phraseAround(proc, word)
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate(e.url("search.html?q="+url.QueryEscape(`"`+phrase+`"`))))
	waitFor(t, ctx, `document.querySelector("#search_page_results .search-status")`)
	res := results(t, ctx, "#search_page_results")
	if len(res) == 0 || !strings.HasSuffix(strings.SplitN(res[0].Href, "#", 2)[0], "/"+proc.URL) {
		t.Errorf("search page for %q: results %+v, want %s first", phrase, res, proc.URL)
	} else if len(res[0].Marks) == 0 {
		t.Errorf("search page for %q: no highlighted words in the first snippet", phrase)
	}
	if v := eval[string](t, ctx, `document.getElementById("search_page_input").value`); v != `"`+phrase+`"` {
		t.Errorf("the search page input shows %q, want the query", v)
	}
	clean(t, m)
}

// phraseAround returns the word and the word after it in the procedure's text.
func phraseAround(proc indexEntry, word string) string {
	for _, s := range proc.Sections {
		fields := strings.Fields(s[2])
		for i, f := range fields {
			if strings.Contains(strings.ToLower(f), word) && i+1 < len(fields) {
				return strings.Trim(f, ".,;:()[]\"'") + " " + strings.Trim(fields[i+1], ".,;:()[]\"'")
			}
		}
	}
	return word
}

// Search works when the site is opened from disk (file://), where fetch() of a JSON
// index would be refused: the index is a script.
func testSearchFileURL(t *testing.T, e *env) {
	proc, word := rareWord(t, readIndex(t, e.site))
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate("file://"+e.site.Dir+"/"+proc.URL))
	res := typeQuery(t, ctx, word)
	if len(res) == 0 || !strings.HasPrefix(res[0].Href, "file://") {
		t.Fatalf("file:// search for %q: %+v", word, res)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.ID("search_input"), kb.Enter))
	got := waitLocation(t, ctx, func(l string) bool { return l != "file://"+e.site.Dir+"/"+proc.URL })
	if !strings.HasPrefix(got, "file://"+e.site.Dir+"/") {
		t.Errorf("Enter opened %s, outside the site", got)
	}
	clean(t, m)
}

// The live preview writes the index uncompressed (site.Options.PlainSearchIndex): the
// same search script reads it. A copy of the home page, the scripts and a plain index,
// opened from disk.
func testSearchPlainIndex(t *testing.T, e *env) {
	proc, word := rareWord(t, readIndex(t, e.site))
	index, err := site.DecodeSearchIndex(e.site.Files[urls.SearchData])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{"index.html": e.site.Files["index.html"]}
	for p, b := range e.site.Files {
		if !strings.HasSuffix(p, ".html") {
			files[p] = b
		}
	}
	files[urls.SearchData] = append(append([]byte("window.ISMSGEN_SEARCH = "), index...), ";\n"...)
	for p, b := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, m := e.tab(t)
	do(t, ctx, chromedp.Navigate("file://"+dir+"/index.html"))
	res := typeQuery(t, ctx, word)
	found := false
	for _, r := range res {
		u, _ := url.Parse(r.Href)
		found = found || strings.HasSuffix(u.Path, "/"+proc.URL)
	}
	if !found {
		t.Errorf("with a plain index, searching %q does not find %s: %+v", word, proc.URL, res)
	}
	clean(t, m)
}
