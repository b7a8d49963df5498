package versions_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestVersionsFollowContentDir: with content_dir: . the history of documents at the
// repository root gives their "last changed" lines, in the current build and in a
// release's.
func TestVersionsFollowContentDir(t *testing.T) {
	r := newRepo(t)
	f := fixture.Minimal()
	f["data/site.yaml"] += "content_dir: .\n"
	f["policies/is.md"] = f["content/policies/is.md"]
	delete(f, "content/policies/is.md")
	f["README.md"] = "# Example ISMS\n"
	r.write(f)
	r.commit("2026-02-01", "ISMS at the root")
	r.tag("2026-02-01", "isms-1.0")
	r.write(fixture.Files{"README.md": "# Example ISMS\n\nNow with an introduction.\n"})
	r.commit("2026-03-01", "Introduction")
	_, _, log := runVersions(t, r.dir, true)
	out := tree(t, filepath.Join(r.dir, "public"))
	if !strings.Contains(string(out["policies/is.html"]), "Last changed on 2026-02-01 by Alice Author (commit <code>") {
		t.Errorf("policies/is.html has no last-changed line:\n%s", log)
	}
	if !strings.Contains(string(out["versions/isms-1.0/policies/is.html"]), "Last changed on 2026-02-01 by Alice Author") {
		t.Errorf("the release's page has no last-changed line:\n%s", log)
	}
	for p := range out {
		if strings.HasPrefix(p, "versions/isms-1.0/public/") || strings.HasPrefix(p, "public/") {
			t.Errorf("output read as content: %s", p)
		}
	}
}
