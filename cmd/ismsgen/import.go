package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismsgen/ismsgen/generator/importer"
	"github.com/ismsgen/ismsgen/generator/model"
)

// importKinds are the registers import can read, from the register table.
func importKinds() []string {
	var out []string
	for _, r := range model.Registers() {
		if r.Fields != nil {
			out = append(out, r.Name)
		}
	}
	return out
}

// runImport merges a spreadsheet into a register's data file:
// ismsgen import KIND FILE.csv|FILE.xlsx.
func runImport(ctx context.Context, s *stdio, args []string) error {
	if len(args) > 0 && args[0] == "comply" {
		return runImportComply(s, args[1:])
	}
	kinds := importKinds()
	fs := newFlagSet(s, "import", strings.Join(kinds, "|")+" FILE.csv|FILE.xlsx  (or: import comply DIR --dest NEWDIR)",
		"Merge the rows of a spreadsheet into the register's data file (data/<register>.yaml),\n"+
			"matching rows by ID (the SoA's by control). Columns named like the fields of ismsgen export\n"+
			"(case, spaces and hyphens aside) are read without --map; derived columns (levels, overdue,\n"+
			"digests) are left out, other unknown columns are reported. yes/no and lists joined with \"; \"\n"+
			"are read back. The YAML file keeps its comments and order. An empty cell never clears a value;\n"+
			"a cell that differs from the file's value is a conflict unless --overwrite. Bad values and\n"+
			"conflicts are reported at FILE:row:column and nothing is written (exit 1).")
	source := fs.String("source", "", "site directory (default: the current directory)")
	sheet := fs.String("sheet", "", "the sheet of an XLSX file to read (default: the first)")
	mapping := fs.String("map", "", "columns named otherwise: \"Risk ID=id,Risk owner=owner\"; HEADER= leaves a column out")
	overwrite := fs.Bool("overwrite", false, "replace values of the data file that the spreadsheet has differently")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("import takes a register (%s) and a file, e.g. ismsgen import risks risks.xlsx; got %d argument(s)", strings.Join(kinds, ", "), fs.NArg())
	}
	reg := model.RegisterNamed(fs.Arg(0))
	if reg == nil || reg.Fields == nil {
		return usagef("import: unknown register %q%s: want one of %s", fs.Arg(0), meant(fs.Arg(0), kinds), strings.Join(kinds, ", "))
	}
	m, err := parseMap(*mapping)
	if err != nil {
		return err
	}
	src, err := sourceDir(*source)
	if err != nil {
		return err
	}
	file := fs.Arg(1)
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("import: cannot read %s: %w", file, unwrapPath(err))
	}
	sh, err := importer.ReadSheet(file, data, *sheet)
	if err != nil {
		return fmt.Errorf("import: %s: %w", file, err)
	}
	res, err := importer.Import(importer.Options{Source: src, Register: reg, File: file, Sheet: sh, Map: m, Overwrite: *overwrite})
	if res != nil {
		for _, w := range res.Warnings.Lines() {
			fmt.Fprintf(s.err, "warning: %s\n", w)
		}
	}
	if err != nil {
		return err
	}
	noun := "row"
	if reg.Row != nil {
		noun = reg.Row.Noun
	}
	summary := fmt.Sprintf("%s: %d %s added, %d updated, %d unchanged", res.Path, res.Added, nouns(res.Added, noun), res.Updated, res.Unchanged)
	if res.Added+res.Updated == 0 {
		fmt.Fprintf(s.out, "%s (file left as it was)\n", summary)
		return nil
	}
	target := filepath.Join(src, filepath.FromSlash(res.Path))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	if err := writeFileAtomic(target, res.Data); err != nil {
		return err
	}
	fmt.Fprintln(s.out, summary)
	return nil
}

// nouns is a noun for a count: "1 risk", "2 risks".
func nouns(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// parseMap reads --map "HEADER=field,HEADER=field".
func parseMap(v string) (map[string]string, error) {
	m := map[string]string{}
	if strings.TrimSpace(v) == "" {
		return m, nil
	}
	for _, pair := range strings.Split(v, ",") {
		from, to, ok := strings.Cut(pair, "=")
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if !ok || from == "" {
			return nil, usagef("--map %q: want HEADER=field pairs separated by commas, e.g. \"Risk ID=id,Owner=owner\"", pair)
		}
		m[from] = to
	}
	return m, nil
}
