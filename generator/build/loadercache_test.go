package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestPreviewLoaderCacheEqualsFreshBuild: the live preview's rebuilds, through a Loader
// told what changed (which then reuses its tree listings and decoded registers), give
// the same bytes as a build from scratch, after a body edit, a register edit and a new
// document.
func TestPreviewLoaderCacheEqualsFreshBuild(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	opt := previewOptions(dir)
	l := load.New()
	prev, err := build.Render(context.Background(), opt(l, nil))
	if err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const extra = "catalogue: extra\ncontrols: [{id: X.1, title: Extra control, theme: th}]\n"
	edits := []fixture.Files{
		{"content/policies/is.md": read("content/policies/is.md") + "\nAn edited paragraph.\n"},
		{"data/risks.yaml": strings.Replace(read("data/risks.yaml"), "Laptop theft", "Laptop loss", 1)},
		{"content/new.md": "---\ntitle: New page\n---\nNew.\n"},
		{"data/controls/extra.yaml": extra},
		{"content/policies/is.md": read("content/policies/is.md") + "\nAnother paragraph.\n"},
		{"data/controls/extra.yaml": strings.Replace(extra, "Extra control", "Edited control", 1)},
	}
	for _, edit := range edits {
		fixture.WriteTo(t, dir, edit)
		var changed []string
		for p := range edit {
			changed = append(changed, filepath.Join(dir, filepath.FromSlash(p)))
		}
		l.Changed(dir, changed, false)
		cur, err := build.Render(context.Background(), opt(l, prev))
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := build.Render(context.Background(), opt(load.New(), nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(cur.Files) != len(fresh.Files) {
			t.Fatalf("after %v: %d files, a fresh build %d", changed, len(cur.Files), len(fresh.Files))
		}
		for p, b := range fresh.Files {
			if !bytes.Equal(cur.Files[p], b) {
				t.Errorf("after %v: %s differs from a fresh build", changed, p)
			}
		}
		prev = cur
	}
	if !bytes.Contains(prev.Files["risks/R-1.html"], []byte("Laptop loss")) {
		t.Error("the risk's page does not show the edited title")
	}
	if !containsAny(prev.Files, "Edited control") {
		t.Error("no page shows the edited control's title")
	}
}

func containsAny(files map[string][]byte, s string) bool {
	for _, b := range files {
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

// previewOptions returns the options of a live-preview render of the site at dir,
// through loader l, reusing the pages of prev.
func previewOptions(dir string) func(l *load.Loader, prev *build.Result) build.Options {
	return func(l *load.Loader, prev *build.Result) build.Options {
		return build.Options{Source: dir, Date: buildDate, NoPack: true, LazyPacks: true, Loader: l, Site: build.Preview("", prev)}
	}
}
