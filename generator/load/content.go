package load

import (
	"errors"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// OutputMarker is the file ismsgen build keeps in every output directory. A directory
// that holds it is build output: it is never read as content, wherever it is.
const OutputMarker = ".ismsgen-output"

// DefaultContentDir is where the documents are unless data/site.yaml says otherwise.
const DefaultContentDir = "content"

// siteDir reports whether p (a slash path relative to the site root) is one of the
// site's own directories, which are never content, even when content_dir is the site
// root: the data, the themes and the default output.
func siteDir(p string) bool { return p == "data" || p == "themes" || p == "public" }

// contentDir checks content_dir and sets it, cleaned, or to the default.
func (d *dataLoader) contentDir() {
	c := &d.site.Config
	pos := c.ContentDirPos
	if pos.Path == "" {
		pos = c.Pos
	}
	dir := strings.TrimSpace(c.ContentDir)
	if dir == "" {
		c.ContentDir = DefaultContentDir
		return
	}
	clean := path.Clean(strings.ReplaceAll(dir, `\`, "/"))
	first, _, _ := strings.Cut(clean, "/")
	switch {
	case path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../"):
		d.errs.Add(pos, "content_dir %q leaves the site root: write a directory relative to the site root, such as content or . (the site root itself)", dir)
	case hiddenPart(clean) != "":
		d.errs.Add(pos, "content_dir %q is a hidden directory, which ismsgen never reads: choose a name that does not start with a dot", dir)
	case siteDir(first):
		d.errs.Add(pos, "content_dir %q is inside %s/, which holds the site's %s: keep documents in content/ or another directory, or use . for the site root", dir, first,
			map[string]string{"data": "data files", "themes": "themes", "public": "build output"}[first])
	default:
		c.ContentDir = clean
		return
	}
	c.ContentDir = DefaultContentDir
}

// listContent lists the content directory into site.Content, site.Dirs and
// site.Ignored, leaving out hidden names, the site's own directories, output
// directories and what ignore: names. It returns the documents and the images, which
// are always read. l, when not nil, lists through its cache.
func listContent(src *source, site *model.Site, errs *diag.List, l *Loader) (docs, images []string, err error) {
	cfg := &site.Config
	rules, problems := compileIgnore(cfg.Ignore)
	for _, p := range problems {
		pos := cfg.IgnorePos
		if pos.Path == "" {
			pos = cfg.Pos
		}
		errs.Add(pos, "%s", p)
	}
	site.Ignored = map[string]string{}
	skip := func(p string, isDir bool) bool {
		if isDir && (siteDir(p) || src.exists(path.Join(p, OutputMarker))) {
			return true
		}
		rel, ok := model.ContentRel(cfg.ContentDir, p)
		if !ok {
			return false
		}
		if pat := ignored(rules, rel, isDir); pat != "" {
			site.Ignored[p] = pat
			return true
		}
		return false
	}
	var files, dirs []string
	if l != nil {
		// The listing depends on the content directory and the ignore patterns too.
		key := "content\x00" + cfg.ContentDir + "\x00" + strings.Join(cfg.Ignore, "\x00")
		files, dirs, err = l.tree(src, key, cfg.ContentDir, skip, site.Ignored)
	} else {
		files, dirs, err = src.tree(cfg.ContentDir, skip)
	}
	var refused *RefusedError
	if errors.As(err, &refused) {
		errs.Add(diag.Pos{Path: refused.Path, Line: 1, Col: 1}, "%s", refused.Msg)
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	site.Content = files
	site.Dirs = make(map[string]bool, len(dirs))
	for _, d := range dirs {
		site.Dirs[d] = true
	}
	for _, p := range files {
		switch ext := strings.ToLower(path.Ext(p)); {
		case ext == ".md":
			docs = append(docs, p)
		case isImage(ext):
			images = append(images, p)
		}
	}
	return docs, images, nil
}

// isImage reports whether a file extension (lower case, with its dot) is an image that
// pages may show: all of them are copied to the site.
func isImage(ext string) bool {
	switch ext {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp":
		return true
	}
	return false
}

// linkedFiles returns the files under the content directory that documents link to or
// show and that are not read yet (attachments: PDF, XLSX, CSV, anything but Markdown).
func linkedFiles(site *model.Site, files map[string][]byte) []string {
	listed := make(map[string]bool, len(site.Content))
	for _, p := range site.Content {
		listed[p] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, d := range site.Documents {
		for _, n := range d.Refs {
			var dest string
			switch n := n.(type) {
			case *ast.Link:
				dest = string(n.Destination)
			case *ast.Image:
				dest = string(n.Destination)
			default:
				continue
			}
			p, _, ok := markdown.LocalDest(dest)
			if !ok || p == "" {
				continue
			}
			target := site.LinkPath(d.Path, p)
			if _, read := files[target]; read || !listed[target] || seen[target] {
				continue
			}
			seen[target] = true
			out = append(out, target)
		}
	}
	return out
}

// folderIndexes returns the documents that are their folder's index page: in each
// folder, the first of index.md, _index.md and README.md (any case; between two names
// that differ only in case, the first in byte order).
func folderIndexes(docs []string) map[string]bool {
	rank := func(p string) int {
		switch strings.ToLower(path.Base(p)) {
		case "index.md":
			return 1
		case "_index.md":
			return 2
		case "readme.md":
			return 3
		}
		return 0
	}
	best := map[string]string{}
	for _, p := range docs {
		r := rank(p)
		if r == 0 {
			continue
		}
		dir := path.Dir(p)
		if cur, ok := best[dir]; !ok || r < rank(cur) || r == rank(cur) && p < cur {
			best[dir] = p
		}
	}
	out := make(map[string]bool, len(best))
	for _, p := range best {
		out[p] = true
	}
	return out
}

// readableName makes a title of a file name, for a page with neither front matter nor
// a heading: access-control-policy.md is "Access control policy". A folder's README.md,
// _index.md or index.md is named after its folder, the content directory's "Home".
func readableName(rel string) string {
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	switch strings.ToLower(base) {
	case "readme", "_index", "index":
		dir := path.Dir(rel)
		if dir == "." {
			return "Home"
		}
		base = path.Base(dir)
	}
	words := strings.Fields(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, base))
	s := strings.Join(words, " ")
	if s == "" {
		return base
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
