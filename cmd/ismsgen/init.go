package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/scaffold"
)

// runInit writes a new ISMS: ismsgen init [DIR] --org NAME.
func runInit(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "init", "[DIR]",
		"Write a new ISMS into DIR (default: the current directory) that builds at once:\n"+
			"data/site.yaml; every register as a draft with its document: block (the SoA with one row\n"+
			"per Annex A control and applicable left for you to decide, the risk register with a 5x5\n"+
			"method); a draft stub for each mandatory document with TODO markers under its headings;\n"+
			"a .gitignore and a README. An existing file is never overwritten.\n"+
			"Then run ismsgen check: it lists every decision and TODO left.")
	org := fs.String("org", "", "the organisation's name (required), e.g. \"Kestrel Data Ltd\"")
	frameworks := fs.String("frameworks", "", "the built-in frameworks in force, comma-separated (default iso27001-2022; e.g. iso27001-2022,nis2)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("init takes at most one directory, got %d arguments", fs.NArg())
	}
	if *org == "" {
		return usagef(`init: --org is required, e.g. ismsgen init --org "Kestrel Data Ltd"`)
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	date, err := buildDate(s, "")
	if err != nil {
		return err
	}
	var fws []string
	if *frameworks != "" {
		known, err := scaffold.BuiltInFrameworks()
		if err != nil {
			return err
		}
		for _, f := range strings.Split(*frameworks, ",") {
			f = strings.TrimSpace(f)
			if !contains(known, f) {
				return usagef("init: unknown framework %q%s: built in are %s", f, meant(f, known), strings.Join(known, ", "))
			}
			fws = append(fws, f)
		}
	}
	res, err := scaffold.Init(scaffold.InitOptions{Dir: dir, Org: *org, Date: date, Frameworks: fws})
	if res != nil {
		for _, p := range res.Written {
			fmt.Fprintf(s.out, "created %s\n", p)
		}
		for _, p := range res.Kept {
			fmt.Fprintf(s.out, "kept    %s (it exists; not overwritten)\n", p)
		}
	}
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	cd := ""
	if dir != "." {
		cd = "cd " + dir + " && "
	}
	fmt.Fprintf(s.out, "\nNext: %sismsgen check   (the decisions and TODOs left), then ismsgen build --drafts\n", cd)
	return nil
}
