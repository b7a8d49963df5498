package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismsgen/ismsgen/internal/filetree"

	"github.com/ismsgen/ismsgen/generator/build"
)

func runExport(ctx context.Context, s *stdio, args []string) error {
	kinds := strings.Join(build.ExportKinds(), "|")
	fs := newFlagSet(s, "export", kinds, "Export a register of the ISMS in --source as CSV (RFC 4180, UTF-8, lists joined with \"; \",\n"+
		"cells a spreadsheet would run as a formula prefixed with '), XLSX (one sheet: header row with\n"+
		"filters, first row and column frozen, dates as dates, the same bytes for the same sources and\n"+
		"date) or JSON:\n"+exportKinds())
	sf := addSiteFlags(fs, "build date, for the overdue columns,", "treat draft documents as published, as build --drafts does")
	format := fs.String("format", build.ExportDefaultFormat, "output format: "+strings.Join(build.ExportFormats(), " or "))
	out := fs.String("o", "", "write to this file instead of standard output")
	oscalModel := fs.String("model", "", "export oscal: the OSCAL model to write: "+strings.Join(build.OSCALModels(), ", "))
	framework := fs.String("framework", "", "export coverage: the framework in force whose coverage to export (nis2, a data/controls catalogue)")
	// Flags may come before or after the kind (export soa --format json).
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(pos) == 0:
		return usagef("export: say what to export: %s", kinds)
	case len(pos) > 1:
		return usagef("export takes one register, got %q", pos)
	case !contains(build.ExportKinds(), pos[0]):
		return usagef("export: unknown register %q%s: want %s", pos[0], meant(pos[0], build.ExportKinds()), kinds)
	case !contains(build.ExportFormats(), *format):
		return usagef("--format %q: want one of %s%s", *format, strings.Join(build.ExportFormats(), ", "), meant(*format, build.ExportFormats()))
	}
	kind := pos[0]
	switch {
	case kind == build.ExportCoverage && *framework == "":
		return usagef("export coverage: say which framework: --framework NAME (nis2, or the catalogue: name of a file in data/controls/)")
	case kind == build.ExportCoverage:
		// the framework is checked once the site is read
	case *framework != "":
		return usagef("--framework is for export coverage, not %s", kind)
	case kind == build.ExportOSCAL && !contains(build.OSCALModels(), *oscalModel):
		return usagef("export oscal: say which model: --model %s", strings.Join(build.OSCALModels(), "|"))
	case *oscalModel != "" && kind != build.ExportOSCAL:
		return usagef("--model is for export oscal, not %s", kind)
	}
	src, d, err := sf.resolve(s)
	if err != nil {
		return err
	}
	links, err := sf.linkLevel()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	err = build.Export(ctx, &b, build.ExportOptions{Source: src, Date: d, Drafts: *sf.drafts, Links: links,
		Kind: kind, Format: *format, Framework: *framework, Model: *oscalModel})
	var fe *build.FrameworkError
	if errors.As(err, &fe) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err := s.out.Write(b.Bytes())
		return err
	}
	return writeFileAtomic(*out, b.Bytes())
}

// writeFileAtomic writes a file through a temporary file in the same directory and a
// rename, so that a failed export never leaves a truncated file where a good one was.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("cannot write %s: the directory %s does not exist; create it first", name, dir)
	}
	return filetree.Replace(name, data, 0o644)
}

// exportKinds lists what export can write, one kind a line with what it holds.
func exportKinds() string {
	var b strings.Builder
	for i, k := range build.ExportKinds() {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "  %-16s %s", k, build.DescribeExport(k))
	}
	return b.String()
}
