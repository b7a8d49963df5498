package filetree

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestQueueWritesEveryFileFromManyProducers: files put from concurrent producers are
// all in the committed tree, each with its own bytes, once Close returns.
func TestQueueWritesEveryFileFromManyProducers(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tr, err := NewTree(dest, testMark, []byte("test\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Abort()
	q := tr.Queue(2) // smaller than the producers' files: Put must block, not drop
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				p := fmt.Sprintf("d%d/p%02d.html", w, i)
				q.Put(p, []byte(p))
			}
		}()
	}
	wg.Wait()
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	for w := range 4 {
		for i := range 50 {
			p := fmt.Sprintf("d%d/p%02d.html", w, i)
			b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
			if err != nil || string(b) != p {
				t.Fatalf("%s: %q, %v", p, b, err)
			}
		}
	}
}

// TestQueueReportsTheFirstFailedWrite: a file the queue cannot write (a path leaving
// the tree) fails Close, once, and nothing put after it is written.
func TestQueueReportsTheFirstFailedWrite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tr, err := NewTree(dest, testMark, []byte("test\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Abort()
	q := tr.Queue(0)
	q.Put("ok.html", []byte("ok"))
	q.Put("../outside.html", []byte("x"))
	for i := range 20 {
		q.Put(fmt.Sprintf("after%d.html", i), []byte("late"))
	}
	if err := q.Close(); err == nil || !strings.Contains(err.Error(), "outside.html") {
		t.Fatalf("Close: %v, want the failed write's error", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dest), "outside.html")); err == nil {
		t.Fatal("a file was written outside the tree")
	}
	// The queue writes in order: every file put after the bad one comes after it, and
	// is dropped.
	entries, err := os.ReadDir(tr.dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != testMark+" ok.html" {
		t.Fatalf("the tree holds %s, want the mark and ok.html alone", got)
	}
}
