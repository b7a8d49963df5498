package site_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/yuin/goldmark/ast"
)

// renderExample renders the repository's example ISMS with pages sent to a sink, and
// returns every file and the graph.
func renderExample(t *testing.T, release bool, before func(*resolve.Graph)) (map[string][]byte, *resolve.Graph) {
	t.Helper()
	s, err := load.Load(context.Background(), "../..")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	if before != nil {
		before(g)
	}
	files := map[string][]byte{}
	var mu sync.Mutex
	sink := func(p string, b []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = bytes.Clone(b)
		return nil
	}
	out, err := site.Render(context.Background(), g, site.Options{Version: "test", Sink: sink, Release: release})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	for p, b := range out.Files {
		files[p] = b
	}
	return files, g
}

// TestReleaseDropsASTs: with Options.Release the render drops every document's AST, its
// body and its file's bytes (Site.Files), and the graph's targets of its references,
// and the site is byte-identical to a render that keeps them.
func TestReleaseDropsASTs(t *testing.T) {
	kept, _ := renderExample(t, false, nil)
	var refs []ast.Node
	released, g := renderExample(t, true, func(g *resolve.Graph) {
		for _, d := range g.Site.Documents {
			refs = append(refs, d.Refs...)
		}
	})
	if len(kept) != len(released) {
		t.Fatalf("%d files with Release, %d without", len(released), len(kept))
	}
	for p, b := range kept {
		if !bytes.Equal(b, released[p]) {
			t.Errorf("%s differs with Release", p)
		}
	}
	held, bodies, sources, published := 0, 0, 0, 0
	for _, d := range g.Site.Documents {
		e, ok := g.DocumentByPath(d.Path)
		if !ok || !e.Published || d.Generated {
			continue
		}
		published++
		if d.AST != nil {
			held++
		}
		if d.Body != nil {
			bodies++
		}
		if _, ok := g.Site.Files[d.Path]; ok {
			sources++
		}
	}
	if published == 0 {
		t.Fatal("the example has no published documents")
	}
	if held > 0 {
		t.Errorf("%d published documents still hold their AST after a releasing render", held)
	}
	if bodies > 0 || sources > 0 {
		t.Errorf("after a releasing render %d of %d published documents still hold their body, %d their file's bytes in Site.Files", bodies, published, sources)
	}
	if len(refs) == 0 {
		t.Fatal("the example's documents have no references")
	}
	forgotten := 0
	for _, n := range refs {
		if _, ok := g.Target(n); !ok {
			forgotten++
		}
	}
	if forgotten == 0 {
		t.Errorf("the graph still holds the targets of all %d references", len(refs))
	}
}
