package browsertest

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A word typed with one letter missing, and with two letters swapped, still finds the
// procedure that uses it, with the right word highlighted ("paswords" finds
// "passwords").
func testSearchTypo(t *testing.T, e *env) {
	proc, word := rareWord(t, readIndex(t, e.site))
	if len(word) < 6 {
		t.Skipf("the rare word %q is too short to misspell", word)
	}
	ctx, m := e.tab(t)
	for _, typo := range []string{
		word[:len(word)-2] + word[len(word)-1:],                 // a letter missing
		word[:2] + string(word[3]) + string(word[2]) + word[4:], // two letters swapped
	} {
		do(t, ctx, chromedp.Navigate(e.url("index.html")))
		found := false
		for i, r := range typeQuery(t, ctx, typo) {
			u, _ := url.Parse(r.Href)
			if i < 3 && strings.HasSuffix(u.Path, "/"+proc.URL) {
				found = true
				if !containsFold(r.Marks, word) {
					t.Errorf("searching %q: the result highlights %q, want %q", typo, r.Marks, word)
				}
			}
		}
		if !found {
			t.Errorf("searching %q (a typo of %q) does not find %s among the first 3 results", typo, word, proc.ID)
		}
	}
	clean(t, m)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
