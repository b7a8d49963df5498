package resolve

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// localDest splits a link destination that points into the site (no scheme, no host)
// into its unescaped path and fragment.
func localDest(dest string) (p, frag string, ok bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return "", "", false
	}
	return u.Path, u.Fragment, true
}

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

// contentPath joins a link's path to the directory of the document it is written in.
func contentPath(from, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(path.Join("content", p))
	}
	return path.Clean(path.Join(path.Dir(from), p))
}

// outside reports whether a content path leaves content/.
func outside(target string) bool {
	return target == "content" || !strings.HasPrefix(target, "content/")
}

// resolveLink resolves a Markdown link, or a raw HTML <a> (n is the node, dest its
// destination).
func (r *resolver) resolveLink(d *model.Document, from *Entity, n ast.Node, dest string) {
	p, frag, ok := localDest(dest)
	if !ok {
		return
	}
	if p == "" {
		if frag != "" || strings.HasPrefix(dest, "#") {
			r.resolveFragment(d, from, n, dest, from, frag)
		}
		return
	}
	if !strings.EqualFold(path.Ext(p), ".md") {
		return
	}
	target := contentPath(d.Path, p)
	if outside(target) {
		r.broken(d, n, target, "link to %s points outside the site (to %s, which is not under content/)", dest, target)
		return
	}
	t, ok := r.g.docByPath[target]
	if !ok {
		hint := ""
		if near := r.nearestDocument(target); near != "" {
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
	if custom := markdown.CustomIDFor(d.AST, frag); custom != "" {
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
	p, _, ok := localDest(dest)
	if !ok || p == "" {
		return
	}
	target := contentPath(d.Path, p)
	if outside(target) {
		r.broken(d, n, target, "image %s points outside the site (to %s, which is not under content/)", dest, target)
		return
	}
	if _, ok := r.g.Site.Files[target]; !ok {
		r.broken(d, n, target, "image %s: no such file under content/ (looked for %s)", dest, target)
	}
}
