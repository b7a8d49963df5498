package versions_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// An author's HTML comment is never shown, not even by the word diff of a "what
// changed" page, whether the comment was added, removed or kept.
func TestChangesPagesShowNoComments(t *testing.T) {
	r := newRepo(t)
	r.write(fixture.Minimal().With(fixture.Files{
		".gitignore":             "public/\n.ismsgen/\n",
		"content/policies/is.md": strings.Replace(policyR1, "We protect information.", "We protect information. <!-- old note "+fixture.Secret+" -->", 1),
	}))
	r.commit("2026-01-15", "First ISMS release")
	r.tag("2026-01-15", "isms-1.0")
	r.write(fixture.Files{"content/policies/is.md": strings.Replace(policyR2, "We protect all company information.",
		"We protect all company information.\n\n<!--\nTODO: new note "+fixture.Secret+"\n-->", 1)})
	runVersions(t, r.dir, true)
	out := tree(t, filepath.Join(r.dir, "public"))
	changes := string(out["changes/current.html"])
	if !strings.Contains(changes, "company") {
		t.Fatalf("changes/current.html does not show the change:\n%s", changes)
	}
	for p, b := range out {
		if strings.Contains(string(b), fixture.Secret) {
			t.Errorf("%s shows the comment's text", p)
		}
	}
}
