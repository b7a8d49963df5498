package load

import (
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// treeCache keeps the listings of the last load's trees (the content directory, the
// catalogues, the theme…) for the next one. A listing is reused when the caller has
// said which files changed (Loader.Changed) and none of them can change it: every
// changed path under the tree is a file the listing already holds and still is one.
// A file created, removed or renamed, or a directory, walks the tree again.
type treeCache struct {
	prev, next map[string]treeListing
}

type treeListing struct {
	files, dirs []string
	ignored     map[string]string // what the content directory's skip left out, and why
}

// tree lists dir as source.tree does, under key (dir and whatever else decides the
// listing, such as the ignore patterns), reusing the last load's listing when no
// changed file can have changed it. ignored, when not nil, receives the paths skip
// recorded (listContent's site.Ignored); it is filled from the cache on reuse.
func (l *Loader) tree(src *source, key, dir string, skip func(p string, isDir bool) bool, ignored map[string]string) (files, dirs []string, err error) {
	if c, ok := l.trees.prev[key]; ok && l.files.unchanged(src, dir, c.files) {
		l.trees.next[key] = c
		maps.Copy(ignored, c.ignored)
		return slices.Clone(c.files), slices.Clone(c.dirs), nil
	}
	files, dirs, err = src.tree(dir, skip)
	if err == nil {
		l.trees.next[key] = treeListing{files: slices.Clone(files), dirs: slices.Clone(dirs), ignored: maps.Clone(ignored)}
	}
	return files, dirs, err
}

// unchanged reports whether no file the caller said changed can change the listing
// files of dir: each changed path under dir is one of files and still a file.
func (c *fileCache) unchanged(src *source, dir string, files []string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.trust {
		return false
	}
	for p := range c.stale {
		if dir != "." && p != dir && !(len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/') {
			continue
		}
		if _, found := slices.BinarySearch(files, p); !found {
			return false
		}
		fi, err := src.root.Lstat(filepath.FromSlash(p))
		if err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

func (t *treeCache) begin() { t.next = map[string]treeListing{} }
func (t *treeCache) end()   { t.prev, t.next = t.next, nil }

// list is source.list through the cache.
func (l *Loader) list(src *source, dir string, exts ...string) ([]string, error) {
	files, _, err := l.tree(src, "list\x00"+dir, dir, nil, nil)
	return filterExt(files, exts), err
}

// filterExt keeps the paths with one of the extensions ("*" for any), in place.
func filterExt(files []string, exts []string) []string {
	out := files[:0]
	for _, p := range files {
		for _, x := range exts {
			if x == "*" || strings.EqualFold(path.Ext(p), x) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
