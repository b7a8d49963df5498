package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ismsgen/ismsgen/internal/synth"
)

func main() {
	docs := flag.Int("docs", 1000, "number of Markdown documents")
	risks := flag.Int("risks", 500, "number of risks (each with a treatment action)")
	out := flag.String("out", "", "directory to write the site into (created; must be empty or missing)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: synth -docs N [-risks N] -out DIR")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "synth: %s is not empty\n", *out)
		os.Exit(2)
	}
	if err := synth.GenerateOptions(*out, synth.Options{Docs: *docs, Risks: *risks}); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d documents and %d risks to %s\n", *docs, *risks, *out)
}
