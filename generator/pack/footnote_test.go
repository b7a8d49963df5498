package pack

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// policyPath is the fixture's policy, whose body the tests below replace.
const policyPath = "content/policies/is.md"

// withPolicyBody returns the minimal fixture with the policy's body replaced.
func withPolicyBody(t testing.TB, body string) *resolve.Graph {
	t.Helper()
	f := fixture.Minimal()
	src := f[policyPath]
	end := strings.Index(src[3:], "---\n") + 3 + len("---\n")
	f[policyPath] = src[:end] + body
	return resolveDir(t, fixture.Write(t, f))
}

// policyPack is a pack of the fixture's policy alone.
func policyPack() model.PackConfig {
	return model.PackConfig{Name: "policy", Title: "Policy pack", Contents: []model.Ref{{ID: "POL-IS"}}}
}

// TestFootnoteWithoutParagraph: goldmark puts a footnote's back-link straight into the
// footnote when the definition does not end with a paragraph (an empty definition, or
// one ending with a list, a heading or code). The pack renderer must draw such a
// footnote, not panic on an inline node where it expects blocks.
func TestFootnoteWithoutParagraph(t *testing.T) {
	for name, tc := range map[string]struct {
		body string
		want []string
	}{
		"empty":   {"See[^a].\n\n[^a]:\n", []string{"See[1].", "Notes [1]"}},
		"list":    {"See[^a].\n\n[^a]:\n    - first point\n    - second point\n", []string{"See[1].", "Notes [1]", "first point", "second point"}},
		"heading": {"See[^a].\n\n[^a]: # A heading note\n", []string{"See[1].", "Notes [1]", "A heading note"}},
		"code":    {"See[^a].\n\n[^a]:\n\n        code in a note\n", []string{"See[1].", "Notes [1]", "code in a note"}},
		"table":   {"| a | b |\n|---|---|\n| x[^a] | y |\n\n[^a]:\n", []string{"x[1]", "Notes [1]"}},
		"nested":  {"A[^a].\n\n[^a]: B[^b]\n\n    - in a list\n\n[^b]:\n", []string{"A[1].", "Notes [1]", "B[2]", "in a list", "[2]"}},
	} {
		t.Run(name, func(t *testing.T) {
			g := withPolicyBody(t, "# Policy\n\n"+tc.body)
			_, res := render(t, g, policyPack())
			all := normalise(text(t, writePDF(t, res.PDF)))
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("pack text lacks %q:\n%s", w, all)
				}
			}
		})
	}
}
