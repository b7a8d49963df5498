package load

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/internal/parallel"
)

// fileCache reads source files, and — when the caller has said which files changed since
// the last load (Loader.Changed, from the live preview's watcher) — reuses the bytes of
// every other file instead of reading it again: at a thousand documents, re-reading
// every file was the largest cost of a rebuild after one edit.
type fileCache struct {
	mu    sync.Mutex
	prev  map[string][]byte // bytes of the last load, by slash path relative to the root
	next  map[string][]byte // bytes of the load in progress
	trust bool              // reuse prev for paths not in stale
	stale map[string]bool
}

// Changed tells the loader which files (absolute paths, or paths relative to the site
// root) changed since the last Load; the next Load reads those and reuses the bytes of
// every other file it read last time. all asks for everything to be read again (the
// watcher lost track). Without a call, a Load reads every file.
func (l *Loader) Changed(root string, paths []string, all bool) {
	c := &l.files
	c.mu.Lock()
	defer c.mu.Unlock()
	c.trust = !all
	c.stale = map[string]bool{}
	abs, _ := filepath.Abs(root)
	for _, p := range paths {
		if filepath.IsAbs(p) {
			rel, err := filepath.Rel(abs, p)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			p = rel
		}
		c.stale[filepath.ToSlash(p)] = true
	}
}

func (c *fileCache) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next = map[string][]byte{}
}

// end keeps this load's bytes for the next one and stops trusting until Changed is
// called again.
func (c *fileCache) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prev, c.next = c.next, nil
	c.trust, c.stale = false, nil
}

// read returns the bytes of the file at rel (slash path relative to the root of src).
func (c *fileCache) read(src *source, rel string) ([]byte, error) {
	c.mu.Lock()
	if c.trust && !c.stale[rel] {
		if b, ok := c.prev[rel]; ok {
			c.next[rel] = b
			c.mu.Unlock()
			return b, nil
		}
	}
	c.mu.Unlock()
	b, err := src.read(rel)
	if err == nil {
		c.mu.Lock()
		if c.next != nil {
			c.next[rel] = b
		}
		c.mu.Unlock()
	}
	return b, err
}

// readAll reads paths concurrently. A file the source refuses is a content error at
// its path; a file gone since it was listed is left out; any other error fails the
// load.
func (c *fileCache) readAll(ctx context.Context, src *source, paths []string, errs *diag.List) (map[string][]byte, error) {
	out := make(map[string][]byte, len(paths))
	var mu sync.Mutex
	var firstErr error
	parallel.For(ctx, len(paths), parallel.None, func(_ struct{}, i int) {
		b, err := c.read(src, paths[i])
		mu.Lock()
		defer mu.Unlock()
		var refused *RefusedError
		switch {
		case errors.As(err, &refused):
			errs.Add(diag.Pos{Path: paths[i], Line: 1, Col: 1}, "%s", refused.Msg)
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			if firstErr == nil {
				firstErr = err
			}
		default:
			out[paths[i]] = b
		}
	})
	return out, firstErr
}
