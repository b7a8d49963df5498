package load

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/parallel"
)

// Loader loads sites. Its cache makes repeated loads cheap; it is safe for use by one
// goroutine at a time.
type Loader struct {
	md    *markdown.Parser
	cache map[string]cachedDoc
	// dropASTs: documents keep what resolve and check read of their bodies, not their
	// ASTs (NewOneShot).
	dropASTs bool
	nodes    nodeCache
	files    fileCache
	trees    treeCache
	decoded  decodedCache
}

type cachedDoc struct {
	sum  [32]byte
	rel  string // the path relative to the content directory it was parsed as
	src  []byte // the bytes parsed; the same slice back from the file cache needs no hashing
	doc  *model.Document
	errs diag.List
}

// New returns a Loader with an empty cache.
func New() *Loader {
	return &Loader{md: markdown.NewParser(), cache: map[string]cachedDoc{}}
}

// NewOneShot returns a Loader for a build that renders each document once: its
// documents do not keep their ASTs (model.Document.AST is nil, Refs are stand-ins),
// only what resolve, check and pack planning read of their bodies, so that no stage
// holds every document's AST at once. The renderers parse a body again when they
// need it. The live preview, which renders again from a warm cache, uses New.
func NewOneShot() *Loader {
	l := New()
	l.dropASTs = true
	return l
}

// Load reads the site at root. The returned error, when not nil, is a diag.List of
// content errors or a plain error for an unreadable directory.
func Load(ctx context.Context, root string) (*model.Site, error) { return New().Load(ctx, root) }

// Load reads the site at root, reusing parsed documents whose bytes have not changed.
func (l *Loader) Load(ctx context.Context, root string) (*model.Site, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("site directory: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("site directory %s is not a directory", root)
	}
	src, err := openSource(abs)
	if err != nil {
		return nil, err
	}
	defer src.close()
	site := &model.Site{Root: abs, Files: map[string][]byte{}}
	var errs diag.List
	// list lists a tree; a tree the source refuses (a link out of the root) is a content
	// error and lists nothing.
	list := func(dir string, exts ...string) ([]string, error) {
		paths, err := l.list(src, dir, exts...)
		var refused *RefusedError
		if errors.As(err, &refused) {
			errs.Add(diag.Pos{Path: refused.Path, Line: 1, Col: 1}, "%s", refused.Msg)
			return nil, nil
		}
		return paths, err
	}

	l.files.begin()
	defer l.files.end()
	l.trees.begin()
	defer l.trees.end()
	// The settings first: they say where the documents are and what to leave out.
	files := map[string][]byte{}
	refused := map[string]bool{}
	dataFiles := []string{"data/site.yaml"}
	for _, reg := range model.Registers() {
		dataFiles = append(dataFiles, reg.File)
	}
	dataFiles = append(dataFiles, model.AckFile)
	for _, p := range dataFiles {
		b, err := l.files.read(src, p)
		var r *RefusedError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case errors.As(err, &r):
			errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "%s", r.Msg)
			refused[p] = true
			continue
		case err != nil:
			return nil, err
		}
		files[p] = b
	}
	data := dataLoader{site: site, files: files, errs: &errs, nodes: &l.nodes, decoded: &l.decoded, refused: refused,
		read: func(rel string) ([]byte, error) { return l.files.read(src, rel) }}
	data.config()

	docPaths, assetPaths, err := listContent(src, site, &errs, l)
	if err != nil {
		return nil, err
	}
	catPaths, err := list("data/controls", ".yaml", ".yml", ".json")
	if err != nil {
		return nil, err
	}
	mapPaths, err := list("data/mappings", ".yaml", ".yml")
	if err != nil {
		return nil, err
	}
	ackPaths, err := list(model.AckDir, ".csv")
	if err != nil {
		return nil, err
	}
	read, err := l.files.readAll(ctx, src, slices.Concat(docPaths, catPaths, mapPaths, ackPaths, assetPaths), &errs)
	if err != nil {
		return nil, err
	}
	for p, b := range read {
		files[p] = b
	}
	// Refused files are left out, with their errors.
	docPaths, catPaths = present(docPaths, files), present(catPaths, files)
	mapPaths, ackPaths = present(mapPaths, files), present(ackPaths, files)

	site.Documents = l.loadDocuments(ctx, site.Config.ContentDir, docPaths, files, &errs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	src.diagramCache(site.Documents, files)
	// Attachments: the other files under the content directory that documents link to.
	linked := linkedFiles(site, files)
	attached, err := l.files.readAll(ctx, src, linked, &errs)
	if err != nil {
		return nil, err
	}
	for p, b := range attached {
		files[p] = b
	}
	site.Assets = present(append(assetPaths, linked...), files)
	sort.Strings(site.Assets)
	for p, b := range files {
		site.Files[p] = b
	}
	// The site's own theme files override the embedded theme; renderers read them from
	// site.Files like every other source.
	themePaths, err := list(path.Join("themes", site.Config.Theme), "*")
	if err != nil {
		return nil, err
	}
	themeFiles, err := l.files.readAll(ctx, src, themePaths, &errs)
	if err != nil {
		return nil, err
	}
	for p, b := range themeFiles {
		site.Files[p] = b
	}
	data.catalogues(catPaths)
	data.checksConfig()
	data.crosswalks(mapPaths)
	data.registers()
	data.acknowledgements(ackPaths)

	errs.Sort()
	return site, errs.Err()
}

// present keeps the paths that were read.
func present(paths []string, files map[string][]byte) []string {
	out := paths[:0:0]
	for _, p := range paths {
		if _, ok := files[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

// loadDocuments parses every document, reusing cached parses of unchanged bytes at an
// unchanged place under the content directory dir.
func (l *Loader) loadDocuments(ctx context.Context, dir string, paths []string, files map[string][]byte, errs *diag.List) []*model.Document {
	docs := make([]*model.Document, len(paths))
	docErrs := make([]diag.List, len(paths))
	fresh := make([]bool, len(paths))
	sums := make([][32]byte, len(paths))
	rels := make([]string, len(paths))
	index := folderIndexes(paths)
	for i, p := range paths {
		rels[i], _ = model.ContentRel(dir, p)
		c, cached := l.cache[p]
		if cached && sameSlice(c.src, files[p]) {
			sums[i] = c.sum
		} else {
			sums[i] = sha256.Sum256(files[p])
		}
		if cached && c.sum == sums[i] && c.rel == rels[i] {
			docs[i], docErrs[i] = c.doc, c.errs
			continue
		}
		fresh[i] = true
	}
	parallel.For(ctx, len(paths), parallel.None, func(_ struct{}, i int) {
		if fresh[i] {
			docs[i], docErrs[i] = parseDocument(l.md, paths[i], rels[i], files[paths[i]], l.dropASTs)
		}
	})
	next := make(map[string]cachedDoc, len(paths))
	var out []*model.Document
	for i, p := range paths {
		if d := docs[i]; d != nil && d.Index != index[p] {
			// Whether a file is its folder's index depends on its siblings: a cached
			// document, which an earlier site may still use, is copied, not changed.
			c := *d
			c.Index = index[p]
			docs[i] = &c
		}
		next[p] = cachedDoc{sum: sums[i], rel: rels[i], src: files[p], doc: docs[i], errs: docErrs[i]}
		errs.Append(docErrs[i])
		if docs[i] != nil {
			out = append(out, docs[i])
		}
	}
	l.cache = next
	return out
}

// sameSlice reports whether a and b are the very same bytes in memory (not merely equal).
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
