package site

import (
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// brokenGraph resolves the minimal fixture plus a second policy, then breaks the named
// documents so that rendering them panics: their ASTs' text segments index a body that
// is no longer there. No Markdown is known to make the renderer panic (that would be a
// bug to fix), so the test breaks the parsed documents instead.
func brokenGraph(t *testing.T, broken ...string) *resolve.Graph {
	t.Helper()
	f := fixture.Minimal().With(fixture.Files{
		"content/policies/ac.md": "---\nid: POL-AC\ntitle: Access control policy\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\n# Access\n\nOnly with a reason.\n",
		"content/policies/bk.md": "---\nid: POL-BK\ntitle: Backup policy\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\nBack up daily.\n",
	})
	s, err := load.Load(context.Background(), fixture.Write(t, f))
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range broken {
		e, ok := g.Lookup(id)
		if !ok || len(e.Doc.Body) == 0 {
			t.Fatalf("no document %s with a body", id)
		}
		e.Doc.Body = []byte{}
	}
	return g
}

// wantInternal checks that err is exactly one internal error per path, at path:1:1.
func wantInternal(t *testing.T, err error, doing string, paths ...string) {
	t.Helper()
	l, ok := diag.AsList(err)
	if !ok || len(l) != len(paths) {
		t.Fatalf("want %d positioned errors, got %v", len(paths), err)
	}
	for i, p := range paths {
		if e := l[i]; e.Pos != (diag.Pos{Path: p, Line: 1, Col: 1}) ||
			!strings.HasPrefix(e.Msg, "internal error "+doing+" this document: runtime error: slice bounds out of range") ||
			!strings.HasSuffix(e.Msg, "please report this)") {
			t.Errorf("error %d = %q, want one at %s:1:1", i, e, p)
		}
	}
}

// TestPanicIsTheDocumentsError: a panic while rendering a document's page becomes a
// positioned error against that document; every broken document is reported, a sound
// one is not, and no output comes out.
func TestPanicIsTheDocumentsError(t *testing.T) {
	g := brokenGraph(t, "POL-IS", "POL-AC")
	out, err := Render(context.Background(), g, Options{Version: "test"})
	if out != nil {
		t.Error("a render with a failed page returned output")
	}
	wantInternal(t, err, "rendering", "content/policies/ac.md", "content/policies/is.md")
}

// TestPanicInSearchIndex: a page's search entry reads its document's body after the
// page is rendered; a panic there is the document's error too.
func TestPanicInSearchIndex(t *testing.T) {
	g := brokenGraph(t, "POL-AC")
	r := &renderer{g: g, state: &renderState{}, pub: newPublisher(g)}
	var pages []*Page
	for _, id := range []string{"POL-AC", "POL-BK"} {
		e, _ := g.Lookup(id)
		pages = append(pages, &Page{Path: id + ".html", Entity: e, G: g, source: e.Doc.Path})
	}
	idx := newSearchEntries(len(pages))
	for i, p := range pages {
		r.indexPage(idx, p, i)
	}
	_, err := r.searchIndexJS(pages, idx)
	wantInternal(t, err, "indexing", "content/policies/ac.md")
}
