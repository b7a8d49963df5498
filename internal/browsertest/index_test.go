package browsertest

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// indexEntry is one entry of search-index.js, as the tests read it.
type indexEntry struct {
	ID       string      `json:"i"`
	Title    string      `json:"t"`
	Kind     string      `json:"k"`
	URL      string      `json:"u"`
	Sections [][3]string `json:"s"`
}

// text is the entry's searchable text, lower-cased.
func (e indexEntry) text() string {
	var b strings.Builder
	b.WriteString(strings.ToLower(e.ID + " " + e.Title))
	for _, s := range e.Sections {
		b.WriteString(" " + strings.ToLower(s[1]+" "+s[2]))
	}
	return b.String()
}

// readIndex parses the site's search-index.js.
func readIndex(t *testing.T, s *builtSite) []indexEntry {
	t.Helper()
	body, err := site.DecodeSearchIndex(s.Files[urls.SearchData])
	if err != nil {
		t.Fatal(err)
	}
	var idx struct {
		E []indexEntry `json:"e"`
	}
	if err := json.Unmarshal(body, &idx); err != nil {
		t.Fatal(err)
	}
	return idx.E
}

// rareWord picks a word of the first procedure's body that as few other entries as
// possible contain, so that searching it must find that procedure near the top.
func rareWord(t *testing.T, entries []indexEntry) (indexEntry, string) {
	t.Helper()
	for _, proc := range entries {
		if proc.Kind != "procedure" {
			continue
		}
		best, bestDF := "", len(entries)+1
		for _, s := range proc.Sections {
			for _, w := range strings.FieldsFunc(strings.ToLower(s[2]), func(r rune) bool { return !unicode.IsLetter(r) }) {
				if len(w) < 7 {
					continue
				}
				df := 0
				for _, e := range entries {
					if strings.Contains(e.text(), w) {
						df++
					}
				}
				if df < bestDF || (df == bestDF && w < best) {
					best, bestDF = w, df
				}
			}
		}
		if best != "" {
			return proc, best
		}
	}
	t.Fatal("the site has no procedure with a searchable word")
	return indexEntry{}, ""
}
