package build

import (
	"context"
	"io"
	"strings"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/oscal"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// The exports besides the registers and documents: a framework's coverage
// (--framework NAME) and the ISMS as OSCAL (--model M).
const (
	ExportCoverage = export.Coverage
	ExportOSCAL    = "oscal"
	// ExportDefaultFormat is the format of export without --format.
	ExportDefaultFormat = export.CSV
)

// ExportKinds lists what Export writes: the registers and documents, coverage and oscal.
func ExportKinds() []string { return append(export.Kinds(), export.Coverage, ExportOSCAL) }

// ExportFormats lists the formats of the registers' exports.
func ExportFormats() []string { return export.Formats() }

// OSCALModels lists the OSCAL models export oscal writes.
func OSCALModels() []string { return oscal.Models() }

// DescribeExport says in a line what an export kind holds.
func DescribeExport(kind string) string {
	if kind == ExportOSCAL {
		return "OSCAL 1.2.1 JSON, --model " + strings.Join(oscal.Models(), "|") + " (--format does not apply)"
	}
	return export.Describe(kind)
}

// ExportOptions say what Export writes, from which sources.
type ExportOptions struct {
	Source string
	Date   model.Date
	Drafts bool
	Links  model.LinkLevel
	// Kind is one of ExportKinds; Framework names coverage's framework, Model oscal's
	// model, Format the others' format.
	Kind, Format, Framework, Model string
}

// FrameworkError is a coverage export of a framework not in force.
type FrameworkError struct{ Err error }

func (e *FrameworkError) Error() string { return e.Err.Error() }
func (e *FrameworkError) Unwrap() error { return e.Err }

// Export loads and resolves the sources and writes one export to w.
func Export(ctx context.Context, w io.Writer, opt ExportOptions) error {
	g, err := Resolve(ctx, nil, opt.Source, resolve.Options{Date: opt.Date, Drafts: opt.Drafts, Links: opt.Links})
	if err != nil {
		return err
	}
	switch opt.Kind {
	case ExportOSCAL:
		return oscal.Write(w, g, opt.Model)
	case export.Coverage:
		if err := export.Write(w, g, export.CoverageOf(opt.Framework), opt.Format); err != nil {
			return &FrameworkError{Err: err}
		}
		return nil
	}
	return export.Write(w, g, opt.Kind, opt.Format)
}
