package site_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// With repo_url, every document and register page links to its source on the git host
// and to its history, on edit_branch; the host's URL pattern follows its name.
func TestEditThisPage(t *testing.T) {
	for _, tc := range []struct {
		repo, branch, edit, history string
	}{
		{"https://github.com/example/isms", "", "https://github.com/example/isms/edit/main/content/policies/is.md", "https://github.com/example/isms/commits/main/content/policies/is.md"},
		{"https://gitlab.example.com/sec/isms.git", "release", "https://gitlab.example.com/sec/isms/-/edit/release/content/policies/is.md", "https://gitlab.example.com/sec/isms/-/commits/release/content/policies/is.md"},
	} {
		site := fixture.Minimal()["data/site.yaml"] + "repo_url: " + tc.repo + "\n"
		if tc.branch != "" {
			site += "edit_branch: " + tc.branch + "\n"
		}
		out := render(t, fixture.Minimal().With(fixture.Files{"data/site.yaml": site}))
		p := page(t, out, "policies/is.html")
		for _, want := range []string{`href="` + tc.edit + `" rel="noopener">Edit this page</a>`, `href="` + tc.history + `" rel="noopener">History</a>`} {
			if !strings.Contains(p, want) {
				t.Errorf("%s: the policy's page lacks %s", tc.repo, want)
			}
		}
		if soa := page(t, out, "soa.html"); !strings.Contains(soa, "/data/soa.yaml") {
			t.Errorf("%s: the SoA does not link its source data/soa.yaml", tc.repo)
		}
	}
	if strings.Contains(page(t, render(t, fixture.Minimal()), "policies/is.html"), "Edit this page") {
		t.Error("a site without repo_url links a git host")
	}
}
