package site

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"strings"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// The downloads page (urls.Downloads) lists every file a reader takes away: the PDF
// audit packs, with what a recipient needs to trust one, and the registers' exports.

// PackState is whether a pack listed on the downloads page is in the output.
type PackState string

const (
	// PackBuilt is a pack the build wrote beside the site (packs/<name>.pdf).
	PackBuilt PackState = "built"
	// PackLazy is a pack the live preview builds when it is first downloaded.
	PackLazy PackState = "lazy"
	// PackSkipped is a pack this build did not make (build --no-pack).
	PackSkipped PackState = "skipped"
)

// PackDownload is what the downloads page says of one PDF pack. The build fills it
// (Options.Packs): packs are rendered by package pack, which the site does not read.
type PackDownload struct {
	Name, Title    string
	State          PackState
	Classification model.Classification
	// Of a built pack: its pages, size, the SHA-256 of the file, who signed it (the
	// certificate's subject) and whether that is the development certificate, and the
	// time-stamping authority that timestamped the signature ("" when none did).
	Pages       int
	Size        int64
	SHA256      string
	Signer      string
	Development bool
	TSA         string
}

// PDF is the pack's path in the output; Manifest its manifest's.
func (d PackDownload) PDF() string      { return "packs/" + d.Name + ".pdf" }
func (d PackDownload) Manifest() string { return "packs/" + d.Name + ".manifest.json" }

// SizeText is the pack's size as the site writes sizes.
func (d PackDownload) SizeText() string { return model.ByteSize(d.Size) }

// exportDownload is one export on the downloads page: its CSV and XLSX files.
type exportDownload struct {
	Kind     string
	Register *resolve.Entity // nil for the document register and coverage tables
	// Title names an export that is not a register's, and Page is the page that shows
	// the same facts ("" for none).
	Title, Page string
	Path        string // the CSV
	Rows        int
	Size        string
	XLSX        string // the XLSX beside it
	XLSXSize    string // "" when it is not in the output
	XLSXLazy    bool   // written when downloaded (Options.LazyWorkbooks)
}

// downloadsData is the downloads page.
type downloadsData struct {
	Packs   []PackDownload
	Exports []exportDownload
}

func (r *renderer) downloadsData() downloadsData {
	d := downloadsData{Packs: r.opt.Packs}
	files := r.exportFiles()
	for _, kind := range r.exportKinds() {
		b, ok := files[exportFile(kind, export.CSV)]
		if !ok {
			continue
		}
		path := exportFile(kind, export.XLSX)
		x := exportDownload{Kind: kind, Path: exportFile(kind, export.CSV), Rows: csvRows(b), Size: model.ByteSize(int64(len(b))),
			XLSX: path, XLSXLazy: r.opt.LazyWorkbooks}
		if xb, ok := files[path]; ok {
			x.XLSXSize = model.ByteSize(int64(len(xb)))
		}
		x.Title, x.Page = r.exportTitle(kind)
		if reg := model.RegisterNamed(kind); reg != nil {
			x.Register, _ = r.pub.register(reg.Artefact)
		}
		d.Exports = append(d.Exports, x)
	}
	return d
}

// exportKinds are the exports the site publishes: every export kind, then the
// coverage table of each framework with a coverage page.
func (r *renderer) exportKinds() []string {
	kinds := export.Kinds()
	for _, f := range coverageFrameworks(r.g.Site) {
		kinds = append(kinds, export.CoverageOf(f.Name))
	}
	return kinds
}

// exportFiles returns the exports of the registers the site publishes, as CSV and XLSX,
// by output path; computed once per render (the downloads page and the files share
// them). An export that fails is left out and its error kept for assets to report.
func (r *renderer) exportFiles() map[string][]byte {
	if r.exports != nil {
		return r.exports
	}
	// Exports read only the global inputs (registers, front matter, links, findings):
	// under the same ones, the live preview reuses the previous render's.
	if r.state != nil {
		if old := r.state.reusable(r.opt.Previous); old != nil && old.exports != nil {
			r.exports, r.exportErr = old.exports, old.exportErr
			r.state.exports, r.state.exportErr = r.exports, r.exportErr
			return r.exports
		}
		defer func() { r.state.exports, r.state.exportErr = r.exports, r.exportErr }()
	}
	r.exports = map[string][]byte{}
	var keep func(string) ([]byte, []byte, bool)
	if r.state != nil {
		keep = r.exportKeeper()
	}
	for _, kind := range r.exportKinds() {
		if reg := model.RegisterNamed(kind); reg != nil && !r.hasPage(reg.Page) {
			continue // the site does not have or does not publish the register
		}
		if keep != nil {
			if csv, xlsx, ok := keep(kind); ok {
				r.exports[exportFile(kind, export.CSV)] = csv
				if xlsx != nil {
					r.exports[exportFile(kind, export.XLSX)] = xlsx
				}
				continue
			}
		}
		t, err := export.BuildOnly(r.g, kind, r.pub.shown)
		if err != nil {
			r.exportErr = err
			continue
		}
		var buf bytes.Buffer
		if err := t.WriteCSV(&buf); err != nil {
			r.exportErr = err
		} else {
			r.exports[exportFile(kind, export.CSV)] = buf.Bytes()
		}
		if r.opt.LazyWorkbooks {
			continue
		}
		if b, err := r.workbook(kind, t); err != nil {
			r.exportErr = err
		} else {
			r.exports[exportFile(kind, export.XLSX)] = b
		}
	}
	return r.exports
}

// workbook writes the XLSX export of a table.
func (r *renderer) workbook(kind string, t *export.Table) ([]byte, error) {
	var buf bytes.Buffer
	err := t.WriteXLSX(&buf, export.Info(r.g, kind))
	return buf.Bytes(), err
}

// csvRows counts the records of a CSV export after its header row.
func csvRows(b []byte) int {
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		return 0
	}
	return len(recs) - 1
}

// exportTitle names an export that is not a register's, with the page showing the
// same facts: the document register, acknowledgement coverage (on the readiness page)
// and a framework's coverage.
func (r *renderer) exportTitle(kind string) (title, page string) {
	switch kind {
	case export.Documents:
		return "Document register", "documents.html"
	case export.Acknowledgements:
		return "Acknowledgement coverage", "readiness.html"
	}
	if name, ok := strings.CutPrefix(kind, export.Coverage+":"); ok {
		title = name
		if f := r.g.Site.FrameworkNamed(name); f != nil {
			title = f.DisplayTitle()
		}
		return "Coverage of " + title, urls.Coverage(name)
	}
	return kind, ""
}

// Workbook writes the XLSX export at the output path file (exports/<kind>.xlsx) as the
// site publishes it (the rows it shows, none it withholds), for the live preview, which
// writes one only when it is downloaded. A file the site does not publish is an error
// wrapping fs.ErrNotExist.
func Workbook(g *resolve.Graph, file string) ([]byte, error) {
	r := &renderer{g: g, pub: newPublisher(g)}
	for _, kind := range r.exportKinds() {
		if exportFile(kind, export.XLSX) != file {
			continue
		}
		if reg := model.RegisterNamed(kind); reg != nil && !r.hasPage(reg.Page) {
			break // the site does not publish the register
		}
		t, err := export.BuildOnly(g, kind, r.pub.shown)
		if err != nil {
			return nil, err
		}
		return r.workbook(kind, t)
	}
	return nil, fmt.Errorf("the site publishes no %s: %w", file, fs.ErrNotExist)
}
