package site

import (
	"bytes"
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
	bundle(files)
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

// bundle makes the one stylesheet and the one script a page links: css/style.css carries
// the theme's style.css, then the code colours (css/chroma.css) and, for print, the
// theme's print.css; js/site.js carries the theme's site.js, then its search.js. Each
// part stays a file of its own too, for a theme's layouts that link it (search.js runs
// once however often a page loads it).
func bundle(files map[string][]byte) {
	join := func(parts ...[]byte) []byte {
		var b bytes.Buffer
		for _, p := range parts {
			b.Write(p)
			if len(p) > 0 && p[len(p)-1] != '\n' {
				b.WriteByte('\n')
			}
		}
		return b.Bytes()
	}
	if css, ok := files["css/style.css"]; ok {
		var print []byte
		if p, ok := files["css/print.css"]; ok {
			print = join([]byte("@media print {"), p, []byte("}"))
		}
		files["css/style.css"] = join(css, files["css/chroma.css"], print)
	}
	if js, ok := files["js/site.js"]; ok {
		files["js/site.js"] = join(js, files["js/search.js"])
	}
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
