package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// TestUpdateWriter: an incremental update leaves the file a byte-exact prefix, ends in
// the file's kind of cross-reference section, and the new revision shows the update while
// the previous one, opened at its own section, does not; qpdf reads the result.
func TestUpdateWriter(t *testing.T) {
	f, err := Read(tiny([]byte("BT ET")))
	if err != nil {
		t.Fatal(err)
	}
	for name, file := range map[string][]byte{"table": f.Bytes(), "stream": f.CompactBytes()} {
		t.Run(name, func(t *testing.T) {
			doc, err := Open(file)
			if err != nil {
				t.Fatal(err)
			}
			size, rootRef, catalog, err := doc.UpdateBase()
			if err != nil {
				t.Fatal(err)
			}
			data := []byte("added in the update")
			added := Ref{Num: size}
			w := NewUpdateWriter(doc)
			w.WriteStream(added, data)
			catalog.Set("Added", added)
			if err := w.WriteDict(rootRef, catalog); err != nil {
				t.Fatal(err)
			}
			if err := w.Finish(doc.NextTrailer(size+1, rootRef)); err != nil {
				t.Fatal(err)
			}
			out := append(bytes.Clone(file), w.Buf.Bytes()...)
			update := w.Buf.Bytes()
			if stream := name == "stream"; bytes.Contains(update, []byte("/Type /XRef")) != stream || bytes.Contains(update, []byte("\nxref\n")) == stream {
				t.Errorf("the update's cross-reference section is not a %s:\n%s", name, update)
			}
			now, err := Open(out)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := now.StreamData(Ref{Num: size}, 1<<10); err != nil || !bytes.Equal(got, data) {
				t.Errorf("added stream = %q, %v", got, err)
			}
			if !SameValue(Lookup(now.ResolveDict(Lookup(now.Trailer, "Root")), "Added"), added) {
				t.Error("the new revision's catalog lacks the added entry")
			}
			start, err := LastStartXRef(file)
			if err != nil {
				t.Fatal(err)
			}
			before, err := OpenAt(out, start)
			if err != nil {
				t.Fatal(err)
			}
			if Lookup(before.ResolveDict(Lookup(before.Trailer, "Root")), "Added") != nil {
				t.Error("the previous revision shows the update")
			}
			if _, err := Read(out); err == nil {
				t.Error("Read took a file with an incremental update")
			}
			qpdf := tooltest.Need(t, "qpdf")
			path := filepath.Join(t.TempDir(), "updated.pdf")
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
			msg, err := exec.Command(qpdf, "--check", path).CombinedOutput()
			if text := strings.ToLower(string(msg)); err != nil || strings.Contains(text, "warning") || !strings.Contains(text, "no syntax or stream encoding errors found") {
				t.Errorf("qpdf --check: %v\n%s", err, msg)
			}
		})
	}
}
