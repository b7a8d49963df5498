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

// store writes a release into the cache through a temporary directory and a rename,
// so that an interrupted build never leaves an entry that looks complete.
func (c *cache) store(rel Release, key, sw string, pages []string, files map[string][]byte, snap *snapshot) error {
	final := c.entry(rel)
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	st := stamp{Format: cacheFormat, Key: key, Tag: rel.Tag, Commit: rel.Commit, Switcher: sw, Pages: pages}
	st.Files = filetree.Sorted(files)
	if _, err := filetree.Write(filepath.Join(tmp, "files"), files); err != nil {
		return err
	}
	meta := map[string][]byte{}
	for name, v := range map[string]any{"snapshot.json": snap, "stamp.json": st} {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		meta[name] = b
	}
	if _, err := filetree.Write(tmp, meta); err != nil {
		return err
	}
	if err := os.RemoveAll(final); err != nil {
		return err
	}
	return os.Rename(tmp, final)
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
