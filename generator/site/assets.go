package site

import (
	"bytes"
	"strings"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// assets adds the theme's static files, the code stylesheet, the CSV exports, the
// evidence files and the images beside documents.
func (r *renderer) assets(files map[string][]byte) error {
	for p, b := range r.theme.static() {
		if !r.skipMermaid(p) {
			files[p] = b
		}
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
	for p, b := range r.g.Site.Files {
		if strings.HasPrefix(p, "content/") && !strings.HasSuffix(strings.ToLower(p), ".md") {
			files[urls.Asset(p)] = b
		}
	}
	return nil
}
