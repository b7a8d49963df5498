//go:build unix

package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestOverlayReadsNoRefusedFile: the overlay shows the source lines around an error,
// read from disk; for an error at a link out of the site, or at a named pipe, it shows
// none — reading the file would show the outside file in the browser, or hang.
func TestOverlayReadsNoRefusedFile(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	secret := fmt.Sprintf("overlay-secret-%d", time.Now().UnixNano())
	out := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(out, []byte(secret+"\n"+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(out, filepath.Join(dir, "content", "leak.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "fifo.md"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	errs := diag.List{
		diag.Errorf(diag.Pos{Path: "content/leak.md", Line: 1, Col: 1}, "symbolic link points outside the site root"),
		diag.Errorf(diag.Pos{Path: "content/fifo.md", Line: 1, Col: 1}, "a named pipe (FIFO), not a regular file"),
		diag.Errorf(diag.Pos{Path: "content/policies/is.md", Line: 2, Col: 1}, "an ordinary error"),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan []overlayError, 1)
	go func() { done <- overlayErrors(dir, errs) }()
	var got []overlayError
	select {
	case got = <-done:
	case <-ctx.Done():
		t.Fatal("the overlay blocked reading a named pipe")
	}
	if len(got) != 3 {
		t.Fatalf("overlay errors: %+v", got)
	}
	for _, oe := range got[:2] {
		if len(oe.Source) != 0 {
			t.Errorf("%s: the overlay read the refused file: %+v", oe.Pos, oe.Source)
		}
		for _, l := range oe.Source {
			if strings.Contains(l.Text, secret) {
				t.Errorf("%s: the overlay shows the secret", oe.Pos)
			}
		}
	}
	if len(got[2].Source) == 0 || !strings.Contains(got[2].Source[0].Text, "---") {
		t.Errorf("an ordinary error lost its source lines: %+v", got[2].Source)
	}
}
