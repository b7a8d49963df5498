package filetree

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Path joins the slash path p to dir, refusing a path that is empty or leaves dir.
func Path(dir, p string) (string, error) {
	full := filepath.Join(dir, filepath.FromSlash(p))
	if rel, err := filepath.Rel(dir, full); err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("output path %q escapes the output directory", p)
	}
	return full, nil
}

// Sorted returns the paths of files in sorted order, the order Write writes them in.
func Sorted[T any](files map[string]T) []string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Write writes each file (keyed by slash path) under dir in sorted order, creating
// directories as needed, with mode 0644. It stops at the first error and returns the
// paths it wrote.
func Write[T string | []byte](dir string, files map[string]T) ([]string, error) {
	var written []string
	for _, p := range Sorted(files) {
		full, err := Path(dir, p)
		if err != nil {
			return written, err
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}

// Replace writes data to path through a temporary file in the same directory and a
// rename, so that a reader finds either the old file or the whole new one, never half
// of it, and a failed write leaves the old file as it was. The file gets mode perm.
// Errors name path, never the temporary file.
func Replace(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary file's name means nothing to the user
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// ModeOf returns the permission bits of the file at path, or def when there is none,
// so that replacing a file can keep the mode its owner gave it.
func ModeOf(path string, def os.FileMode) (os.FileMode, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil:
		return fi.Mode().Perm(), nil
	case errors.Is(err, fs.ErrNotExist):
		return def, nil
	default:
		return 0, err
	}
}
