package filetree

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
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
	return replace(osDir{}, path, path, data, perm)
}

// ReplaceIn is Replace confined to root: name, a slash path relative to root, and its
// temporary file are opened, renamed and removed through root, so that neither can
// resolve outside it, not even through a symbolic link or "..". Errors name name.
func ReplaceIn(root *os.Root, name string, data []byte, perm os.FileMode) error {
	return replace(root, filepath.FromSlash(name), name, data, perm)
}

// dir is what replace needs of a directory tree: *os.Root, or osDir for the whole file
// system.
type dir interface {
	OpenFile(name string, flag int, perm os.FileMode) (*os.File, error)
	Chmod(name string, mode os.FileMode) error
	Rename(oldname, newname string) error
	Remove(name string) error
}

// osDir is the file system as a dir.
type osDir struct{}

func (osDir) OpenFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
func (osDir) Chmod(name string, mode os.FileMode) error { return os.Chmod(name, mode) }
func (osDir) Rename(oldname, newname string) error      { return os.Rename(oldname, newname) }
func (osDir) Remove(name string) error                  { return os.Remove(name) }

// replace writes data to name in d through a temporary file beside it; shown is the
// name errors give.
func replace(d dir, name, shown string, data []byte, perm os.FileMode) error {
	f, tmp, err := createTemp(d, name)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", shown, bare(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = d.Chmod(tmp, perm)
	}
	if err == nil {
		err = d.Rename(tmp, name)
	}
	if err != nil {
		d.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", shown, bare(err))
	}
	return nil
}

// bare returns the cause of a file operation's error without the names it was given:
// the temporary file's name means nothing to the user.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// createTemp creates a new file ".name.tmp-N" beside name in d, as os.CreateTemp does,
// and returns it open for writing with its name.
func createTemp(d dir, name string) (*os.File, string, error) {
	prefix := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	for try := 0; ; try++ {
		tmp := prefix + strconv.FormatUint(uint64(rand.Uint32()), 10)
		f, err := d.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		return f, tmp, err
	}
}

// Create writes data to a new file at path with mode perm, set at creation so that the
// file (a private key, say) is never readable by others, not even for a moment. An
// existing file, or one that appears meanwhile, is never overwritten: the error then
// wraps fs.ErrExist. A failed write removes the file Create made.
func Create(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
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
