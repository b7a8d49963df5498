package filetree

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Tree is a directory tree being written in full: a fresh directory beside its
// destination that Commit swaps in. The previous tree survives any failure before the
// swap, and a reader of the destination never finds it missing: where the system can
// (Linux), the two directories are exchanged in one step (swapIn). Put is safe for
// concurrent use, so files can be written as they are made instead of being held in
// memory until the end.
type Tree struct {
	dest, dir string
	mu        sync.Mutex
	made      map[string]bool // directories created under dir
}

// NewTree starts a new tree for dest. Its first file is mark (a file name) holding
// markText, which tells a later NewTree that a directory a killed writer left beside
// dest is its to remove; NewTree removes those first (only marked ones, and only of
// processes that are gone).
func NewTree(dest, mark string, markText []byte) (*Tree, error) {
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeLeftovers(parent, filepath.Base(dest), mark)
	dir, err := os.MkdirTemp(parent, leftoverPrefix(filepath.Base(dest), "new", os.Getpid()))
	if err != nil {
		return nil, err
	}
	t := &Tree{dest: dest, dir: dir, made: map[string]bool{dir: true}}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Abort()
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, mark), markText, 0o644); err != nil {
		t.Abort()
		return nil, err
	}
	return t, nil
}

// Put writes one file (a slash path, refused if it leaves the tree) into the tree.
func (t *Tree) Put(p string, b []byte) error {
	full, err := Path(t.dir, p)
	if err != nil {
		return err
	}
	if err := t.mkdir(filepath.Dir(full)); err != nil {
		return fmt.Errorf("cannot write %s: %w", p, bare(err))
	}
	if err := os.WriteFile(full, b, 0o644); err != nil {
		// The tree's temporary directory means nothing to the user: the path in the output.
		return fmt.Errorf("cannot write %s: %w", p, bare(err))
	}
	return nil
}

func (t *Tree) mkdir(d string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.made[d] {
		return nil
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	t.made[d] = true
	return nil
}

// PutAll writes files in sorted order.
func (t *Tree) PutAll(files map[string][]byte) error {
	for _, p := range Sorted(files) {
		if err := t.Put(p, files[p]); err != nil {
			return err
		}
	}
	return nil
}

// Commit swaps the tree in as dest; the previous tree is removed by Abort.
func (t *Tree) Commit() error {
	if err := swapIn(t.dir, t.dest); err != nil {
		return fmt.Errorf("replacing %s: %w", t.dest, err)
	}
	return nil
}

// Abort removes what is left of the tree: after Commit, the previous tree (or nothing);
// after a failure, the failed writer's files.
func (t *Tree) Abort() { os.RemoveAll(t.dir) }

// errNoExchange is exchange's answer where the system or file system cannot exchange
// two directories in one step.
var errNoExchange = errors.New("atomic exchange not supported")

// swapIn makes the finished tree tmp the tree dest. With no previous output it is a
// plain rename. Otherwise the two are exchanged atomically (tmp then holds the previous
// output, for the caller to remove); where that is not supported, dest is renamed aside
// and tmp renamed in, which leaves dest missing for a moment.
func swapIn(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	err := exchange(tmp, dest)
	if !errors.Is(err, errNoExchange) {
		return err
	}
	return renameSwap(tmp, dest)
}

// renameSwap renames dest aside, renames tmp in and removes the previous output.
func renameSwap(tmp, dest string) error {
	parent, base := filepath.Split(dest)
	old := filepath.Join(parent, leftoverPrefix(base, "old", os.Getpid())+strings.TrimPrefix(filepath.Base(tmp), leftoverPrefix(base, "new", os.Getpid())))
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}

// leftoverPrefix names the directories a build makes beside its output dest:
// .<dest>.new-<pid>- (the tree being written) and .<dest>.old-<pid>- (the previous
// output, where it cannot be exchanged in one step).
func leftoverPrefix(dest, kind string, pid int) string {
	return "." + dest + "." + kind + "-" + strconv.Itoa(pid) + "-"
}

// leftoverPID parses a name leftoverPrefix made for dest, returning the pid of the build
// that made it.
func leftoverPID(name, dest string) (int, bool) {
	for _, kind := range []string{"new", "old"} {
		rest, ok := strings.CutPrefix(name, "."+dest+"."+kind+"-")
		if !ok {
			continue
		}
		digits, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(digits)
		return pid, ok && err == nil && pid > 0
	}
	return 0, false
}

// removeLeftovers removes, from parent, the directories writers of dest that were killed
// left behind: only directories NewTree made (they hold mark), and only those of
// processes that are gone — a writer running now may still be writing its own.
func removeLeftovers(parent, dest, mark string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, ok := leftoverPID(e.Name(), dest)
		if !ok || !e.IsDir() || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if fi, err := os.Lstat(filepath.Join(dir, mark)); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		os.RemoveAll(dir)
	}
}
