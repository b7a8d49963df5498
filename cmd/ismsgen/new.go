package main

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/scaffold"
)

// runNew writes a new document from its archetype: ismsgen new <kind> "Title".
func runNew(ctx context.Context, s *stdio, args []string) error {
	var kinds []string
	var sections strings.Builder
	for _, k := range scaffold.Kinds() {
		kinds = append(kinds, k.Name)
		id := "no ID unless --id"
		if k.Prefix != "" {
			id = "ID " + k.Prefix + "-NNN or " + k.Prefix + "-WORD"
		}
		fmt.Fprintf(&sections, "  %-10s %s/, %s\n", k.Name, path.Join("content", k.Dir), id)
	}
	fs := newFlagSet(s, "new", strings.Join(kinds, "|")+` "Title"`,
		"Write a new document from its archetype (themes/<theme>/archetypes/<kind>.md of the site,\n"+
			"else the default theme's): the next free ID of its kind in the site's own style (POL-REMOTE\n"+
			"where the site names its IDs, else one above the highest numbered one), today's date ($SOURCE_DATE_EPOCH if set), status draft, version 0.1,\n"+
			"in the section of its kind (under content_dir when data/site.yaml sets it), named\n"+
			"after the title. An existing file is never overwritten.\n\nKinds:\n"+strings.TrimRight(sections.String(), "\n"))
	id := fs.String("id", "", "the document's ID instead of the next free one, e.g. POL-REMOTE")
	source := fs.String("source", "", "site directory (default: the current directory)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef(`new takes a kind (%s) and a title, e.g. ismsgen new policy "Remote working"; got %d argument(s)`, strings.Join(kinds, ", "), fs.NArg())
	}
	kind, ok := scaffold.KindNamed(fs.Arg(0))
	if !ok {
		return usagef("new: unknown kind %q%s: want one of %s", fs.Arg(0), meant(fs.Arg(0), kinds), strings.Join(kinds, ", "))
	}
	title := strings.TrimSpace(fs.Arg(1))
	if scaffold.Slug(title) == "" {
		return usagef("new: the title %q has no letters or digits to name the file after", fs.Arg(1))
	}
	if *id != "" && !scaffold.ValidID(*id) {
		return usagef("new: --id %q: an ID is letters, digits, '.', '-' and '_', starting with a letter or digit", *id)
	}
	src, err := sourceDir(*source)
	if err != nil {
		return err
	}
	date, err := buildDate(s, "")
	if err != nil {
		return err
	}
	res, err := scaffold.New(scaffold.Options{Source: src, Kind: kind, Title: title, ID: *id, Date: date})
	if err != nil {
		return fmt.Errorf("new: %w", err)
	}
	what := res.Path
	if res.ID != "" {
		what += " (" + res.ID + ")"
	}
	fmt.Fprintf(s.out, "created %s from %s\n", what, res.Archetype)
	fmt.Fprintf(s.out, "It is a draft: the site shows it with ismsgen build --drafts or ismsgen serve --drafts, and without them once its status is approved.\n")
	return nil
}
