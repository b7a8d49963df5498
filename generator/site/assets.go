package site

import (
	"bytes"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// assets adds the theme's static files, the code stylesheet, the CSV exports, the
// evidence files and the images beside documents.
func (r *renderer) assets(files map[string][]byte) error {
	for p, b := range r.theme.static() {
		files[p] = b
	}
	files["css/chroma.css"] = stylesheet()
	for _, kind := range export.Kinds() {
		var buf bytes.Buffer
		if err := export.Write(&buf, r.g, kind, export.CSV); err != nil {
			return err
		}
		files[exportPath(kind)] = buf.Bytes()
	}
	for _, ev := range r.g.Site.Evidence.Evidence {
		if ev != nil && ev.SHA256 != "" {
			files[urls.EvidenceFile(ev.File)] = r.g.Site.Files[ev.File]
		}
	}
	// Images and attachments go where the links expect them; never over a page or a
	// generated file.
	var errs diag.List
	for _, p := range r.g.Site.Assets {
		dst := urls.Asset(r.g.Site, p)
		if _, taken := files[dst]; taken || dst == urls.SearchData {
			errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "%s would be copied to %s, which the site makes itself (a page or a generated file): rename the file", p, dst)
			continue
		}
		files[dst] = r.g.Site.Files[p]
	}
	errs.Sort()
	return errs.Err()
}
