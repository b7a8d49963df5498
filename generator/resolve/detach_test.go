package resolve_test

import (
	"testing"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// A body parsed again gets back, by position, the targets Detach took from the first
// parse's references; a body with another number of references gets none.
func TestDetachAndAttachByPosition(t *testing.T) {
	g, errs := resolveSite(t, linkSite("See [access](policies/access.md#review-cycle) and [[POL-404]]?\n"), resolve.Options{})
	_ = errs // the unknown ID is an error; its node simply has no target
	d, ok := g.DocumentByPath("content/guide.md")
	if !ok || len(d.Doc.Refs) < 1 {
		t.Fatalf("the guide has no references: %v", errs)
	}
	doc := d.Doc
	before, ok := g.Target(doc.Refs[0])
	if !ok || before.Entity == nil || before.Fragment != "review-cycle" {
		t.Fatalf("the link resolves to %+v, want the access policy's review-cycle", before)
	}
	targets := g.Detach(doc.Refs)
	if _, ok := g.Target(doc.Refs[0]); ok {
		t.Error("Detach left the target in the graph")
	}
	ast := markdown.NewParser().Parse(doc.Body)
	refs, _ := markdown.Outline(ast)
	if !g.Attach(refs, targets) {
		t.Fatalf("Attach refused %d references for %d targets", len(refs), len(targets))
	}
	if after, ok := g.Target(refs[0]); !ok || after != before {
		t.Errorf("after Attach the link resolves to %+v, want %+v", after, before)
	}
	if g.Attach(refs[:len(refs)-1], targets) {
		t.Error("Attach took targets for a different number of references")
	}
}
