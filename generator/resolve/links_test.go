package resolve_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// linkSite is the minimal site plus a page whose links are broken in every way a
// migrated repository's are.
func linkSite(body string) fixture.Files {
	f := fixture.Minimal()
	f["content/policies/access.md"] = "---\ntitle: Access control\n---\n# Access control\n\n## Risk acceptance\n\n## Review {#review-cycle}\n\n## ⚠️ Warning\n"
	f["content/guide.md"] = "---\ntitle: Guide\n---\n" + body
	return f
}

func TestBrokenLinksSayWhatWouldFixThem(t *testing.T) {
	body := strings.Join([]string{
		"[a](policies/access.md#risk-acceptence)",       // a typo in the fragment
		"[b](policies/access.md#review)",                // the heading got a custom id
		"[c](policies/acess.md)",                        // a typo in the file name
		"[d](access.md)",                                // the right file name in another folder
		"[e](../.github/workflows/ci.md)",               // outside content/
		"[f](#nowhere)",                                 // a same-page fragment
		"[ok1](policies/access.md#review-cycle)",        // the custom id
		"[ok2](policies/access.md#review-review-cycle)", // GitHub's id for the same heading
		"[ok3](policies/access.md#-warning)",            // without the variation selector
		"[ok4](policies/access.md#%EF%B8%8F-warning)",   // GitHub's, percent-encoded
	}, "\n\n") + "\n"
	_, errs := resolveSite(t, linkSite(body), resolve.Options{})
	want := []string{
		`content/guide.md:4:1: link to policies/access.md#risk-acceptence: content/policies/access.md has no heading with id "risk-acceptence" (did you mean #risk-acceptance?)`,
		`content/guide.md:6:1: link to policies/access.md#review: content/policies/access.md has no heading with id "review" (this heading has a custom id {#review-cycle}: link to #review-cycle)`,
		`content/guide.md:8:1: link to policies/acess.md: no such document (looked for content/policies/acess.md) (did you mean policies/access.md?)`,
		`content/guide.md:10:1: link to access.md: no such document (looked for content/access.md) (did you mean policies/access.md?)`,
		`content/guide.md:12:1: link to ../.github/workflows/ci.md points outside the site (to .github/workflows/ci.md, which is not under content/)`,
		`content/guide.md:14:1: link to #nowhere: this document has no heading with id "nowhere"`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinksWarn: with links: warn the site resolves, the broken links become warnings
// and targets marked broken, and [[ID]] references stay errors.
func TestLinksWarn(t *testing.T) {
	body := "[x](missing.md) and [y](missing.md) and [z](missing.md#a)\n\n[w](policies/access.md#risk-acceptance)\n"
	g, errs := resolveSite(t, linkSite(body), resolve.Options{Links: model.LinksWarn})
	if len(errs) != 0 {
		t.Fatalf("errors under links: warn: %v", errs)
	}
	if len(g.Warnings) != 3 {
		t.Fatalf("warnings = %v", g.Warnings)
	}
	lines := g.Warnings.Lines()
	if len(lines) != 1 || !strings.HasSuffix(lines[0], "(and 2 more links to the same target: content/guide.md:4:21, content/guide.md:4:41)") {
		t.Errorf("grouped warnings:\n%s", strings.Join(lines, "\n"))
	}
	for _, w := range g.Warnings {
		if w.Kind != diag.KindLink {
			t.Errorf("warning of kind %q", w.Kind)
		}
	}
	// The site's own setting works the same way, and an [[ID]] stays an error.
	f := linkSite(body + "\nSee [[NOPE]].\n")
	f["data/site.yaml"] += "links: warn\n"
	_, errs = resolveSite(t, f, resolve.Options{})
	if len(errs) != 1 || !strings.Contains(errs[0], `unresolved reference "NOPE"`) {
		t.Errorf("errors: %v", errs)
	}
}

// TestColumnsCountCharacters: a position after emoji and accented letters is the column
// an editor shows, not the byte offset.
func TestColumnsCountCharacters(t *testing.T) {
	_, errs := resolveSite(t, linkSite("✅ 🔐 Zażółć [x](missing.md)\n"), resolve.Options{})
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/guide.md:4:12: ") {
		t.Errorf("errors: %v", errs)
	}
}
