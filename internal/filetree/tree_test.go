package filetree

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// testMark is the mark the tests' trees hold.
const testMark = ".written-by-test"

// writeAtomic writes files as a new tree for dest, as a build writes its output.
func writeAtomic(dest string, files map[string][]byte) error {
	t, err := NewTree(dest, testMark, []byte("test\n"))
	if err != nil {
		return err
	}
	defer t.Abort()
	if err := t.PutAll(files); err != nil {
		return err
	}
	return t.Commit()
}

// TestOutputNeverGoesMissing: a reader that keeps looking at public/index.html while
// builds replace the output always finds it — the old tree or the new one, never
// neither.
func TestOutputNeverGoesMissing(t *testing.T) {
	parent := t.TempDir()
	a, b := filepath.Join(parent, "a"), filepath.Join(parent, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := exchange(a, b); errors.Is(err, errNoExchange) {
		t.Skip("this system or file system cannot exchange directories atomically; the fallback renames")
	} else if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(parent, "public")
	page := func(i int) map[string][]byte {
		return map[string][]byte{"index.html": fmt.Appendf(nil, "<p>build %d</p>", i), "css/style.css": []byte("p{}")}
	}
	if err := writeAtomic(dest, page(0)); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var missing, looks atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				looks.Add(1)
				if _, err := os.Stat(filepath.Join(dest, "index.html")); errors.Is(err, fs.ErrNotExist) {
					missing.Add(1)
				}
			}
		}()
	}
	for i := 1; i <= 300; i++ {
		if err := writeAtomic(dest, page(i)); err != nil {
			stop.Store(true)
			wg.Wait()
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if n := missing.Load(); n > 0 {
		t.Errorf("public/index.html was missing %d times in %d looks while 300 builds swapped the output", n, looks.Load())
	}
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "<p>build 300</p>" {
		t.Errorf("after the builds: %q, %v", b, err)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".public.*")); len(left) > 0 {
		t.Errorf("the builds left %v", left)
	}
}

// TestSwapFallback replaces the output by two renames where the exchange is not
// available, and leaves nothing beside it.
func TestSwapFallback(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for i, files := range []map[string][]byte{{"index.html": []byte("one")}, {"index.html": []byte("two")}} {
		tr, err := NewTree(dest, testMark, []byte("test\n"))
		if err != nil {
			t.Fatal(err)
		}
		if err := tr.PutAll(files); err != nil {
			t.Fatal(err)
		}
		tmp := tr.dir
		if i == 0 {
			err = swapIn(tmp, dest)
		} else {
			err = renameSwap(tmp, dest)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".public.*")); len(left) > 0 {
		t.Errorf("the fallback left %v", left)
	}
}

// TestLeftoversOfKilledBuildsAreRemoved: a build removes the temporary directories of
// killed builds beside its output — only ones NewTree made (with the mark) and only
// of processes that are gone, never one a running build may still be writing.
func TestLeftoversOfKilledBuildsAreRemoved(t *testing.T) {
	// A pid that was a process a moment ago and is gone now.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead, running := cmd.Process.Pid, os.Getppid()
	if processAlive(dead) || !processAlive(running) {
		t.Skipf("cannot tell processes apart here (dead %d alive, running %d gone)", dead, running)
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	dirs := map[string]bool{ // name: whether the next build removes it
		leftoverPrefix("public", "new", dead) + "123":    true,
		leftoverPrefix("public", "old", dead) + "456":    true,
		leftoverPrefix("public", "new", dead) + "789":    false, // no marker: not ismsgen's
		leftoverPrefix("public", "new", running) + "321": false, // its build may be running
		leftoverPrefix("other", "new", dead) + "654":     false, // beside another output
		".public.new-123456":                             false, // not a name ismsgen makes
	}
	for name := range dirs {
		d := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(d, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		if name != leftoverPrefix("public", "new", dead)+"789" {
			if err := os.WriteFile(filepath.Join(d, testMark), []byte("test\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := writeAtomic(dest, map[string][]byte{"index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	for name, removed := range dirs {
		_, err := os.Stat(filepath.Join(parent, name))
		if gone := errors.Is(err, fs.ErrNotExist); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}
