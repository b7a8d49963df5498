package versions

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ismsgen/ismsgen/internal/filetree"
)

// cacheFormat changes whenever what is cached changes shape, so an older cache is
// rebuilt rather than misread.
const cacheFormat = 5

// CacheDir is where rendered releases are kept between builds, relative to the site
// root (beside the development signer, and like it never committed).
const CacheDir = ".ismsgen/versions"

// cache keeps each built release under <dir>/<commit>/<tag slug>/: the rendered files,
// the snapshot "what changed" compares, and a stamp listing its pages. A release's
// pages and snapshot are reused when its tag still names the same commit and the
// stamp's key (generator version and build options) matches; its files are reused when
// the switcher they show (the stamp's Switcher fingerprint of every version's pages)
// is also the same.
type cache struct {
	dir string
}

// stamp records what a cache entry was built from.
type stamp struct {
	Format   int      `json:"format"`
	Key      string   `json:"key"`
	Tag      string   `json:"tag"`
	Commit   string   `json:"commit"`
	Switcher string   `json:"switcher"`
	Pages    []string `json:"pages"`
	Files    []string `json:"files"`
}

// cached is a release read back from the cache: its stamp and snapshot, and its files
// when they were asked for.
type cached struct {
	stamp stamp
	files map[string][]byte
	snap  *snapshot
}

func (c *cache) entry(rel Release) string {
	return filepath.Join(c.dir, rel.Commit, rel.Slug())
}

// meta returns the stamp and snapshot of a cached release, or false when there is none
// or it does not match. A damaged entry is a miss, never an error: the release is
// simply built again.
func (c *cache) meta(rel Release, key string) (*cached, bool) {
	dir := c.entry(rel)
	var st stamp
	if !readJSON(filepath.Join(dir, "stamp.json"), &st) || st.Format != cacheFormat || st.Key != key || st.Commit != rel.Commit || st.Tag != rel.Tag {
		return nil, false
	}
	var snap snapshot
	if !readJSON(filepath.Join(dir, "snapshot.json"), &snap) {
		return nil, false
	}
	return &cached{stamp: st, snap: &snap}, true
}

// load returns the cached release with its files, when they show the switcher with
// fingerprint sw.
func (c *cache) load(rel Release, key, sw string) (*cached, bool) {
	out, ok := c.meta(rel, key)
	if !ok || out.stamp.Switcher != sw {
		return nil, false
	}
	dir := c.entry(rel)
	st := out.stamp
	out.files = make(map[string][]byte, len(st.Files))
	for _, p := range st.Files {
		b, err := os.ReadFile(filepath.Join(dir, "files", filepath.FromSlash(p)))
		if err != nil {
			return nil, false
		}
		out.files[p] = b
	}
	return out, true
}

func readJSON(name string, v any) bool {
	b, err := os.ReadFile(name)
	return err == nil && json.Unmarshal(b, v) == nil
}

// store writes a release into the cache as a filetree.Tree swapped in whole, so that
// an interrupted build never leaves an entry that looks complete. The stamp is the
// tree's mark: what a killed build left beside the entry is removed by the next store.
func (c *cache) store(rel Release, key, sw string, pages []string, files map[string][]byte, snap *snapshot) error {
	st := stamp{Format: cacheFormat, Key: key, Tag: rel.Tag, Commit: rel.Commit, Switcher: sw, Pages: pages}
	st.Files = filetree.Sorted(files)
	stampJSON, err := json.Marshal(st)
	if err != nil {
		return err
	}
	snapJSON, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	t, err := filetree.NewTree(c.entry(rel), "stamp.json", stampJSON)
	if err != nil {
		return err
	}
	defer t.Abort() // after Commit: the entry it replaced
	if err := t.Put("snapshot.json", snapJSON); err != nil {
		return err
	}
	for _, p := range st.Files {
		if err := t.Put("files/"+p, files[p]); err != nil {
			return err
		}
	}
	return t.Commit()
}

// prune removes the entries of releases that are gone (deleted or moved tags), so the
// cache holds what the last build used and nothing more.
func (c *cache) prune(keep []Release) error {
	used := map[string]bool{}
	for _, r := range keep {
		used[c.entry(r)] = true
		used[filepath.Dir(c.entry(r))] = true
	}
	commits, err := os.ReadDir(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, cd := range commits {
		dir := filepath.Join(c.dir, cd.Name())
		if !used[dir] {
			errs = append(errs, os.RemoveAll(dir))
			continue
		}
		tags, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, td := range tags {
			if p := filepath.Join(dir, td.Name()); !used[p] {
				errs = append(errs, os.RemoveAll(p))
			}
		}
	}
	return errors.Join(errs...)
}
