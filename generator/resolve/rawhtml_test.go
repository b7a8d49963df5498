package resolve_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/yuin/goldmark/ast"
)

// Links and images written as raw HTML resolve like Markdown ones: a .md href links
// the page and its #fragment must name a heading, a local src must exist, and a broken
// one is reported at its tag. Those the allowlist removes are not links at all.
func TestRawHTMLLinksAndImagesResolve(t *testing.T) {
	body := strings.Join([]string{
		`<p align="center"><a href="policies/access.md#review-cycle"><img src="logo.png" width="100"></a></p>`,
		`See <a href="policies/acess.md">the policy</a>.`,
		`<img src="missing.png" alt="gone">`,
		`<script><img src="nope.png"><a href="nope.md">x</a></script>`,
		`<a href="javascript:alert(1)">x</a> <img src="https://example.com/x.png" alt="external">`,
	}, "\n\n") + "\n"
	f := linkSite(body)
	f["content/logo.png"] = "png"
	g, errs := resolveSite(t, f, resolve.Options{})
	want := []string{
		`content/guide.md:6:5: link to policies/acess.md: no such document (looked for content/policies/acess.md) (did you mean policies/access.md?)`,
		`content/guide.md:8:1: image missing.png: no such file under content/ (looked for content/missing.png)`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Fatalf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}

	f["content/guide.md"] = "---\ntitle: Guide\n---\n" + strings.SplitN(body, "\n\n", 2)[0] + "\n"
	g, errs = resolveSite(t, f, resolve.Options{})
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	guide, _ := g.DocumentByPath("content/guide.md")
	found := false
	ast.Walk(guide.Doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if el, ok := n.(*markdown.HTMLElement); ok && entering && el.Tag == "a" {
			tg, ok := g.Target(el)
			found = ok && tg.Entity != nil && tg.Entity.Doc.Path == "content/policies/access.md" && tg.Fragment == "review-cycle"
		}
		return ast.WalkContinue, nil
	})
	if !found {
		t.Error("the raw HTML link has no target content/policies/access.md#review-cycle")
	}
}
