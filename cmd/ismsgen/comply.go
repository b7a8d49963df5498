package main

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/importer"
)

// runImportComply converts a comply repository: ismsgen import comply DIR --dest NEWDIR.
func runImportComply(s *stdio, args []string) error {
	fs := newFlagSet(s, "import comply", "DIR --dest NEWDIR",
		"Convert a strongdm/comply repository in DIR into a new ismsgen site in NEWDIR: policies,\n"+
			"procedures and narratives become documents (satisfies: becomes controls:, majorRevisions the\n"+
			"history), standards/*.yml become control catalogues, comply-only fields go to params.comply,\n"+
			"pandoc-only Markdown is converted or reported. NEWDIR/IMPORT-REPORT.md lists what needs a look.")
	dest := fs.String("dest", "", "the new site's directory (required; must not exist or be empty)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("import comply takes the comply repository's directory, got %d arguments", fs.NArg())
	}
	if *dest == "" {
		return usagef("import comply: --dest NEWDIR is required")
	}
	rep, err := importer.Comply(fs.Arg(0), *dest)
	if err != nil {
		return fmt.Errorf("import comply: %w", err)
	}
	fmt.Fprintf(s.out, "converted %s for %s: %d files in %s\n", fs.Arg(0), rep.Organisation, len(rep.Written), *dest)
	for _, n := range rep.Notes {
		fmt.Fprintf(s.out, "  %s\n", n)
	}
	fmt.Fprintf(s.out, "Next: ismsgen build --source %s, then ismsgen check --source %s (IMPORT-REPORT.md lists the notes above)\n", *dest, *dest)
	return nil
}
