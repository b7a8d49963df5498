//go:build unix

package load_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

const diagramPolicy = "---\ntitle: Access\n---\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```mermaid\nflowchart LR\n  C --> D\n```\n"

// cacheNames returns the cache paths of the policy's two diagrams.
func cacheNames(t *testing.T) (first, second string) {
	t.Helper()
	h := func(src string) string {
		return diagram.CachePath(diagram.Diagram{Source: src}.Hash())
	}
	return h("flowchart LR\n  A --> B\n"), h("flowchart LR\n  C --> D\n")
}

// The loader reads the cached images the documents' diagrams need from
// .ismsgen/diagrams, and nothing else from hidden directories.
func TestDiagramCacheRead(t *testing.T) {
	first, second := cacheNames(t)
	stale := diagram.CachePath(strings.Repeat("0", 64))
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/policies/access.md":          diagramPolicy,
		first:                                 "PNG one",
		second:                                "PNG two",
		stale:                                 "an image no diagram needs",
		".ismsgen/dev-signing/signer-key.pem": "KEY",
		".ismsgen/diagrams/notes.txt":         "not an image",
	}))
	s, err := loadWithin(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if string(s.Files[first]) != "PNG one" || string(s.Files[second]) != "PNG two" {
		t.Errorf("cached images not read: %q, %q", s.Files[first], s.Files[second])
	}
	for p := range s.Files {
		if strings.HasPrefix(p, ".") && p != first && p != second {
			t.Errorf("the loader read %s", p)
		}
	}
}

// A cache entry that is a symbolic link (even to a file inside the site), a named pipe,
// or a cache directory that is a link, is not read: the load neither follows it nor
// blocks on it, and fails nothing.
func TestDiagramCacheRefusesLinks(t *testing.T) {
	first, second := cacheNames(t)
	secret := secret(t)
	outside := outsideFile(t, secret)
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{"content/policies/access.md": diagramPolicy}))
	cache := filepath.Join(dir, filepath.FromSlash(diagram.CacheDir))
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, filepath.FromSlash(first))); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(second)), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := loadWithin(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Files[first]; ok {
		t.Error("a cache entry that is a symbolic link was read")
	}
	if _, ok := s.Files[second]; ok {
		t.Error("a cache entry that is a named pipe was read")
	}

	// The whole cache directory a link to a directory outside the site.
	elsewhere := t.TempDir()
	if err := os.WriteFile(filepath.Join(elsewhere, filepath.Base(first)), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, cache); err != nil {
		t.Fatal(err)
	}
	if s, err = loadWithin(t, dir); err != nil {
		t.Fatal(err)
	}
	for p, b := range s.Files {
		if strings.Contains(string(b), secret) {
			t.Errorf("%s holds the file outside the site", p)
		}
	}
}
