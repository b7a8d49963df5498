//go:build unix

package filetree

import (
	"os"
	"path/filepath"
	"testing"
)

// ReplaceIn follows no symbolic link out of its root: a linked directory leading outside
// is refused, and a linked file is replaced by the new file, its target left as it was.
func TestReplaceInFollowsNoLinkOut(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "target")
	if err := os.WriteFile(target, []byte("theirs"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "file")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := ReplaceIn(root, "out/x", []byte("mine"), 0o644); err == nil {
		t.Error("ReplaceIn wrote through a link leading out of the root")
	}
	if err := ReplaceIn(root, "file", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "theirs" {
		t.Errorf("the link's target outside the root became %q", b)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "file")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("file is not a regular file after ReplaceIn: %v, %v", fi, err)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 1 {
		t.Errorf("outside the root: %d entries, want the target alone", len(entries))
	}
}
