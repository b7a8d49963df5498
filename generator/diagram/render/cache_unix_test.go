//go:build unix

package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diagram"
)

// The cache is written only into real directories of the site: a .ismsgen or
// .ismsgen/diagrams that is a symbolic link is refused, and nothing is written through it.
func TestWriteCacheRefusesLinks(t *testing.T) {
	p := diagram.CachePath(strings.Repeat("a", 64))
	for _, link := range []string{".ismsgen", diagram.CacheDir} {
		site, elsewhere := t.TempDir(), t.TempDir()
		full := filepath.Join(site, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if link == ".ismsgen" {
			if err := os.MkdirAll(filepath.Join(elsewhere, "diagrams"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink(elsewhere, full); err != nil {
			t.Fatal(err)
		}
		if _, err := writeCache(site, map[string][]byte{p: []byte("png")}); err == nil || !strings.Contains(err.Error(), "not a directory") {
			t.Errorf("%s a link: error %v", link, err)
		}
		var found []string
		filepath.Walk(elsewhere, func(q string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				found = append(found, q)
			}
			return nil
		})
		if len(found) > 0 {
			t.Errorf("%s a link: written outside the site: %v", link, found)
		}
	}
	// A real cache gets the file, and no temporary file is left.
	site := t.TempDir()
	got, err := writeCache(site, map[string][]byte{p: []byte("png")})
	if err != nil || len(got) != 1 || got[0] != p {
		t.Fatalf("writeCache = %v, %v", got, err)
	}
	entries, _ := os.ReadDir(filepath.Join(site, filepath.FromSlash(diagram.CacheDir)))
	if len(entries) != 1 {
		t.Errorf("cache holds %d entries, want 1", len(entries))
	}
}
