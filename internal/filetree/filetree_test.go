package filetree

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestPathRefusesEscapes(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"", ".", "..", "../x", "a/../../x", "/"} {
		if _, err := Path(dir, p); err == nil {
			t.Errorf("Path(%q) = nil error, want an escape error", p)
		}
	}
	for _, p := range []string{"a", "a/b.html", "..a/b", "a/..b"} {
		got, err := Path(dir, p)
		if err != nil {
			t.Errorf("Path(%q): %v", p, err)
			continue
		}
		if want := filepath.Join(dir, filepath.FromSlash(p)); got != want {
			t.Errorf("Path(%q) = %s, want %s", p, got, want)
		}
	}
}

func TestWriteWritesSortedAndStopsAtEscape(t *testing.T) {
	dir := t.TempDir()
	got, err := Write(dir, map[string]string{"b/c.txt": "c", "a.txt": "a"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.txt", "b/c.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("written %v, want %v", got, want)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "b", "c.txt")); err != nil || string(b) != "c" {
		t.Errorf("b/c.txt = %q, %v", b, err)
	}
	out := t.TempDir()
	inner := filepath.Join(out, "inner")
	if _, err := Write(inner, map[string][]byte{"../evil": []byte("x")}); err == nil {
		t.Fatal("a path leaving the directory was written")
	}
	if _, err := os.Stat(filepath.Join(out, "evil")); err == nil {
		t.Error("the escaping file exists outside the directory")
	}
}

func TestReplaceKeepsOldFileOnFailureAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pack.pdf")
	if err := Replace(p, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Replace(p, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("content %q, want two", b)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	// A path whose directory is missing fails, naming the path, not a temporary file.
	missing := filepath.Join(dir, "no", "such.pdf")
	err := Replace(missing, []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), missing) || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("Replace into a missing directory: %v", err)
	}
	// Renaming over a directory fails after the temporary file was written: the
	// temporary file must be gone and the directory untouched.
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(filepath.Join(sub, "child"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Replace(sub, []byte("x"), 0o644); err == nil {
		t.Error("Replace over a non-empty directory succeeded")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"pack.pdf", "sub"}; !reflect.DeepEqual(names, want) {
		t.Errorf("directory holds %v, want %v", names, want)
	}
}

func TestModeOf(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if m, err := ModeOf(p, 0o640); err != nil || m != 0o640 {
		t.Errorf("missing file: %v, %v", m, err)
	}
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if m, err := ModeOf(p, 0o644); err != nil || m != 0o600 {
		t.Errorf("existing file: %v, %v", m, err)
	}
}

func TestReplaceInWritesInsideTheRootOnly(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "cache"), 0o755); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for i, data := range []string{"one", "two"} {
		if err := ReplaceIn(root, "cache/a.png", []byte(data), 0o640); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "cache", "a.png")); string(b) != data {
			t.Errorf("write %d: content %q, want %q", i, b, data)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dir, "cache", "a.png")); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	// Names leaving the root are refused, and nothing appears beside it.
	for _, name := range []string{"../escape", "cache/../../escape", "/escape"} {
		if err := ReplaceIn(root, name, []byte("x"), 0o644); err == nil {
			t.Errorf("ReplaceIn(%q) succeeded", name)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
		t.Errorf("the root's parent holds %d entries, want the root alone", len(entries))
	}
	// A missing directory fails naming the file, not the temporary one; a failed rename
	// leaves no temporary file.
	err = ReplaceIn(root, "no/such.png", []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "no/such.png") || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("ReplaceIn into a missing directory: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "cache", "sub", "child"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceIn(root, "cache/sub", []byte("x"), 0o644); err == nil || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("ReplaceIn over a non-empty directory: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "cache"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"a.png", "sub"}; !reflect.DeepEqual(names, want) {
		t.Errorf("cache holds %v, want %v", names, want)
	}
}

func TestCreateNeverOverwrites(t *testing.T) {
	p := filepath.Join(t.TempDir(), "key.pem")
	if err := Create(p, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if err := Create(p, []byte("other"), 0o644); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over an existing file: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "secret" {
		t.Errorf("the existing file became %q", b)
	}
}
