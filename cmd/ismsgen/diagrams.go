package main

import (
	"context"
	"fmt"

	"github.com/ismsgen/ismsgen/generator/build"
)

func runDiagrams(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "diagrams", "", "Draw every Mermaid diagram (```mermaid block) of the documents in --source as a PNG for the\n"+
		"PDF packs, into "+build.DiagramCacheDir+"/<SHA-256 of the diagram source>.png, with a locally installed\n"+
		"Chromium or Google Chrome (headless; nothing is fetched from the network). Diagrams already there,\n"+
		"or with an image of their own (a %% image: FILE.png comment, or <document>.diagram-<n>.png beside\n"+
		"the document), are skipped, so a second run draws nothing. Commit "+build.DiagramCacheDir+": packs built\n"+
		"elsewhere (CI) need the images and have no browser.")
	source := fs.String("source", "", "site directory (default: the current directory)")
	chrome := fs.String("chrome", "", "the browser to draw with (default: chromium, chromium-browser, google-chrome,\ngoogle-chrome-stable, chrome or headless-shell on PATH)")
	prune := fs.Bool("prune", false, "also remove the images in "+build.DiagramCacheDir+" that no diagram uses any more")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("diagrams takes no arguments, got %q", fs.Args())
	}
	src, err := sourceDir(*source)
	if err != nil {
		return err
	}
	if *chrome != "" {
		if err := build.FindChrome(*chrome); err != nil {
			return usagef("%v", err)
		}
	}
	rep, err := build.DrawDiagrams(ctx, src, build.DiagramOptions{Chrome: *chrome, Prune: *prune})
	if rep != nil && !*quiet {
		for _, p := range rep.Rendered {
			fmt.Fprintf(s.out, "drew %s\n", p)
		}
		for _, p := range rep.Pruned {
			fmt.Fprintf(s.out, "removed %s (no diagram uses it)\n", p)
		}
		fmt.Fprintf(s.out, "diagrams: %d in %d documents: %d drawn, %d already in %s, %d with an image of their own\n",
			rep.Diagrams, rep.Documents, len(rep.Rendered), rep.Cached, build.DiagramCacheDir, rep.OwnImage)
		if len(rep.Rendered) > 0 {
			fmt.Fprintf(s.out, "commit %s: the PDF packs show these images\n", build.DiagramCacheDir)
		}
	}
	if build.IsNoChrome(err) {
		return fmt.Errorf("cannot draw the diagrams: %w", err)
	}
	return err
}
