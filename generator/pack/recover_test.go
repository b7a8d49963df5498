package pack

import (
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// breakBody makes the renderer panic on a document: its AST's text segments index a
// body that is no longer there. No Markdown is known to do this (that would be a bug to
// fix), so the test breaks the parsed document instead.
func breakBody(t *testing.T, doc *model.Document) {
	t.Helper()
	if len(doc.Body) == 0 {
		t.Fatalf("%s has no body to break", doc.ID())
	}
	doc.Body = []byte{}
}

// TestPanicIsTheDocumentsError: a panic while rendering a document's section becomes a
// positioned error against that document, every broken document is reported (one
// error each, whether the panic came while listing its headings for the TOC or while
// drawing it), a sound document is not, and no PDF comes out.
func TestPanicIsTheDocumentsError(t *testing.T) {
	f := fixture.Minimal().With(fixture.Files{
		"content/policies/ac.md": "---\nid: POL-AC\ntitle: Access control policy\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\nNo heading, only a paragraph.\n",
		"content/policies/bk.md": "---\nid: POL-BK\ntitle: Backup policy\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\n# Backup\n\nBack up daily.\n",
	})
	g := resolveDir(t, fixture.Write(t, f))
	for _, id := range []string{"POL-IS", "POL-AC"} { // POL-IS has a heading, POL-AC none
		e, _ := g.Lookup(id)
		breakBody(t, e.Doc)
	}
	cfg := model.PackConfig{Name: "p", Title: "P", Contents: []model.Ref{{ID: "POL-IS"}, {ID: "POL-BK"}, {ID: "POL-AC"}, {ID: "SOA"}}}
	p, err := PlanPack(g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Render(context.Background(), g, p, Options{Date: testDate})
	if res != nil {
		t.Error("a pack with a failed document returned a PDF")
	}
	l, ok := diag.AsList(err)
	if !ok || len(l) != 2 {
		t.Fatalf("want one positioned error per broken document, got %v", err)
	}
	for i, path := range []string{"content/policies/ac.md", "content/policies/is.md"} {
		e := l[i]
		if e.Pos != (diag.Pos{Path: path, Line: 1, Col: 1}) ||
			!strings.HasPrefix(e.Msg, "internal error rendering this document: runtime error: slice bounds out of range") ||
			!strings.HasSuffix(e.Msg, "please report this)") {
			t.Errorf("error %d = %q, want one at %s:1:1", i, e, path)
		}
	}

	// The same site without the broken documents renders.
	cfg.Contents = []model.Ref{{ID: "POL-BK"}, {ID: "SOA"}}
	render(t, g, cfg)
}

// TestPanicOutsideDocuments: a panic outside any document's section (here a plan whose
// document item lost its entity) is reported against the pack's configuration.
func TestPanicOutsideDocuments(t *testing.T) {
	g := withPolicyBody(t, "Text.\n")
	p, err := PlanPack(g, policyPack())
	if err != nil {
		t.Fatal(err)
	}
	p.Config.Pos = diag.Pos{Path: "data/site.yaml", Line: 7, Col: 5}
	p.Items = append(p.Items, &Item{Kind: ItemDocument})
	_, err = Render(context.Background(), g, p, Options{Date: testDate})
	l, ok := diag.AsList(err)
	if !ok || len(l) == 0 {
		t.Fatalf("want positioned errors, got %v", err)
	}
	for _, e := range l {
		if e.Pos != p.Config.Pos || !strings.Contains(e.Msg, "internal error rendering") {
			t.Errorf("error %q, want one at %s", e, p.Config.Pos)
		}
	}
}
