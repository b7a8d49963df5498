package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"path/filepath"
	"sort"
	"strings"
)

// source reads the files of one site directory and nothing outside it. Every source
// file the loader reads goes through it:
//
//   - it opens files through an os.Root, which refuses, by construction and free of
//     races, any path or symbolic link that leaves the site root;
//   - it refuses what is not a regular file (a named pipe, a device, a socket, a
//     directory) before opening it, then opens with O_NONBLOCK and checks again on the
//     open descriptor, so that a file swapped for a pipe meanwhile cannot hang a build;
//   - it refuses paths through hidden directories (.git, .ismsgen and any name that
//     starts with a dot), written or reached through a symbolic link: they hold
//     repository internals and the development signing key.
//
// A refusal is a *RefusedError, whose message says what to do.
type source struct {
	root *os.Root
	dir  string // the site root, absolute
	real string // dir with its symbolic links resolved
}

// RefusedError is a source file the loader will not read, and why.
type RefusedError struct {
	Path string // slash path relative to the site root
	Msg  string // what is wrong and what to do, e.g. "symbolic link points outside…"
}

func (e *RefusedError) Error() string { return e.Path + ": " + e.Msg }

// Refusal is why the file is refused and what to do, for messages about it.
func (e *RefusedError) Refusal() string { return e.Msg }

// openSource opens the site directory dir (absolute).
func openSource(dir string) (*source, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("site directory: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("site directory: %w", err)
	}
	return &source{root: root, dir: dir, real: real}, nil
}

func (s *source) close() error { return s.root.Close() }

// ReadFile reads the file at rel (a slash path relative to the site root dir) with the
// loader's rules: for other stages that show source files, such as the live preview's
// error overlay.
func ReadFile(dir, rel string) ([]byte, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	s, err := openSource(abs)
	if err != nil {
		return nil, err
	}
	defer s.close()
	return s.read(rel)
}

// read returns the bytes of the regular file at rel. A missing file is an error that
// matches fs.ErrNotExist; a refused one is a *RefusedError.
func (s *source) read(rel string) ([]byte, error) {
	if !fs.ValidPath(rel) || strings.Contains(rel, `\`) {
		return nil, &RefusedError{rel, "path leaves the site root; write it relative to the site root, without ..: such as evidence/report.pdf"}
	}
	if h := hiddenPart(rel); h != "" {
		return nil, &RefusedError{rel, fmt.Sprintf("path is inside the hidden directory %s; files in .git, .ismsgen and other names starting with a dot are never read: move the file, for example to evidence/", h)}
	}
	name := filepath.FromSlash(rel)
	fi, err := s.root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	// Where the path really leads, through links in any of its components.
	if rerr := s.checkReal(rel); rerr != nil {
		if errors.Is(rerr, fs.ErrNotExist) && err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			link, _ := os.Readlink(filepath.Join(s.dir, name))
			return nil, &RefusedError{rel, fmt.Sprintf("symbolic link points to a file that does not exist (%s); fix the link or replace it with the file", link)}
		}
		return nil, rerr
	}
	if err != nil {
		return nil, s.linkError(rel, err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if fi, err = s.root.Stat(name); err != nil {
			return nil, s.linkError(rel, err)
		}
	}
	if err := regular(rel, fi); err != nil {
		return nil, err
	}
	f, err := s.root.OpenFile(name, openFlags, 0)
	if err != nil {
		return nil, s.linkError(rel, err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(rel, fi); err != nil {
		return nil, err
	}
	return readSized(f, fi.Size())
}

// readSized reads r to its end into a buffer of size+1 bytes, as os.ReadFile does: the
// file's bytes are held for the whole build (documents' bodies point into them), and a
// bytes.Buffer would double each one on its last read.
func readSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, size+1) // one byte more, for the read that finds the end
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) { // the file grew since its Stat
			b = append(b, 0)[:len(b)]
		}
	}
}

// checkReal refuses a path that, once its symbolic links are followed, lies outside
// the site root or in a hidden directory. A path that does not exist (or whose link
// leads nowhere) is an error matching fs.ErrNotExist.
func (s *source) checkReal(rel string) error {
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	target, err := filepath.EvalSymlinks(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return err
	case err != nil:
		return &RefusedError{rel, fmt.Sprintf("cannot follow its symbolic links (%v); replace the link with the file", err)}
	}
	r, err := filepath.Rel(s.real, target)
	if err != nil || !filepath.IsLocal(r) {
		// Name the target as the link does when it is absolute (/proc/self/environ
		// rather than /proc/4242/environ).
		if link, err := os.Readlink(full); err == nil && filepath.IsAbs(link) {
			target = link
		}
		return &RefusedError{rel, fmt.Sprintf("symbolic link points outside the site root (to %s); copy the file into the site instead", target)}
	}
	if h := hiddenPart(filepath.ToSlash(r)); h != "" {
		return &RefusedError{rel, fmt.Sprintf("symbolic link points into the hidden directory %s (to %s); files in .git, .ismsgen and other names starting with a dot are never read: copy the file into the site instead", h, filepath.ToSlash(r))}
	}
	return nil
}

// linkError explains an error of os.Root for a path that checkReal found inside the
// root: os.Root also refuses absolute symbolic links, even to files inside the root.
func (s *source) linkError(rel string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return err
	}
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	if target, terr := filepath.EvalSymlinks(full); terr == nil && target != full {
		return &RefusedError{rel, fmt.Sprintf("symbolic link is absolute, or leads through one (to %s); make it relative (ln -sr) so that the site can be moved", target)}
	}
	return err
}

// regular refuses what is not a regular file.
func regular(rel string, fi fs.FileInfo) error {
	m := fi.Mode()
	if m.IsRegular() {
		return nil
	}
	kind := "not a regular file"
	switch {
	case m.IsDir():
		kind = "a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		kind = "a socket, not a regular file"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		kind = "a device, not a regular file"
	}
	return &RefusedError{rel, kind + "; ismsgen reads only regular files: replace it with a file or remove it"}
}

// hiddenPart returns the first component of a slash path that starts with a dot
// (".git", ".ismsgen"), or "".
func hiddenPart(p string) string {
	for _, c := range strings.Split(p, "/") {
		if strings.HasPrefix(c, ".") && c != "." {
			return c
		}
	}
	return ""
}

// list lists, as sorted slash paths relative to the root, the files under dir with one
// of the extensions ("*" for any). A missing dir is empty; a dir that is a symbolic link
// is followed while it stays inside the root, and refused (a *RefusedError) otherwise.
// Hidden files and directories and editor backups are skipped; links to directories
// under dir are not followed.
func (s *source) list(dir string, exts ...string) ([]string, error) {
	files, _, err := s.tree(dir, nil)
	return filterExt(files, exts), err
}

// tree lists, as list does, every file under dir and every directory (dir included),
// sorted. skip, when not nil, leaves out a file or directory (and everything under it)
// below dir.
func (s *source) tree(dir string, skip func(p string, isDir bool) bool) (files, dirs []string, err error) {
	err = fs.WalkDir(s.root.FS(), dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p != dir {
				return err
			}
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			if cerr := s.checkReal(dir); cerr != nil {
				return cerr
			}
			return s.linkError(dir, err)
		}
		name := e.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
			skip != nil && skip(p, e.IsDir())) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			dirs = append(dirs, p)
		} else {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	sort.Strings(dirs)
	return files, dirs, err
}

// exists reports whether rel names something in the root (without following a final
// symbolic link).
func (s *source) exists(rel string) bool {
	_, err := s.root.Lstat(filepath.FromSlash(rel))
	return err == nil
}
