package versions_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/versions"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/themes"
)

func TestNoReleases(t *testing.T) {
	t.Run("outside git", func(t *testing.T) {
		dir := fixture.Write(t, fixture.Minimal())
		_, c, log := runVersions(t, dir, true)
		if strings.Count(log, "no releases found") != 1 || !strings.Contains(log, "not in a git repository") {
			t.Errorf("log:\n%s", log)
		}
		if c.Stats() != (versions.Stats{}) {
			t.Errorf("stats %+v", c.Stats())
		}
		if _, err := os.Stat(filepath.Join(dir, "public", "versions")); err == nil {
			t.Error("versions/ written without releases")
		}
	})
	t.Run("no matching tags", func(t *testing.T) {
		r := newRepo(t)
		r.write(fixture.Minimal().With(fixture.Files{"data/site.yaml": fixture.Minimal()["data/site.yaml"] + "versions: {tags: \"release/*\"}\n"}))
		r.commit("2026-01-15", "ISMS")
		r.tag("2026-01-15", "isms-1.0") // does not match release/*
		_, _, log := runVersions(t, r.dir, true)
		if strings.Count(log, "no releases found") != 1 || !strings.Contains(log, `no git tag matches "release/*"`) {
			t.Errorf("log:\n%s", log)
		}
	})
}

// TestBrokenRelease: a tag whose tree does not build is reported with its errors; the
// other releases still build.
func TestBrokenRelease(t *testing.T) {
	r := newRepo(t)
	r.write(fixture.Minimal())
	r.commit("2026-01-15", "ISMS")
	r.tag("2026-01-15", "isms-1.0")
	r.write(fixture.Files{"content/policies/is.md": strings.Replace(policyR1, "[[R-1]]", "[[R-404]]", 1)})
	r.commit("2026-02-01", "broken reference")
	r.tag("2026-02-01", "isms-1.1")
	r.write(fixture.Files{"content/policies/is.md": policyR2})
	r.commit("2026-03-01", "fixed")
	r.tag("2026-03-01", "isms-1.2")

	_, c, log := runVersions(t, r.dir, true)
	if got, want := c.Stats(), (versions.Stats{Releases: 3, Built: 2, Failed: 1}); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
	if !strings.Contains(log, "release isms-1.1") || !strings.Contains(log, `content/policies/is.md:18:`) || !strings.Contains(log, `"R-404"`) {
		t.Errorf("the failed release is not reported with its errors:\n%s", log)
	}
	out := tree(t, filepath.Join(r.dir, "public"))
	if _, ok := out["versions/isms-1.1/index.html"]; ok {
		t.Error("the broken release was published")
	}
	for _, p := range []string{"versions/isms-1.0/index.html", "versions/isms-1.2/index.html"} {
		if _, ok := out[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	// isms-1.2 is compared with isms-1.0, the release before it that built.
	if html := string(out["changes/isms-1.2.html"]); !strings.Contains(html, "isms-1.0</a> of 2026-01-15") {
		t.Error("isms-1.2 is not compared with isms-1.0")
	}
	if !strings.Contains(string(out["changes/index.html"]), "isms-1.1: ") {
		t.Error("the releases page does not list the release that failed")
	}
	for _, b := range brokenLinks(out) {
		t.Error(b)
	}
}

// TestMaterialize checks the function the pack command uses: a release's tree with its
// commit, read without touching the work tree.
func TestMaterialize(t *testing.T) {
	r := makeReleases(t)
	before := r.state()
	tr, err := versions.Materialize(context.Background(), r.dir, "isms-1.1")
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	if want := strings.TrimSpace(r.git("", "rev-parse", "isms-1.1^{commit}")); tr.Commit != want {
		t.Errorf("commit %s, want %s", tr.Commit, want)
	}
	b, err := os.ReadFile(filepath.Join(tr.Dir, "content", "policies", "is.md"))
	if err != nil || string(b) != policyR2 {
		t.Errorf("policy in the tree: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(tr.Dir, "content", "policies", "new.md")); err == nil {
		t.Error("the tree has a file of a later release")
	}
	if tr.Date.Format("2006-01-02") != "2026-03-01" {
		t.Errorf("date %s", tr.Date)
	}
	if r.state() != before {
		t.Error("Materialize changed the repository")
	}
	dir := tr.Dir
	tr.Close()
	if _, err := os.Stat(dir); err == nil {
		t.Error("Close left the tree")
	}
	if _, err := versions.Materialize(context.Background(), r.dir, "isms-9"); err == nil || !strings.Contains(err.Error(), "no release isms-9") {
		t.Errorf("unknown tag: %v", err)
	}
	if _, err := versions.Materialize(context.Background(), r.dir, "--output=/tmp/x"); err == nil {
		t.Error("an option was accepted as a release")
	}
}

// TestThemeWithoutSlot: a site theme whose baseof.html predates versions (no
// partials/versions.html) still gets a switcher on every page of every version.
func TestThemeWithoutSlot(t *testing.T) {
	base, err := fs.ReadFile(themes.Default(), "layouts/baseof.html")
	if err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(string(base), `{{template "partials/versions.html" .}}`, "", 1)
	r := newRepo(t)
	r.write(fixture.Minimal().With(fixture.Files{"themes/default/layouts/baseof.html": old}))
	r.commit("2026-01-15", "ISMS")
	r.tag("2026-01-15", "isms-1.0")
	_, c, log := runVersions(t, r.dir, true)
	if c.Stats().Built != 1 {
		t.Fatalf("stats %+v\n%s", c.Stats(), log)
	}
	out := tree(t, filepath.Join(r.dir, "public"))
	for _, p := range []string{"index.html", "policies/is.html", "versions/isms-1.0/index.html", "versions/isms-1.0/policies/is.html", "changes/index.html"} {
		got := switcherLinks(t, out[p])
		if _, ok := got["isms-1.0"]; !ok {
			t.Errorf("%s: no switcher entry for isms-1.0: %v", p, got)
		}
	}
	for _, b := range brokenLinks(out) {
		t.Error(b)
	}
}
