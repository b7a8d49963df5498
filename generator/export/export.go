// Package export owns the spreadsheet exports auditors ask for: the Statement of
// Applicability, the risk register, the risk treatment plan and the list of controlled
// documents, as CSV (RFC 4180, UTF-8, one header row, formula-like cells neutralised for
// spreadsheets) or JSON (an array of objects with the same fields). The CLI's export
// command and the site's download links both write them through Write, so the two never
// differ.
package export

import (
	"fmt"
	"io"
	"strings"

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

// Kinds lists what can be exported, in the order the CLI documents them.
func Kinds() []string { return []string{SoA, Risks, Treatment, Documents} }

// Formats lists the output formats.
func Formats() []string { return []string{CSV, JSON} }

// Table is one export: named columns and one row per item. A cell is a string, an int,
// a bool, a []string (a list) or nil (no value).
type Table struct {
	Columns []string
	Rows    [][]any
}

// Build returns the table of an export kind.
func Build(g *resolve.Graph, kind string) (*Table, error) {
	switch kind {
	case SoA:
		return soaTable(g), nil
	case Risks:
		return riskTable(g), nil
	case Treatment:
		return treatmentTable(g), nil
	case Documents:
		return documentTable(g), nil
	}
	return nil, fmt.Errorf("unknown export %q: want one of %s", kind, strings.Join(Kinds(), ", "))
}

// Write writes the export kind of g to w in format (csv or json).
func Write(w io.Writer, g *resolve.Graph, kind, format string) error {
	if format != CSV && format != JSON {
		return fmt.Errorf("unknown export format %q: want one of %s", format, strings.Join(Formats(), ", "))
	}
	t, err := Build(g, kind)
	if err != nil {
		return err
	}
	if format == CSV {
		return t.WriteCSV(w)
	}
	return t.WriteJSON(w)
}
