package site

import (
	"net/url"
	"path"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/yuin/goldmark/ast"
)

// assets adds the theme's static files, the code stylesheet, the CSV and XLSX exports, the
// evidence files and the images beside documents: none of what the site withholds.
func (r *renderer) assets(files map[string][]byte) error {
	for p, b := range r.theme.static() {
		if !r.skipMermaid(p) {
			files[p] = b
		}
	}
	files["css/chroma.css"] = stylesheet()
	for path, b := range r.exportFiles() {
		files[path] = b
	}
	if r.exportErr != nil {
		return r.exportErr
	}
	for _, e := range r.g.OfKind(resolve.KindEvidence) {
		if ev := e.Evidence; ev.SHA256 != "" && r.pub.shown(e) {
			files[urls.EvidenceFile(ev.File)] = r.g.Site.Files[ev.File]
		}
	}
	// Images and attachments go where the links expect them; never over a page or a
	// generated file. What only withheld documents show is not copied.
	withheldOnly := r.withheldOnly
	var errs diag.List
	for _, p := range r.g.Site.Assets {
		if withheldOnly[p] {
			continue
		}
		dst := urls.Asset(r.g.Site, p)
		if _, taken := files[dst]; taken || r.pagePaths[dst] || dst == urls.SearchData {
			errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "%s would be copied to %s, which the site makes itself (a page or a generated file): rename the file", p, dst)
			continue
		}
		files[dst] = r.g.Site.Files[p]
	}
	errs.Sort()
	return errs.Err()
}

// withheldAssets returns the images and attachments under the content directory that
// only documents the site withholds show.
func (r *renderer) withheldAssets() map[string]bool {
	if r.pub.limit == "" {
		return nil
	}
	used := map[string]bool{} // image → shown by a published document
	for _, d := range r.g.Site.Documents {
		e, _ := r.g.DocumentByPath(d.Path)
		shown := !r.pub.withheld(e)
		for _, n := range d.Refs {
			var dest string
			if src, ok := markdown.ImageSource(n); ok {
				dest = src
			} else if l, ok := n.(*ast.Link); ok {
				dest = string(l.Destination)
			} else {
				continue
			}
			u, err := url.Parse(dest)
			if err != nil || u.Scheme != "" || u.Host != "" {
				continue
			}
			p := path.Clean(path.Join(path.Dir(d.Path), u.Path))
			used[p] = used[p] || shown
		}
	}
	out := map[string]bool{}
	for p, shown := range used {
		if !shown {
			out[p] = true
		}
	}
	return out
}
