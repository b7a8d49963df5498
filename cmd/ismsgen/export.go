package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/oscal"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

func runExport(ctx context.Context, s *stdio, args []string) error {
	kinds := strings.Join(cliKinds(), "|")
	fs := newFlagSet(s, "export", kinds, "Export a register of the ISMS in --source as CSV (RFC 4180, UTF-8, lists joined with \"; \",\n"+
		"cells a spreadsheet would run as a formula prefixed with '), XLSX (one sheet: header row with\n"+
		"filters, first row and column frozen, dates as dates, the same bytes for the same sources and\n"+
		"date) or JSON:\n"+exportKinds())
	sf := addSiteFlags(fs, "build date, for the overdue columns,", "treat draft documents as published, as build --drafts does")
	format := fs.String("format", export.CSV, "output format: "+strings.Join(export.Formats(), " or "))
	out := fs.String("o", "", "write to this file instead of standard output")
	oscalModel := fs.String("model", "", "export oscal: the OSCAL model to write: "+strings.Join(oscal.Models(), ", "))
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
	case !contains(cliKinds(), pos[0]):
		return usagef("export: unknown register %q%s: want %s", pos[0], meant(pos[0], cliKinds()), kinds)
	case !contains(export.Formats(), *format):
		return usagef("--format %q: want one of %s%s", *format, strings.Join(export.Formats(), ", "), meant(*format, export.Formats()))
	}
	kind := pos[0]
	switch {
	case kind == export.Coverage && *framework == "":
		return usagef("export coverage: say which framework: --framework NAME (nis2, or the catalogue: name of a file in data/controls/)")
	case kind == export.Coverage:
		kind = export.CoverageOf(*framework)
	case *framework != "":
		return usagef("--framework is for export coverage, not %s", kind)
	case kind == exportOSCAL && !contains(oscal.Models(), *oscalModel):
		return usagef("export oscal: say which model: --model %s", strings.Join(oscal.Models(), "|"))
	case *oscalModel != "" && kind != exportOSCAL:
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
	g, err := build.Resolve(ctx, nil, src, resolve.Options{Date: d, Drafts: *sf.drafts, Links: links})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if kind == exportOSCAL {
		err = oscal.Write(&b, g, *oscalModel)
	} else {
		err = export.Write(&b, g, kind, *format)
	}
	if err != nil {
		if kind != pos[0] {
			return usagef("%v", err)
		}
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
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary file's name means nothing to the user
		}
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// exportKinds lists what export can write, one kind a line with what it holds.
func exportKinds() string {
	var b strings.Builder
	for i, k := range cliKinds() {
		if i > 0 {
			b.WriteString("\n")
		}
		about := export.Describe(k)
		if k == exportOSCAL {
			about = "OSCAL 1.2.1 JSON, --model " + strings.Join(oscal.Models(), "|") + " (--format does not apply)"
		}
		fmt.Fprintf(&b, "  %-16s %s", k, about)
	}
	return b.String()
}

// exportOSCAL is the export of the ISMS as OSCAL JSON (export oscal --model M).
const exportOSCAL = "oscal"

// cliKinds lists what export writes: the registers and documents, a framework's
// coverage (export coverage --framework NAME) and OSCAL (export oscal --model M).
func cliKinds() []string { return append(export.Kinds(), export.Coverage, exportOSCAL) }
