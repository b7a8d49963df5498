package render

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/filetree"
	"github.com/ismsgen/ismsgen/themes"
)

// Options configure Fill.
type Options struct {
	// Chrome is the browser; "" finds one on PATH (FindChrome). It is looked for only
	// when some diagram needs rendering.
	Chrome string
	// Prune removes the cached images that no diagram of the site uses any more.
	Prune bool
}

// Report says what Fill did.
type Report struct {
	Diagrams  int      // Mermaid diagrams in the documents
	Documents int      // documents with diagrams
	OwnImage  int      // diagrams with an image of their own (%% image:, or beside the document)
	Cached    int      // distinct diagram sources already in the cache
	Rendered  []string // cache paths written, sorted
	Pruned    []string // cache paths removed, sorted
}

// Fill renders into the site's cache (diagram.CacheDir) every diagram of the site's
// documents that has neither an image of its own nor a cached one; diagrams with the
// same source are rendered once. A second run renders nothing and starts no browser.
// Diagrams that Mermaid cannot draw are returned as a diag.List error at their
// positions, after the others are written.
func Fill(ctx context.Context, site *model.Site, opt Options) (*Report, error) {
	rep := &Report{}
	used := map[string]bool{}
	var todo []diagram.Diagram
	at := map[string][]diag.Pos{} // positions of each source to render, by cache path
	for _, doc := range site.Documents {
		ds := diagram.Find(doc)
		if len(ds) > 0 {
			rep.Documents++
		}
		for _, d := range ds {
			rep.Diagrams++
			p := diagram.CachePath(d.Hash())
			img, why, _ := diagram.Lookup(site.Files, doc, d)
			if declared, _ := d.Declared(); declared != "" || img.Origin == diagram.Beside {
				rep.OwnImage++
				continue
			}
			if !used[p] {
				used[p] = true
				if why == "" {
					rep.Cached++
				} else {
					todo = append(todo, d)
				}
			}
			if why != "" {
				at[p] = append(at[p], d.Pos)
			}
		}
	}
	var failed diag.List
	if len(todo) > 0 {
		chrome, err := FindChrome(opt.Chrome)
		if err != nil {
			return rep, err
		}
		sources := make([]string, len(todo))
		for i, d := range todo {
			sources[i] = d.Source
		}
		theme, err := themes.NewOverlay(site.Config.Theme, site.Files)
		if err != nil {
			return rep, err
		}
		results, err := Render(ctx, chrome, theme, sources)
		if err != nil {
			return rep, err
		}
		images := map[string][]byte{}
		for i, res := range results {
			p := diagram.CachePath(todo[i].Hash())
			if res.Err != nil {
				for _, pos := range at[p] {
					failed.Add(pos, "Mermaid cannot draw this diagram: %v", res.Err)
				}
				continue
			}
			images[p] = res.PNG
		}
		if rep.Rendered, err = writeCache(site.Root, images); err != nil {
			return rep, err
		}
	}
	if opt.Prune {
		var err error
		if rep.Pruned, err = prune(site.Root, used); err != nil {
			return rep, err
		}
	}
	failed.Sort()
	return rep, failed.Err()
}

// cacheRoot opens the site root and makes sure .ismsgen and .ismsgen/diagrams are
// directories of their own, not symbolic links (which would send the images elsewhere).
func cacheRoot(siteRoot string, create bool) (*os.Root, error) {
	root, err := os.OpenRoot(siteRoot)
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{".ismsgen", diagram.CacheDir} {
		name := filepath.FromSlash(dir)
		fi, err := root.Lstat(name)
		switch {
		case errors.Is(err, fs.ErrNotExist) && create:
			if err := root.Mkdir(name, 0o755); err != nil {
				root.Close()
				return nil, err
			}
		case err != nil:
			root.Close()
			return nil, err
		case !fi.IsDir():
			root.Close()
			return nil, fmt.Errorf("%s is not a directory (a symbolic link, or a file): remove it, ismsgen diagrams makes the directory", dir)
		}
	}
	return root, nil
}

// writeCache writes images (by cache path) into the site through filetree.ReplaceIn,
// confined to the site root, each through a temporary file renamed into place, and
// returns the paths written, sorted.
func writeCache(siteRoot string, images map[string][]byte) ([]string, error) {
	if len(images) == 0 {
		return nil, nil
	}
	root, err := cacheRoot(siteRoot, true)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var out []string
	for _, p := range filetree.Sorted(images) {
		if err := filetree.ReplaceIn(root, p, images[p], 0o644); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

// prune removes the cached images not in used and returns their paths, sorted.
func prune(siteRoot string, used map[string]bool) ([]string, error) {
	root, err := cacheRoot(siteRoot, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer root.Close()
	dir, err := root.Open(filepath.FromSlash(diagram.CacheDir))
	if err != nil {
		return nil, err
	}
	entries, err := dir.ReadDir(-1)
	dir.Close()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		p := diagram.CacheDir + "/" + e.Name()
		if !diagram.IsCacheName(e.Name()) || used[p] || e.IsDir() {
			continue
		}
		if err := root.Remove(filepath.FromSlash(p)); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}
