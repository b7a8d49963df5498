package resolve

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// broken records a broken link or image: an error, or a warning under links: warn, in
// which case the renderers show the link as text with a marker. group names the target,
// so that a report can fold many links to one missing target into one line.
func (r *resolver) broken(d *model.Document, n ast.Node, group, format string, args ...any) {
	pos := d.PosAt(markdown.NodeOffset(n, d.Body))
	var e *diag.Error
	if r.links == model.LinksWarn {
		e = r.g.Warnings.AddKind(diag.KindLink, pos, format, args...)
	} else {
		e = r.errs.AddKind(diag.KindReference, pos, format, args...)
	}
	e.Group = group
	r.g.targets[n] = Target{Broken: e.Msg}
}

// outside reports whether a site path lies outside the content directory.
func (r *resolver) outside(target string) bool {
	_, ok := r.g.Site.ContentRel(target)
	return !ok
}

// contentDirName names the content directory in messages: content/, or the site root.
func (r *resolver) contentDirName() string {
	if d := r.g.Site.Config.ContentDir; d != "." && d != "" {
		return d + "/"
	}
	return "the site root"
}

// resolveLink resolves a Markdown link, or a raw HTML <a> (n is the node, dest its
// destination).
func (r *resolver) resolveLink(d *model.Document, from *Entity, n ast.Node, dest string) {
	p, frag, ok := markdown.LocalDest(dest)
	if !ok {
		return
	}
	if p == "" {
		if frag != "" || strings.HasPrefix(dest, "#") {
			r.resolveFragment(d, from, n, dest, from, frag)
		}
		return
	}
	target := r.g.Site.LinkPath(d.Path, p)
	if strings.HasSuffix(p, "/") || r.g.Site.Dirs[target] {
		r.resolveFolder(d, from, n, dest, target, frag)
		return
	}
	if !strings.EqualFold(path.Ext(p), ".md") {
		r.resolveFile(d, n, dest, target, frag)
		return
	}
	if r.outside(target) {
		r.broken(d, n, target, "link to %s points outside the site (to %s, which is not under %s)", dest, target, r.contentDirName())
		return
	}
	t, ok := r.g.docByPath[target]
	if !ok {
		hint := r.notReadHint(target)
		if near := r.nearestDocument(target); hint == "" && near != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", relPath(d.Path, near))
		}
		r.broken(d, n, target, "link to %s: no such document (looked for %s)%s", dest, target, hint)
		return
	}
	r.resolveFragment(d, from, n, dest, t, frag)
}

// resolveFragment checks the #fragment of a link to document t (which may be the
// document the link is in) and records the target with the heading's canonical ID.
func (r *resolver) resolveFragment(d *model.Document, from *Entity, n ast.Node, dest string, t *Entity, frag string) {
	canonical := ""
	if frag != "" {
		id, ok := t.Doc.Anchors[frag]
		if !ok {
			where := t.Doc.Path
			if t == from {
				where = "this document"
			}
			r.broken(d, n, t.Doc.Path+"#"+frag, "link to %s: %s has no heading with id %q%s", dest, where, frag, fragmentHint(t.Doc, frag))
			return
		}
		canonical = id
	}
	r.g.targets[n] = Target{Entity: t, Fragment: canonical}
	r.link(from, t)
}

// fragmentHint suggests what a broken fragment may have meant: a heading whose custom
// ID replaced the anchor named, else the nearest anchor.
func fragmentHint(d *model.Document, frag string) string {
	if custom := d.CustomIDs[frag]; custom != "" {
		return fmt.Sprintf(" (this heading has a custom id {#%s}: link to #%s)", custom, custom)
	}
	anchors := make([]string, 0, len(d.Anchors))
	for a := range d.Anchors {
		anchors = append(anchors, a)
	}
	sort.Strings(anchors)
	if near := diag.Nearest(strings.ToLower(frag), anchors, max(2, len(frag)/3)); near != "" {
		return fmt.Sprintf(" (did you mean #%s?)", near)
	}
	return ""
}

// nearestDocument suggests the document a broken link meant: one with the same file
// name elsewhere, else the nearest path.
func (r *resolver) nearestDocument(target string) string {
	paths := make([]string, 0, len(r.g.docByPath))
	for p := range r.g.docByPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	base := strings.ToLower(path.Base(target))
	for _, p := range paths {
		if strings.ToLower(path.Base(p)) == base {
			return p
		}
	}
	return diag.Nearest(target, paths, max(2, len(path.Base(target))/3))
}

// relPath writes target relative to the directory of the document from, as an author
// would write the link.
func relPath(from, target string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	to := strings.Split(target, "/")
	i := 0
	for i < len(fromDir) && i < len(to)-1 && fromDir[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(to[i:], "/")
}

// resolveImage checks that a local image (a Markdown image or a raw HTML <img>) exists.
func (r *resolver) resolveImage(d *model.Document, n ast.Node, dest string) {
	p, _, ok := markdown.LocalDest(dest)
	if !ok || p == "" {
		return
	}
	target := r.g.Site.LinkPath(d.Path, p)
	if r.outside(target) {
		r.broken(d, n, target, "image %s points outside the site (to %s, which is not under %s)", dest, target, r.contentDirName())
		return
	}
	if _, ok := r.g.Site.Files[target]; !ok {
		r.broken(d, n, target, "image %s: no such file under %s (looked for %s)", dest, r.contentDirName(), target)
	}
}
