package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Kinds of export.
const (
	SoA       = "soa"
	Risks     = "risks"
	Treatment = "treatment"
	Documents = "documents"
)

// Formats.
const (
	CSV  = "csv"
	JSON = "json"
)

// Kinds lists what can be exported, in the order the CLI documents them: the SoA (one
// row per catalogue control), every register kept as data whose rows are entities (one
// row per row, model.Register.Columns), the documents and their acknowledgement
// coverage.
func Kinds() []string {
	out := []string{SoA}
	for _, reg := range model.Registers() {
		if reg.Columns != nil {
			out = append(out, reg.Name)
		}
	}
	return append(out, Documents, Acknowledgements)
}

// Describe says what an export of a kind holds, for the CLI's help.
func Describe(kind string) string {
	switch kind {
	case SoA:
		return "one row per catalogue control"
	case Documents:
		return "one row per published controlled document and register"
	case Acknowledgements:
		return "one row per distributed document and group, with who acknowledged its version in force"
	case Coverage:
		return "one row per requirement of the framework --framework names, with its derived coverage"
	}
	if reg := model.RegisterNamed(kind); reg != nil && reg.About != "" {
		return reg.About
	}
	return "one row per " + kind + " row"
}

// Formats lists the output formats.
func Formats() []string { return []string{CSV, JSON, XLSX} }

// Info returns what the XLSX export of a kind says about itself: the organisation, the
// register's title and version (from its document: block), and the build date.
func Info(g *resolve.Graph, kind string) SheetInfo {
	info := SheetInfo{Organisation: g.Site.Config.Organisation, Title: "Document register", Date: g.Date}
	if reg := model.RegisterNamed(kind); reg != nil {
		info.Title = reg.Title
		if dc := reg.Data(g.Site).Control(); dc != nil {
			if dc.Title != "" {
				info.Title = dc.Title
			}
			info.Version = dc.Version
		}
	}
	return info
}

// Table is one export: named columns and one row per item. A cell is a string, an int,
// a bool, a []string (a list) or nil (no value).
type Table struct {
	Columns []string
	Rows    [][]any
}

// Build returns the table of an export kind.
func Build(g *resolve.Graph, kind string) (*Table, error) { return BuildOnly(g, kind, nil) }

// BuildOnly returns the table of an export kind with only the items include accepts
// (nil accepts all): the site's exports leave out what it withholds. The rows of items
// left out are dropped, and so are they from the lists the SoA export derives (the
// documents, evidence and risks of a control); the ID lists a risk or action row holds
// keep their IDs, which say nothing of their content.
func BuildOnly(g *resolve.Graph, kind string, include func(*resolve.Entity) bool) (*Table, error) {
	x := exporter{g: g, include: include}
	switch kind {
	case SoA:
		return x.soaTable(), nil
	case Documents:
		return x.documentTable(), nil
	case Acknowledgements:
		return x.acknowledgementTable(), nil
	}
	if name, ok := strings.CutPrefix(kind, Coverage+":"); ok {
		return x.coverageTable(name)
	}
	if reg := model.RegisterNamed(kind); reg != nil && reg.Columns != nil {
		return x.registerTable(reg), nil
	}
	return nil, fmt.Errorf("unknown export %q: want one of %s", kind, strings.Join(Kinds(), ", "))
}

// exporter builds the tables of one graph.
type exporter struct {
	g       *resolve.Graph
	include func(*resolve.Entity) bool
}

// keep reports whether an item goes into the export.
func (x exporter) keep(e *resolve.Entity) bool { return x.include == nil || x.include(e) }

// keepID reports whether the item with an ID goes into the export.
func (x exporter) keepID(id string) bool {
	e, ok := x.g.Lookup(id)
	return !ok || x.keep(e)
}

// ids returns the IDs of the entities that go into the export.
func (x exporter) ids(es []*resolve.Entity) []string {
	var out []string
	for _, e := range es {
		if x.keep(e) {
			out = append(out, e.ID)
		}
	}
	return out
}

// Write writes the export kind of g to w in format (csv or json).
func Write(w io.Writer, g *resolve.Graph, kind, format string) error {
	return WriteOnly(w, g, kind, format, nil)
}

// WriteOnly is Write with only the items include accepts (see BuildOnly).
func WriteOnly(w io.Writer, g *resolve.Graph, kind, format string, include func(*resolve.Entity) bool) error {
	if format != CSV && format != JSON && format != XLSX {
		return fmt.Errorf("unknown export format %q: want one of %s", format, strings.Join(Formats(), ", "))
	}
	t, err := BuildOnly(g, kind, include)
	if err != nil {
		return err
	}
	switch format {
	case CSV:
		return t.WriteCSV(w)
	case XLSX:
		return t.WriteXLSX(w, Info(g, kind))
	}
	return t.WriteJSON(w)
}
