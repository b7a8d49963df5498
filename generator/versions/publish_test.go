package versions_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

const boardMinutes = `---
id: REC-BOARD
title: Board minutes
type: record
version: "1.0"
status: approved
approver: CEO
approved: 2026-01-10
classification: confidential
---
# Board minutes

We discussed falcon-merger-7731.
`

var headerLabel = regexp.MustCompile(`<span class="badge classification classification-(\w+)"`)

// makeClassifiedReleases makes two releases of a site with a confidential record whose
// text changes between them, neither of whose trees limits what the site publishes.
func makeClassifiedReleases(t *testing.T) *gitRepo {
	r := newRepo(t)
	r.write(fixture.Minimal().With(fixture.Files{
		".gitignore":               "public/\n.ismsgen/\n",
		"content/policies/is.md":   policyR1,
		"content/records/board.md": boardMinutes,
	}))
	r.commit("2026-01-15", "First release")
	r.tag("2026-01-15", "isms-1.0")
	r.write(fixture.Files{
		"content/policies/is.md":   policyR2,
		"content/records/board.md": strings.Replace(boardMinutes, "falcon-merger-7731", "falcon-merger-7732", 1),
	})
	r.commit("2026-03-01", "Second release")
	r.tag("2026-03-01", "isms-1.1")
	return r
}

// The "what changed" page of a release is labelled with what it shows: here the diff of
// a confidential record.
func TestChangesPagesCarryWhatTheyList(t *testing.T) {
	r := makeClassifiedReleases(t)
	runVersions(t, r.dir, true)
	out := tree(t, filepath.Join(r.dir, "public"))
	for page, want := range map[string]string{"changes/isms-1.1.html": "confidential", "changes/index.html": "internal"} {
		m := headerLabel.FindSubmatch(out[page])
		if m == nil || string(m[1]) != want {
			t.Errorf("%s is labelled %q, want %q", page, m, want)
		}
	}
}

// The current site's publish.max_classification applies to the releases built from
// older trees that lack it, and to the "what changed" pages, which count what they
// leave out.
func TestReleasesPublishNoMoreThanTheCurrentSite(t *testing.T) {
	r := makeClassifiedReleases(t)
	r.write(fixture.Files{"data/site.yaml": fixture.Minimal()["data/site.yaml"] + "publish:\n  max_classification: internal\n"})
	runVersions(t, r.dir, true)
	out := tree(t, filepath.Join(r.dir, "public"))
	for p, b := range out {
		if bytes.Contains(b, []byte("falcon-merger")) || bytes.Contains(b, []byte("Board minutes")) {
			t.Errorf("%s shows the confidential record", p)
		}
	}
	for _, p := range []string{"versions/isms-1.0/records/board.html", "versions/isms-1.1/records/board.html", "records/board.html"} {
		if _, ok := out[p]; ok {
			t.Errorf("%s is published", p)
		}
	}
	if _, ok := out["versions/isms-1.0/withheld/REC-BOARD.html"]; !ok {
		t.Error("release isms-1.0 has no placeholder for REC-BOARD")
	}
	if !bytes.Contains(out["changes/isms-1.1.html"], []byte("1 change to items classified above internal is not listed")) {
		t.Errorf("changes/isms-1.1.html does not count the change it leaves out:\n%s", out["changes/isms-1.1.html"])
	}
	if m := headerLabel.FindSubmatch(out["changes/isms-1.1.html"]); m == nil || string(m[1]) != "internal" {
		t.Errorf("changes/isms-1.1.html is labelled %q, want internal", m)
	}
	for _, b := range brokenLinks(out) {
		t.Error(b)
	}
}
