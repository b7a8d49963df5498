package versions

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// snapshot is what "what changed" compares of one version of the site: small, so that
// it is cached beside a release's rendered files and a reused release needs neither its
// tree nor its graph.
type snapshot struct {
	Documents []snapDoc `json:"documents"`
	SoA       []snapSoA `json:"soa"`
	Rows      []snapRow `json:"rows"`
	// Figures are the release's dashboard figures, for the trend on the current home
	// page; set when the release is rendered.
	Figures []site.ChartFigures `json:"figures,omitempty"`
}

// snapDoc is a published document or register.
type snapDoc struct {
	// Key identifies the document across versions: its ID, or its source path for an
	// uncontrolled page.
	Key      string `json:"key"`
	ID       string `json:"id,omitempty"`
	Title    string `json:"title"`
	Type     string `json:"type"`
	Version  string `json:"version,omitempty"`
	Status   string `json:"status,omitempty"`
	Page     string `json:"page"`
	Source   string `json:"source"`
	Hash     string `json:"hash"` // SHA-256 of the source file
	Body     string `json:"body,omitempty"`
	Register bool   `json:"register,omitempty"`
	Class    string `json:"class"` // its classification
}

type snapSoA struct {
	Control       string `json:"control"`
	Title         string `json:"title"`
	Applicable    string `json:"applicable"` // "yes", "no", or "" when unset
	Status        string `json:"status,omitempty"`
	Justification string `json:"justification,omitempty"`
	Page          string `json:"page"`
	Class         string `json:"class"` // the SoA's classification
}

// snapRow is a row of a register whose rows are entities of their own (a risk, a
// treatment action): its tracked columns (model.Register.Tracked) as text.
type snapRow struct {
	Register string `json:"register"`
	ID       string `json:"id"`
	// Of tells apart the rows of one ID: the group of an acknowledgement coverage row,
	// whose ID is its document's.
	Of     string     `json:"of,omitempty"`
	Title  string     `json:"title"`
	Fields []snapCell `json:"fields,omitempty"`
	Page   string     `json:"page"`
	Class  string     `json:"class"` // its classification
}

type snapCell struct {
	Name  string `json:"name"`
	Value string `json:"value,omitempty"`
}

// takeSnapshot records what the site shows of g.
func takeSnapshot(g *resolve.Graph) *snapshot {
	s := &snapshot{}
	for _, e := range g.Documents() {
		info := g.Info(e)
		src := SourcePath(g, e)
		d := snapDoc{Key: e.ID, ID: e.ID, Title: e.Title, Type: string(info.Type), Version: info.Version,
			Status: string(info.Status), Page: urls.Of(e), Source: src, Hash: hash(g.Site.Files[src]), Register: e.Doc == nil,
			Class: string(g.Classification(e))}
		if d.Key == "" {
			d.Key = src
		}
		if e.Doc != nil {
			// Authors' HTML comments are never shown, so never compared either.
			d.Body = string(markdown.WithoutComments(e.Doc.Body, e.Doc.AST))
		}
		s.Documents = append(s.Documents, d)
	}
	soaClass := string(g.Site.Config.Classification)
	for _, e := range g.OfKind(resolve.KindRegister) {
		if e.Register == resolve.RegSoA {
			soaClass = string(g.Classification(e))
		}
	}
	for _, e := range g.OfKind(resolve.KindControl) {
		row, ok := g.SoARow(e.ID)
		if !ok {
			continue
		}
		app := ""
		if row.Applicable != nil {
			app = "no"
			if *row.Applicable {
				app = "yes"
			}
		}
		s.SoA = append(s.SoA, snapSoA{Control: e.ID, Title: e.Title, Applicable: app, Status: string(row.Status),
			Justification: row.Justification, Page: urls.Of(e), Class: soaClass})
	}
	ctx := model.TableContext{Site: g.Site, Date: g.Date}
	for _, reg := range model.Registers() {
		if reg.Row == nil || reg.Columns == nil {
			continue
		}
		rows := reg.Data(g.Site).Rows()
		s.Rows = append(s.Rows, snapRows(g, reg, reg.Columns(ctx), reg.Tracked, rows)...)
		if parts := reg.Row.Parts; parts != nil {
			// The parts of the rows (an audit's findings) are listed with the register.
			var all []model.Row
			for _, row := range rows {
				all = append(all, parts.Of(row)...)
			}
			s.Rows = append(s.Rows, snapRows(g, reg, parts.Columns(ctx), parts.Tracked, all)...)
		}
	}
	s.Rows = append(s.Rows, ackRows(g)...)
	return s
}

// snapRows are rows of a register (or their parts) with their tracked columns.
func snapRows(g *resolve.Graph, reg *model.Register, cols []model.Column, names []string, rows []model.Row) []snapRow {
	var tracked []model.Column
	for _, c := range cols {
		if slices.Contains(names, c.Name) {
			tracked = append(tracked, c)
		}
	}
	var out []snapRow
	for _, row := range rows {
		e, ok := g.Lookup(row.RowID())
		if !ok || e.Row != row {
			continue
		}
		r := snapRow{Register: reg.Name, ID: e.ID, Title: e.Title, Page: urls.Of(e), Class: string(g.Classification(e))}
		for _, c := range tracked {
			r.Fields = append(r.Fields, snapCell{Name: c.Name, Value: model.CellText(c.Value(row))})
		}
		out = append(out, r)
	}
	return out
}

// ackTracked are the columns of the acknowledgements export "what changed" compares.
var ackTracked = []string{"version", "acknowledged", "outstanding", "coverage"}

// ackRows are the rows of the acknowledgements export (one per distributed document
// and group) as "what changed" compares them: under the document's ID, told apart by
// group, with the version in force and how many acknowledged it.
func ackRows(g *resolve.Graph) []snapRow {
	t, err := export.Build(g, export.Acknowledgements)
	if err != nil {
		return nil
	}
	col := map[string]int{}
	for i, c := range t.Columns {
		col[c] = i
	}
	var out []snapRow
	for _, row := range t.Rows {
		e, ok := g.Lookup(model.CellText(row[col["document"]]))
		if !ok {
			continue
		}
		group := model.CellText(row[col["group"]])
		r := snapRow{Register: resolve.AckArtefact, ID: e.ID, Of: group, Title: e.Title + " — " + group,
			Page: urls.Of(e), Class: string(g.Classification(e))}
		for _, name := range ackTracked {
			v := model.CellText(row[col[name]])
			if name == "coverage" {
				v += "%"
			}
			r.Fields = append(r.Fields, snapCell{Name: name, Value: v})
		}
		out = append(out, r)
	}
	return out
}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
