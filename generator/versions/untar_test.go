package versions

import (
	"archive/tar"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestUntarWritesOnlyRegularFiles: a release's tree holds only its regular files and
// directories. A symbolic link (which could point anywhere, such as
// /proc/self/environ), a hard link, a named pipe and a device in the archive are not
// recreated, so a release builds from nothing but its own committed bytes; an entry
// that would land outside the tree is refused.
func TestUntarWritesOnlyRegularFiles(t *testing.T) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	add := func(h *tar.Header, body string) {
		h.Size = int64(len(body))
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	add(&tar.Header{Name: "content/", Typeflag: tar.TypeDir, Mode: 0o755}, "")
	add(&tar.Header{Name: "content/a.md", Typeflag: tar.TypeReg}, "---\ntitle: A\n---\n")
	add(&tar.Header{Name: "content/logo.png", Typeflag: tar.TypeSymlink, Linkname: "/proc/self/environ"}, "")
	add(&tar.Header{Name: "content/up.md", Typeflag: tar.TypeSymlink, Linkname: "../../../etc/passwd"}, "")
	add(&tar.Header{Name: "content/hard.md", Typeflag: tar.TypeLink, Linkname: "/etc/passwd"}, "")
	add(&tar.Header{Name: "content/pipe.md", Typeflag: tar.TypeFifo}, "")
	add(&tar.Header{Name: "content/zero.png", Typeflag: tar.TypeChar, Devmajor: 1, Devminor: 5}, "")
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := untar(bytes.NewReader(buf.Bytes()), dir); err != nil {
		t.Fatal(err)
	}
	var got []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel)+" "+d.Type().String())
		}
		return err
	})
	if len(got) != 1 || got[0] != "content/a.md ----------" {
		t.Errorf("the tree holds %v, want only content/a.md as a regular file", got)
	}

	buf.Reset()
	tw = tar.NewWriter(&buf)
	add(&tar.Header{Name: "../escape.md", Typeflag: tar.TypeReg}, "x")
	tw.Close()
	tree := filepath.Join(t.TempDir(), "site")
	if err := untar(bytes.NewReader(buf.Bytes()), tree); err == nil {
		t.Error("an entry outside the tree was not refused")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(tree), "escape.md")); err == nil {
		t.Error("an entry was written outside the tree")
	}
}
