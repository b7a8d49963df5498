package site

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// assets adds the theme's static files, the code stylesheet, the CSV exports, the
// evidence files and the images beside documents: none of what the site withholds.
func (r *renderer) assets(files map[string][]byte) error {
	for p, b := range r.theme.static() {
		files[p] = b
	}
	files["css/chroma.css"] = stylesheet()
	exports := map[string]string{export.SoA: urls.SoA, export.Risks: urls.Risks, export.Treatment: urls.Treatment}
	for _, kind := range export.Kinds() {
		if page, ok := exports[kind]; ok && !r.hasPage(page) {
			continue
		}
		var buf bytes.Buffer
		if err := export.WriteOnly(&buf, r.g, kind, export.CSV, r.pub.shown); err != nil {
			return err
		}
		files[exportPath(kind)] = buf.Bytes()
	}
	for _, e := range r.g.OfKind(resolve.KindEvidence) {
		if ev := e.Evidence; ev.SHA256 != "" && r.pub.shown(e) {
			files[urls.EvidenceFile(ev.File)] = r.g.Site.Files[ev.File]
		}
	}
	withheldOnly := r.withheldImages()
	for p, b := range r.g.Site.Files {
		if strings.HasPrefix(p, "content/") && !strings.HasSuffix(strings.ToLower(p), ".md") && !withheldOnly[p] {
			files[urls.Asset(p)] = b
		}
	}
	return nil
}

// withheldImages returns the images under content/ that only documents the site
// withholds show.
func (r *renderer) withheldImages() map[string]bool {
	if r.pub.limit == "" {
		return nil
	}
	used := map[string]bool{} // image → shown by a published document
	for _, d := range r.g.Site.Documents {
		e, _ := r.g.DocumentByPath(d.Path)
		shown := !r.pub.withheld(e)
		for _, n := range d.Refs {
			src, ok := markdown.ImageSource(n)
			if !ok {
				continue
			}
			u, err := url.Parse(src)
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
