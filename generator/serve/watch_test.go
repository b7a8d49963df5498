package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fsnotify/fsnotify"
)

func TestIgnoredNames(t *testing.T) {
	for name, want := range map[string]bool{
		"is.md": false, "crypto.md": false, "style.css": false, "logo.png": false, "policies": false,
		".is.md.swp": true, ".is.md.swx": true, "is.md.swp": true, "is.md~": true, "#is.md#": true, ".#is.md": true,
		"4913": true, ".goutputstream-X1Y2": true, "is.md.tmp": true, "is.md___jb_tmp___": true,
		"is.md___jb_old___": true, "is.md.crswap": true, ".git": true,
	} {
		if got := ignoredName(name); got != want {
			t.Errorf("ignoredName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestWatcherRelevance feeds events to the watcher and checks which signal a rebuild,
// and that directories created under a tree are watched.
func TestWatcherRelevance(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"content/policies", "data", "public", "evidence"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	w, err := newWatcher(root, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	w.evidence = map[string]bool{filepath.Join(root, "evidence/report.csv"): true}

	signalled := func() bool {
		select {
		case <-w.changed:
			return true
		default:
			return false
		}
	}
	for _, tc := range []struct {
		path string
		op   fsnotify.Op
		want bool
	}{
		{"content/policies/is.md", fsnotify.Write, true},
		{"content/policies/is.md", fsnotify.Chmod, false},
		{"content/policies/.is.md.swp", fsnotify.Write, false},
		{"content/policies/is.md~", fsnotify.Create, false},
		{"content/policies/4913", fsnotify.Create, false},
		{"content/.hidden/x.md", fsnotify.Write, false},
		{"data/risks.yaml", fsnotify.Rename, true},
		{"themes/default/static/css/style.css", fsnotify.Write, true},
		{"public/index.html", fsnotify.Write, false},
		{"README.md", fsnotify.Write, false},
		{"evidence/report.csv", fsnotify.Write, true},
		{"evidence/other.csv", fsnotify.Write, false},
	} {
		w.handle(fsnotify.Event{Name: filepath.Join(root, tc.path), Op: tc.op})
		if got := signalled(); got != tc.want {
			t.Errorf("%v %s: rebuild %v, want %v", tc.op, tc.path, got, tc.want)
		}
	}
	if w.lastWasRemoval() {
		t.Error("removal flag set although the last relevant event was a write")
	}
	// A new file still empty (created, not yet written) waits as a removal does; once
	// written, its next event does not.
	fresh := filepath.Join(root, "content/policies/new.md")
	os.WriteFile(fresh, nil, 0o644)
	w.handle(fsnotify.Event{Name: fresh, Op: fsnotify.Create})
	if !signalled() || !w.lastWasRemoval() {
		t.Error("an empty new file does not get the removal's moment before the rebuild")
	}
	os.WriteFile(fresh, []byte("# New\n"), 0o644)
	w.handle(fsnotify.Event{Name: fresh, Op: fsnotify.Write})
	if !signalled() || w.lastWasRemoval() {
		t.Error("a written file still waits as a removal")
	}
	w.handle(fsnotify.Event{Name: fresh, Op: fsnotify.Create})
	if !signalled() || w.lastWasRemoval() {
		t.Error("a new file created with its content waits as a removal")
	}

	// A directory created under a tree, with a subdirectory, is watched at once.
	nested := filepath.Join(root, "content/standards/crypto")
	os.MkdirAll(nested, 0o755)
	w.handle(fsnotify.Event{Name: filepath.Join(root, "content/standards"), Op: fsnotify.Create})
	if !signalled() || !w.dirs[nested] || !w.dirs[filepath.Join(root, "content/standards")] {
		t.Errorf("new directories not watched: %v", w.dirs)
	}
	os.RemoveAll(filepath.Join(root, "content/standards"))
	w.handle(fsnotify.Event{Name: filepath.Join(root, "content/standards"), Op: fsnotify.Remove})
	if !signalled() || w.dirs[nested] || !w.lastWasRemoval() {
		t.Errorf("removed directory still watched or not signalled: %v", w.dirs)
	}
}

// TestWatcherFollowsContentDir: with content_dir: . the site root is watched (not its
// output directories), and editing content_dir in data/site.yaml moves the watch.
func TestWatcherFollowsContentDir(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"policies", "data", "public", "site", "docs/a", ".github/workflows"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "site", ".ismsgen-output"), []byte("marker"), 0o644)
	os.WriteFile(filepath.Join(root, "data", "site.yaml"), []byte("organisation: X\ncontent_dir: .\n"), 0o644)
	w, err := newWatcher(root, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	signalled := func() bool {
		select {
		case <-w.changed:
			return true
		default:
			return false
		}
	}
	check := func(cases map[string]bool) {
		t.Helper()
		for path, want := range cases {
			w.handle(fsnotify.Event{Name: filepath.Join(root, path), Op: fsnotify.Write})
			if got := signalled(); got != want {
				t.Errorf("write %s: rebuild %v, want %v", path, got, want)
			}
		}
	}
	check(map[string]bool{
		"README.md":                   true,
		"policies/access.md":          true,
		"docs/a/form.pdf":             true,
		"public/index.html":           false,
		"site/index.html":             false,
		".github/workflows/ci.yml":    false,
		"data/risks.yaml":             true,
		"themes/default/layouts/x.md": true,
	})
	if !w.dirs[filepath.Join(root, "docs/a")] || w.dirs[filepath.Join(root, "public")] || w.dirs[filepath.Join(root, "site")] || w.dirs[filepath.Join(root, ".github")] {
		t.Errorf("watched directories: %v", w.dirs)
	}

	os.WriteFile(filepath.Join(root, "data", "site.yaml"), []byte("organisation: X\ncontent_dir: docs\n"), 0o644)
	w.handle(fsnotify.Event{Name: filepath.Join(root, "data", "site.yaml"), Op: fsnotify.Write})
	if !signalled() {
		t.Error("editing data/site.yaml must rebuild")
	}
	check(map[string]bool{"docs/a/x.md": true, "README.md": false, "policies/access.md": false})
}
