package site_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

type indexEntry struct {
	ID       string      `json:"i"`
	Title    string      `json:"t"`
	Kind     string      `json:"k"`
	URL      string      `json:"u"`
	Meta     string      `json:"m"`
	Sections [][3]string `json:"s"`
}

// readIndex parses the index's JSON (page decodes search-index.js).
func readIndex(t *testing.T, index string) []indexEntry {
	t.Helper()
	var idx struct {
		V int          `json:"v"`
		E []indexEntry `json:"e"`
	}
	if err := json.Unmarshal([]byte(index), &idx); err != nil {
		t.Fatal(err)
	}
	return idx.E
}

func TestSearchIndexCoversEveryKind(t *testing.T) {
	out := render(t, fixture.Minimal().With(fixture.Files{"content/procedures/x.md": repeatedHeadings}))
	entries := readIndex(t, page(t, out, urls.SearchData))
	byID := map[string]indexEntry{}
	for _, e := range entries {
		if _, ok := out.Files[e.URL]; !ok {
			t.Errorf("%s: URL %s is not a page of the site", e.ID, e.URL)
		}
		byID[e.ID] = e
	}
	for id, kind := range map[string]string{"POL-IS": "policy", "PRO-X": "procedure", "SOA": "register",
		"A.5.15": "control", "R-1": "risk", "RTP-1": "action", "EV-1": "evidence"} {
		if byID[id].Kind != kind {
			t.Errorf("%s: kind %q, want %q", id, byID[id].Kind, kind)
		}
	}
	pol := byID["POL-IS"]
	text := ""
	for _, s := range pol.Sections {
		text += s[2] + " "
	}
	// A [[ref]] is searchable by its label and its ID; the repeated title heading is not
	// a section of its own.
	if !strings.Contains(text, "We protect information.") || !strings.Contains(text, "A.5.1") {
		t.Errorf("POL-IS text %q lacks the body or the reference IDs", text)
	}
	var anchors []string
	for _, s := range byID["PRO-X"].Sections {
		anchors = append(anchors, s[0])
	}
	if got := strings.Join(anchors, ","); !strings.HasPrefix(got, "scope,steps,scope-1,scope-2") {
		t.Errorf("PRO-X sections %s, want the heading IDs in order", got)
	}
}

// The index is reproducible: the same site gives the same bytes.
func TestSearchIndexIsDeterministic(t *testing.T) {
	a := page(t, render(t, fixture.Minimal()), urls.SearchData)
	b := page(t, render(t, fixture.Minimal()), urls.SearchData)
	if a != b {
		t.Error("two renders of the same site give different search indexes")
	}
}

// A table's cells stay apart in the index (so in snippets): " · " between cells, " ; "
// between rows.
func TestSearchKeepsTableCellsApart(t *testing.T) {
	pol := fixture.Minimal()["content/policies/is.md"] + "\n| Account | Factor |\n|---|---|\n| Staff | security key |\n| Admin | hardware token |\n"
	out := render(t, fixture.Minimal().With(fixture.Files{"content/policies/is.md": pol}))
	text := ""
	for _, e := range readIndex(t, page(t, out, urls.SearchData)) {
		if e.ID == "POL-IS" {
			for _, s := range e.Sections {
				text += s[2] + " "
			}
		}
	}
	if want := "Account · Factor ; Staff · security key ; Admin · hardware token"; !strings.Contains(text, want) {
		t.Errorf("the index has the table as %q, want %q", text, want)
	}
}

// search-index.js carries the index gzip-compressed and base64-encoded (js/search.js
// decodes it), so its text is not in the file and the file is smaller than its JSON.
func TestSearchIndexIsCompressed(t *testing.T) {
	out := render(t, fixture.Minimal())
	js := string(out.Files[urls.SearchData])
	index := page(t, out, urls.SearchData)
	if !strings.HasPrefix(index, `{"v":2,"e":[`) {
		t.Fatalf("the decoded index starts %.40q", index)
	}
	if strings.Contains(js, "We protect information.") || !strings.Contains(js, `window.ISMSGEN_SEARCH = {"v":2,"gz":"H4sI`) {
		t.Errorf("search-index.js does not carry the index as base64 gzip:\n%.300s", js)
	}
	if len(js) >= len(index) {
		t.Errorf("search-index.js is %d bytes, its JSON %d", len(js), len(index))
	}
}
