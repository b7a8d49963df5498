package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/fsnotify/fsnotify"
	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
)

// watcher turns file system events into rebuild signals. It does not say what changed:
// a rebuild reads the sources afresh (the loader re-parses only changed documents), so
// the watcher only has to make sure that every change is followed by a rebuild.
type watcher struct {
	root string
	// trees are the site directories watched recursively: everything load reads lives
	// in them, except evidence files, which may be anywhere in the site and are watched
	// one by one (through their directories). The first is the content directory
	// (content_dir, "." for the site root), which follows data/site.yaml; guarded by mu.
	trees []string
	fsw   *fsnotify.Watcher
	logf  func(format string, args ...any)
	// changed receives a value after relevant events; it holds one, so a burst
	// coalesces and the sender never blocks.
	changed chan struct{}
	// removal records whether the latest relevant event removed or renamed a file, or
	// created one that is still empty: editors that save by delete-then-create, and a
	// new file between its creation and its first write (os.WriteFile, an editor's
	// first save), deserve a moment before the rebuild reads it.
	removal atomic.Bool

	mu   sync.Mutex
	dirs map[string]bool // watched directories (absolute): the trees and the root
	// evidence is the set of evidence files outside the trees; evDirs are the
	// directories watched for them (the nearest existing ancestor of each).
	evidence map[string]bool
	evDirs   map[string]bool

	// dirty names the files changed since the last rebuild took them, so the loader
	// reads only those; dirtyAll says the watcher lost track (an overflow, a directory
	// created, moved or removed) and everything must be read.
	dirtyMu  sync.Mutex
	dirty    map[string]bool
	dirtyAll bool
}

// markDirty records a changed path (or that everything may have changed).
func (w *watcher) markDirty(p string, all bool) {
	w.dirtyMu.Lock()
	defer w.dirtyMu.Unlock()
	if all {
		w.dirtyAll = true
	}
	if p != "" {
		w.dirty[p] = true
	}
}

// takeDirty returns and clears what changed since the last call.
func (w *watcher) takeDirty() (paths []string, all bool) {
	w.dirtyMu.Lock()
	defer w.dirtyMu.Unlock()
	for p := range w.dirty {
		paths = append(paths, p)
	}
	all = w.dirtyAll
	w.dirty, w.dirtyAll = map[string]bool{}, false
	return paths, all
}

func newWatcher(root string, logf func(string, ...any)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, trees: []string{contentDirOf(root), "data", "themes"}, fsw: fsw, logf: logf, changed: make(chan struct{}, 1),
		dirs: map[string]bool{}, evidence: map[string]bool{}, evDirs: map[string]bool{},
		dirty: map[string]bool{}, dirtyAll: true}
	// The root itself, not recursively: it tells when a tree is created or removed.
	if err := w.add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, t := range w.treeList() {
		w.addTree(filepath.Join(root, t))
	}
	return w, nil
}

// contentDirOf returns the content directory the site's settings name, as load reads
// them (the default when they cannot be read: the build reports why).
func contentDirOf(root string) string { return build.ContentDir(root) }

// treeList returns the trees.
func (w *watcher) treeList() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.trees...)
}

// followContentDir watches the content directory data/site.yaml names now, when it
// changed, and reports whether it did.
func (w *watcher) followContentDir() bool {
	dir := contentDirOf(w.root)
	w.mu.Lock()
	changed := w.trees[0] != dir
	w.trees[0] = dir
	w.mu.Unlock()
	if changed {
		w.addTree(filepath.Join(w.root, filepath.FromSlash(dir)))
	}
	return changed
}

func (w *watcher) close() { w.fsw.Close() }

func (w *watcher) lastWasRemoval() bool { return w.removal.Load() }

// add watches one directory.
func (w *watcher) add(dir string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirs[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches dir and every directory under it, skipping the hidden ones load skips.
// A directory created while running is added the same way when its Create event comes;
// files written into it before the watch existed are still seen, because the Create
// event itself triggers a rebuild that reads the disk.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return filepath.SkipDir // a tree the site does not have (yet)
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (ignoredName(d.Name()) || w.isOutput(p)) {
			return filepath.SkipDir
		}
		if err := w.add(p); err != nil {
			w.logf("warning: cannot watch %s: %v", p, err)
			return filepath.SkipDir
		}
		return nil
	})
}

// forget drops a removed or renamed directory and everything under it (the kernel has
// dropped or will drop their watches).
func (w *watcher) forget(p string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	prefix := p + string(filepath.Separator)
	for d := range w.dirs {
		if d == p || strings.HasPrefix(d, prefix) {
			w.fsw.Remove(d) // already gone for a deleted directory: ignore the error
			delete(w.dirs, d)
		}
	}
	for d := range w.evDirs {
		if d == p || strings.HasPrefix(d, prefix) {
			w.fsw.Remove(d)
			delete(w.evDirs, d)
		}
	}
}

// setEvidence watches the evidence files of the last good build that lie outside the
// trees. A missing file is watched through its nearest existing ancestor, so that
// creating it (and its directories) triggers a rebuild too.
func (w *watcher) setEvidence(s *model.Site) {
	files := map[string]bool{}
	for _, ev := range s.Evidence.Evidence {
		if ev == nil || ev.File == "" || !filepath.IsLocal(filepath.FromSlash(ev.File)) {
			continue
		}
		if w.inTrees(filepath.Join(w.root, filepath.FromSlash(ev.File))) {
			continue
		}
		files[filepath.Join(w.root, filepath.FromSlash(ev.File))] = true
	}
	w.mu.Lock()
	w.evidence = files
	w.mu.Unlock()
	w.syncEvidenceDirs()
}

// syncEvidenceDirs watches, for each evidence file, its nearest existing ancestor
// directory, and stops watching directories no evidence needs any more.
func (w *watcher) syncEvidenceDirs() {
	w.mu.Lock()
	defer w.mu.Unlock()
	want := map[string]bool{}
	for f := range w.evidence {
		d := filepath.Dir(f)
		for d != w.root {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				break
			}
			d = filepath.Dir(d)
		}
		if !w.dirs[d] {
			want[d] = true
		}
	}
	for d := range w.evDirs {
		if !want[d] {
			w.fsw.Remove(d)
			delete(w.evDirs, d)
		}
	}
	for d := range want {
		if w.evDirs[d] {
			continue
		}
		if err := w.fsw.Add(d); err != nil {
			w.logf("warning: cannot watch %s for evidence files: %v", d, err)
			continue
		}
		w.evDirs[d] = true
	}
}

// run reads events until ctx is done.
func (w *watcher) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch any directory we may have missed, and
				// rebuild, which reads everything anyway.
				for _, t := range w.treeList() {
					w.addTree(filepath.Join(w.root, t))
				}
				w.markDirty("", true)
				w.notify(false)
				continue
			}
			w.logf("warning: watching the sources: %v", err)
		}
	}
}

func (w *watcher) handle(ev fsnotify.Event) {
	// Chmod alone (touch, an indexer) changes no bytes.
	if ev.Op == fsnotify.Chmod {
		return
	}
	p := filepath.Clean(ev.Name)
	// A directory appearing, moving or vanishing changes files no event names.
	dirChange := false
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.mu.Lock()
		dirChange = w.dirs[p]
		w.mu.Unlock()
		w.forget(p)
	}
	if ev.Has(fsnotify.Create) && w.inTrees(p) && !w.hiddenInTree(p) && !w.inOutput(p) {
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			dirChange = true
			w.addTree(p)
		}
	}
	if p == filepath.Join(w.root, "data", "site.yaml") && w.followContentDir() {
		dirChange = true // other files are documents now
	}
	if filepath.Base(p) == build.OutputMarker && w.inTrees(p) {
		// A directory becomes build output, or stops being it: the loader, which
		// reuses its listings of the trees, must list them again.
		w.markDirty(p, true)
		w.notify(false)
		return
	}
	relevant := w.inTrees(p) && !w.hiddenInTree(p) && !w.inOutput(p)
	if !relevant {
		relevant = w.evidenceEvent(p, ev)
		// A directory on the way to evidence files changes files no event names.
		w.mu.Lock()
		dirChange = dirChange || (relevant && !w.evidence[p])
		w.mu.Unlock()
	}
	if relevant {
		w.markDirty(p, dirChange)
		w.notify(ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) || createdEmpty(ev, p))
	}
}

// createdEmpty reports whether ev created a regular file that is still empty.
func createdEmpty(ev fsnotify.Event, p string) bool {
	if !ev.Has(fsnotify.Create) {
		return false
	}
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == 0
}

// evidenceEvent reports whether an event outside the trees concerns an evidence file,
// or a directory on the way to one (then the evidence watches are re-synced).
func (w *watcher) evidenceEvent(p string, ev fsnotify.Event) bool {
	w.mu.Lock()
	hit := w.evidence[p]
	onPath := false
	if !hit {
		prefix := p + string(filepath.Separator)
		for f := range w.evidence {
			if strings.HasPrefix(f, prefix) {
				onPath = true
				break
			}
		}
	}
	w.mu.Unlock()
	if onPath {
		w.syncEvidenceDirs()
	}
	return hit || onPath
}

// inTrees reports whether p is one of the trees or lies under one.
func (w *watcher) inTrees(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, t := range w.treeList() {
		if t == "." || rel == t || strings.HasPrefix(rel, t+"/") {
			return true
		}
	}
	return false
}

// isOutput reports whether the directory p is build output, which load never reads as
// content: the site's public/ or a directory holding ismsgen's output marker.
func (w *watcher) isOutput(p string) bool {
	if rel, err := filepath.Rel(w.root, p); err == nil && filepath.ToSlash(rel) == "public" {
		return true
	}
	_, err := os.Lstat(filepath.Join(p, build.OutputMarker))
	return err == nil
}

// inOutput reports whether p is or lies in build output under the root.
func (w *watcher) inOutput(p string) bool {
	for d := p; d != w.root && strings.HasPrefix(d, w.root); d = filepath.Dir(d) {
		if w.isOutput(d) {
			return true
		}
	}
	return false
}

// hiddenInTree reports whether any element of p below the root is a name load skips or
// an editor's temporary file.
func (w *watcher) hiddenInTree(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return true
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if ignoredName(part) {
			return true
		}
	}
	return false
}

// ignoredName reports whether a file name is one load skips (hidden files, backups) or
// an editor's temporary or swap file, whose churn during a save must not rebuild.
func ignoredName(name string) bool {
	if name == "" {
		return false
	}
	// Hidden files (vim's .x.swp, emacs' .#lock, gedit's .goutputstream-*), emacs'
	// #autosave#, backups~ and vim's 4913 probe for a writable directory.
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") || name == "4913" {
		return true
	}
	// Swap and temporary files: vim's, generic ones, Chromium's File System Access
	// API's and JetBrains' safe-write files.
	for _, suffix := range [...]string{".swp", ".swo", ".swx", ".tmp", ".temp", ".crswap", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// notify signals a change without blocking: a pending signal already covers this one.
func (w *watcher) notify(removal bool) {
	w.removal.Store(removal)
	select {
	case w.changed <- struct{}{}:
	default:
	}
}
