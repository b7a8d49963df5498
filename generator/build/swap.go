package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// errNoExchange is exchange's answer where the system or file system cannot exchange
// two directories in one step.
var errNoExchange = errors.New("atomic exchange not supported")

// swapIn makes the finished tree tmp the output dest. With no previous output it is a
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

// removeLeftovers removes, from parent, the directories builds of dest that were killed
// left behind: only directories ismsgen made (they hold the marker), and only those of
// processes that are gone — a build running now may still be writing its own.
func removeLeftovers(parent, dest string) {
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
		if fi, err := os.Lstat(filepath.Join(dir, marker)); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		os.RemoveAll(dir)
	}
}
