package build

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/site"
)

// What the live preview (package serve) needs of the pipeline, so that it wraps build
// alone, as versions does.

// Loader re-parses only the documents that changed between two builds of one site.
type Loader = load.Loader

// NewLoader returns a Loader with an empty cache.
func NewLoader() *Loader { return load.New() }

// OutputMarker is the file build keeps in every output directory it makes.
const OutputMarker = load.OutputMarker

// ReadSource reads a source file of the site at root (a slash path relative to it)
// with the loader's rules: nothing outside the site, no pipes, no hidden directories.
func ReadSource(root, rel string) ([]byte, error) { return load.ReadFile(root, rel) }

// ContentDir returns the content directory the site at root names in its settings, or
// the default when they cannot be read (the build reports why).
func ContentDir(root string) string {
	if cfg, _ := load.Config(root); cfg != nil && cfg.ContentDir != "" {
		return cfg.ContentDir
	}
	return load.DefaultContentDir
}

// Preview returns the site options of a live-preview render: head goes at the end of
// every page's <head>, and the pages of prev whose inputs did not change are reused.
func Preview(head template.HTML, prev *Result) site.Options {
	o := site.Options{Head: head}
	if prev != nil {
		o.Previous = prev.Site
	}
	return o
}

// PackByName renders and signs the pack called name of a result's sources, as a build
// does; an unknown name is an error wrapping fs.ErrNotExist.
func PackByName(ctx context.Context, res *Result, opt Options, name string) ([]byte, error) {
	g := res.Graph
	for _, cfg := range PackConfigs(g) {
		if cfg.Name != name {
			continue
		}
		signer, err := LoadSigner(g.Site, opt)
		if err != nil {
			return nil, err
		}
		pf, err := RenderPack(ctx, g, cfg, opt, signer)
		if err != nil {
			return nil, err
		}
		return pf.PDF, nil
	}
	return nil, fmt.Errorf("no pack named %q: %w", name, fs.ErrNotExist)
}

// PackPos is where the pack called name is configured: its entry in data/site.yaml,
// else the file.
func PackPos(res *Result, name string) diag.Pos {
	for _, cfg := range PackConfigs(res.Graph) {
		if cfg.Name == name && cfg.Pos.Path != "" {
			return cfg.Pos
		}
	}
	return res.Graph.Site.Config.Pos
}

// Workbook writes the XLSX export at the output path file (exports/<kind>.xlsx) from a
// result, as the site publishes it: the live preview writes one when it is downloaded
// (Options.LazyPacks). A file the site does not publish is an error wrapping
// fs.ErrNotExist.
func Workbook(res *Result, file string) ([]byte, error) { return site.Workbook(res.Graph, file) }
