//go:build unix

package scaffold_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestNewReadsAsTheBuildDoes: new reads the site's documents (for the IDs in use) and
// archetypes as the build does: a named pipe under content/ is skipped, not waited on,
// and an archetype that links out of the site is refused, so nothing outside the site
// is copied into content/.
func TestNewReadsAsTheBuildDoes(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{"data/site.yaml": "organisation: Example Ltd\ntheme: house\n"}))
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "pipe.md"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	secret := "scaffold-secret-" + time.Now().Format(time.RFC3339Nano)
	out := filepath.Join(t.TempDir(), "policy.md")
	if err := os.WriteFile(out, []byte("---\ntitle: "+secret+"\n---\n"+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "themes", "house", "archetypes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(out, filepath.Join(dir, "themes", "house", "archetypes", "policy.md")); err != nil {
		t.Fatal(err)
	}
	type result struct{ err error }
	done := make(chan result, 1)
	go func() {
		_, err := newDoc(t, dir, "policy", "Leak", "")
		done <- result{err}
	}()
	var err error
	select {
	case r := <-done:
		err = r.err
	case <-time.After(20 * time.Second):
		t.Fatal("new blocked on a named pipe under content/")
	}
	if err == nil || !strings.Contains(err.Error(), "themes/house/archetypes/policy.md: symbolic link points outside the site root") {
		t.Errorf("want the archetype refused, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "policies", "leak.md")); err == nil {
		t.Error("a document was written from an archetype outside the site")
	}
	// Without the link, new works past the pipe.
	if err := os.Remove(filepath.Join(dir, "themes", "house", "archetypes", "policy.md")); err != nil {
		t.Fatal(err)
	}
	if res, err := newDoc(t, dir, "policy", "Leak", ""); err != nil || res.ID == "" {
		t.Errorf("new past a named pipe: %+v, %v", res, err)
	}
}
