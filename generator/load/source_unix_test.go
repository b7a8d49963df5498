//go:build unix

package load_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// secret is a string that appears nowhere but in the file or variable a test plants.
func secret(t *testing.T) string {
	return fmt.Sprintf("ismsgen-secret-%d-%s", time.Now().UnixNano(), strings.ReplaceAll(t.Name(), "/", "-"))
}

// outsideFile writes a file holding the secret outside the site directory.
func outsideFile(t *testing.T, secret string) string {
	p := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(p, []byte("---\ntitle: "+secret+"\n---\n"+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// loadWithin loads dir, failing the test if the load does not finish in time (a named
// pipe opened for reading blocks until a writer comes).
func loadWithin(t *testing.T, dir string) (*model.Site, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	type result struct {
		site *model.Site
		err  error
	}
	done := make(chan result, 1)
	go func() {
		s, err := load.Load(ctx, dir)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.site, r.err
	case <-ctx.Done():
		t.Fatal("load did not finish: it blocked on a source file")
		return nil, nil
	}
}

// assertNoSecret fails if the secret is in any byte the load kept for the output.
func assertNoSecret(t *testing.T, s *model.Site, secret string) {
	t.Helper()
	if s == nil {
		return
	}
	for p, b := range s.Files {
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the secret was read into %s", p)
		}
	}
	for _, d := range s.Documents {
		if strings.Contains(d.Meta.Title, secret) || bytes.Contains(d.Body, []byte(secret)) {
			t.Errorf("the secret was read into document %s", d.Path)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
}

// TestSourceFilesOutsideTheRootAreRefused plants, under content/, data/ and themes/,
// links to files outside the site, devices and named pipes: each is a content error at
// its path:1:1, the load finishes, and nothing of the outside file is read.
func TestSourceFilesOutsideTheRootAreRefused(t *testing.T) {
	outside := "symbolic link points outside the site root"
	notRegular := "not a regular file; ismsgen reads only regular files"
	tests := []struct {
		name, path string
		plant      func(t *testing.T, dir, full, secret string)
		want       string
	}{
		{"image linked to an outside file", "content/logo.png", func(t *testing.T, dir, full, s string) {
			symlink(t, outsideFile(t, s), full)
		}, outside},
		{"image linked to the environment", "content/logo.png", func(t *testing.T, dir, full, s string) {
			if _, err := os.Stat("/proc/self/environ"); err != nil {
				t.Skip("no /proc/self/environ here")
			}
			t.Setenv("ISMSGEN_TEST_SECRET", s)
			symlink(t, "/proc/self/environ", full)
		}, outside + " (to /proc/self/environ); copy the file into the site instead"},
		{"document linked to an outside file", "content/leak.md", func(t *testing.T, dir, full, s string) {
			symlink(t, outsideFile(t, s), full)
		}, outside},
		{"relative link climbing out", "content/leak.md", func(t *testing.T, dir, full, s string) {
			rel, err := filepath.Rel(filepath.Dir(full), outsideFile(t, s))
			if err != nil {
				t.Fatal(err)
			}
			symlink(t, rel, full)
		}, outside},
		{"image linked to /dev/zero", "content/x.png", func(t *testing.T, dir, full, s string) {
			symlink(t, "/dev/zero", full)
		}, outside + " (to /dev/zero)"},
		{"data file linked outside", "data/soa.yaml", func(t *testing.T, dir, full, s string) {
			os.Remove(full)
			symlink(t, outsideFile(t, s), full)
		}, outside},
		{"theme file linked outside", "themes/default/layouts/page.html", func(t *testing.T, dir, full, s string) {
			symlink(t, outsideFile(t, s), full)
		}, outside},
		{"theme directory linked outside", "themes/default", func(t *testing.T, dir, full, s string) {
			d := filepath.Dir(outsideFile(t, s))
			symlink(t, d, full)
		}, outside},
		{"document linked into .git", "content/git.md", func(t *testing.T, dir, full, s string) {
			fixture.WriteTo(t, dir, fixture.Files{".git/config": "---\ntitle: " + s + "\n---\n"})
			symlink(t, "../.git/config", full)
		}, "symbolic link points into the hidden directory .git"},
		{"named pipe document", "content/fifo.md", func(t *testing.T, dir, full, s string) {
			mkfifo(t, full)
		}, "a named pipe (FIFO), " + notRegular},
		{"named pipe image", "content/fifo.png", func(t *testing.T, dir, full, s string) {
			mkfifo(t, full)
		}, "a named pipe (FIFO), " + notRegular},
		{"link to a named pipe inside the site", "content/pipe.md", func(t *testing.T, dir, full, s string) {
			mkfifo(t, filepath.Join(dir, "other", "pipe"))
			symlink(t, "../other/pipe", full)
		}, "a named pipe (FIFO), " + notRegular},
		{"document that is a directory link", "content/dir.md", func(t *testing.T, dir, full, s string) {
			if err := os.MkdirAll(filepath.Join(dir, "other", "d"), 0o755); err != nil {
				t.Fatal(err)
			}
			symlink(t, "../other/d", full)
		}, "a directory, not a file"},
		{"absolute link to a file inside", "content/abs.md", func(t *testing.T, dir, full, s string) {
			fixture.WriteTo(t, dir, fixture.Files{"other/b.md": "---\ntitle: B\n---\n"})
			symlink(t, filepath.Join(dir, "other", "b.md"), full)
		}, "symbolic link is absolute"},
		{"dangling link", "content/gone.md", func(t *testing.T, dir, full, s string) {
			symlink(t, "nowhere.md", full)
		}, "symbolic link points to a file that does not exist (nowhere.md)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixture.Write(t, fixture.Minimal())
			s := secret(t)
			tt.plant(t, dir, filepath.Join(dir, filepath.FromSlash(tt.path)), s)
			site, err := loadWithin(t, dir)
			l, ok := diag.AsList(err)
			if !ok {
				t.Fatalf("want a positioned error at %s:1:1, got %v", tt.path, err)
			}
			want := tt.path + ":1:1: " + tt.want
			if !strings.Contains(l.Error(), want) {
				t.Errorf("want %q in:\n%s", want, l.Error())
			}
			if strings.Contains(l.Error(), s) {
				t.Errorf("the error shows the secret:\n%s", l.Error())
			}
			assertNoSecret(t, site, s)
		})
	}
}

// TestLinksInsideTheRootAreRead: a document, an image and a tree that are relative
// links to files inside the site load as if they were there.
func TestLinksInsideTheRootAreRead(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"other/b.md":          "---\ntitle: Linked page\n---\nLinked body.\n",
		"other/logo.png":      "PNG",
		"shared/theme/x.css":  "body{}",
		"other/data/soa.yaml": "",
	}))
	symlink(t, "../other/b.md", filepath.Join(dir, "content", "a.md"))
	symlink(t, "../other/logo.png", filepath.Join(dir, "content", "logo.png"))
	symlink(t, "../shared/theme", filepath.Join(dir, "themes", "default"))
	site, err := loadWithin(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, d := range site.Documents {
		titles = append(titles, d.Meta.Title)
		if d.Path == "content/a.md" && d.Meta.Title != "Linked page" {
			t.Errorf("content/a.md: title %q", d.Meta.Title)
		}
	}
	if !strings.Contains(strings.Join(titles, "|"), "Linked page") {
		t.Errorf("the linked document was not loaded: %v", titles)
	}
	if string(site.Files["content/logo.png"]) != "PNG" || string(site.Files["themes/default/x.css"]) != "body{}" {
		t.Errorf("linked image or theme not read: %q, %q", site.Files["content/logo.png"], site.Files["themes/default/x.css"])
	}
}

// TestReadFile reads with the loader's rules for other stages.
func TestReadFile(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	s := secret(t)
	symlink(t, outsideFile(t, s), filepath.Join(dir, "content", "leak.md"))
	mkfifo(t, filepath.Join(dir, "content", "fifo.md"))
	if b, err := load.ReadFile(dir, "content/policies/is.md"); err != nil || !bytes.Contains(b, []byte("POL-IS")) {
		t.Errorf("ReadFile of a document: %q, %v", b, err)
	}
	for _, p := range []string{"content/leak.md", "content/fifo.md", ".git/config", "../x"} {
		if b, err := load.ReadFile(dir, p); err == nil || bytes.Contains(b, []byte(s)) {
			t.Errorf("ReadFile(%s) = %q, %v: want a refusal", p, b, err)
		}
	}
}

// TestEvidenceFilesAreReadThroughTheSource: an evidence file that is a named pipe, a
// link out of the site, a link into .ismsgen, or under a directory linked out of the
// site is a content error at its file: in data/evidence.yaml, and is never read.
func TestEvidenceFilesAreReadThroughTheSource(t *testing.T) {
	tests := []struct {
		name  string
		plant func(t *testing.T, dir, full, secret string)
		want  string
	}{
		{"named pipe", func(t *testing.T, dir, full, s string) { mkfifo(t, full) }, "a named pipe (FIFO), not a regular file"},
		{"link out of the site", func(t *testing.T, dir, full, s string) {
			symlink(t, outsideFile(t, s), full)
		}, "symbolic link points outside the site root (to "},
		{"link to the signing key", func(t *testing.T, dir, full, s string) {
			fixture.WriteTo(t, dir, fixture.Files{".ismsgen/dev-signing/signer-key.pem": s})
			symlink(t, "../.ismsgen/dev-signing/signer-key.pem", full)
		}, "symbolic link points into the hidden directory .ismsgen"},
		{"directory linked out of the site", func(t *testing.T, dir, full, s string) {
			out := outsideFile(t, s)
			if err := os.Rename(out, filepath.Join(filepath.Dir(out), "x.csv")); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Dir(out), filepath.Join(dir, "evidence", "linked"))
		}, "symbolic link points outside the site root (to "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "evidence/x.csv"
			if tt.name == "directory linked out of the site" {
				file = "evidence/linked/x.csv"
			}
			dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
				"data/evidence.yaml": "evidence:\n  - id: EV-1\n    title: e\n    file: " + file + "\n",
			}))
			s := secret(t)
			tt.plant(t, dir, filepath.Join(dir, filepath.FromSlash(file)), s)
			site, err := loadWithin(t, dir)
			want := "data/evidence.yaml:4:11: evidence EV-1: file " + file + ": " + tt.want
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("want %q in:\n%v", want, err)
			}
			assertNoSecret(t, site, s)
		})
	}
}
