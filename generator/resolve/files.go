package resolve

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// resolveFile checks a link to a file that is not Markdown (an attachment: PDF, XLSX,
// CSV, ZIP…): it must lie under the content directory and have been read, so that the
// site can copy it to where the link expects it.
func (r *resolver) resolveFile(d *model.Document, n ast.Node, dest, target, frag string) {
	site := r.g.Site
	if r.outside(target) {
		r.broken(d, n, target, "link to %s points outside the site (to %s, which is not under %s)", dest, target, r.contentDirName())
		return
	}
	if _, ok := site.Files[target]; ok {
		r.g.targets[n] = Target{File: target, Fragment: frag}
		return
	}
	if r.listed(target) {
		return // listed but refused by the loader, which has reported it
	}
	hint := r.notReadHint(target)
	if near := r.nearestFile(target); hint == "" && near != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", relPath(d.Path, near))
	}
	r.broken(d, n, target, "link to %s: no such file (looked for %s)%s", dest, target, hint)
}

// resolveFolder resolves a link to a folder to the folder's index page (README.md,
// _index.md or index.md), as a git host shows a folder.
func (r *resolver) resolveFolder(d *model.Document, from *Entity, n ast.Node, dest, target, frag string) {
	site := r.g.Site
	if target != site.Config.ContentDir && r.outside(target) {
		r.broken(d, n, target, "link to %s points outside the site (to %s, which is not under %s)", dest, target, r.contentDirName())
		return
	}
	if idx := r.folderIndex(target); idx != nil {
		r.resolveFragment(d, from, n, dest, idx, frag)
		return
	}
	folder := target + "/"
	if target == "." {
		folder = "the site root"
	}
	if site.Dirs[target] {
		r.broken(d, n, target+"/", "link to %s: %s is a folder without a README.md: link to a file in it, or add %s", dest, folder, path.Join(target, "README.md"))
		return
	}
	hint := r.notReadHint(target)
	dirs := make([]string, 0, len(site.Dirs))
	for p := range site.Dirs {
		dirs = append(dirs, p)
	}
	sort.Strings(dirs)
	if near := diag.Nearest(target, dirs, max(2, len(path.Base(target))/3)); hint == "" && near != "" {
		hint = fmt.Sprintf(" (did you mean %s/?)", relPath(d.Path, near))
	}
	r.broken(d, n, target+"/", "link to %s: no such folder (looked for %s)%s", dest, folder, hint)
}

// folderIndex returns the index page of a folder (a site path), or nil.
func (r *resolver) folderIndex(dir string) *Entity {
	if r.indexes == nil {
		r.indexes = map[string]*Entity{}
		for _, doc := range r.g.Site.Documents {
			if doc.Index {
				r.indexes[path.Dir(doc.Path)] = r.g.docByPath[doc.Path]
			}
		}
	}
	return r.indexes[dir]
}

// notReadHint explains why a target under the content directory is not in the site
// when a hidden directory or an ignore: pattern left it out, or returns "".
func (r *resolver) notReadHint(target string) string {
	for _, part := range strings.Split(target, "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return fmt.Sprintf(" (%s is a hidden directory, which ismsgen never reads)", part)
		}
	}
	if pat, at := r.ignoredBy(target); pat != "" {
		return fmt.Sprintf(" (%s is left out of the site by ignore: %q in data/site.yaml)", at, pat)
	}
	return ""
}

// listed reports whether the loader listed p under the content directory.
func (r *resolver) listed(p string) bool {
	c := r.g.Site.Content
	i := sort.SearchStrings(c, p)
	return i < len(c) && c[i] == p
}

// ignoredBy returns the ignore: pattern that left out p or a folder above it, and
// which path it matched.
func (r *resolver) ignoredBy(p string) (pattern, at string) {
	for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
		if pat, ok := r.g.Site.Ignored[q]; ok {
			return pat, q
		}
	}
	return "", ""
}

// nearestFile suggests the file a broken link meant: one with the same name elsewhere
// under the content directory, else the nearest path.
func (r *resolver) nearestFile(target string) string {
	base := strings.ToLower(path.Base(target))
	for _, p := range r.g.Site.Content {
		if strings.ToLower(path.Base(p)) == base {
			return p
		}
	}
	return diag.Nearest(target, r.g.Site.Content, max(2, len(path.Base(target))/3))
}
