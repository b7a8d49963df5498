package load_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestChangedReusesTreeListings: after Changed names only files the last listing holds,
// a load reuses the listing of the trees (a file created meanwhile and not named stays
// unseen, which proves the reuse); a file created, removed, or the ignore patterns
// changed, once named, are listed again.
func TestChangedReusesTreeListings(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/a.md": "---\ntitle: A\n---\na\n",
		"content/b.md": "---\ntitle: B\n---\nb\n",
	}))
	l := load.New()
	loadAfter := func(changed ...string) *model.Site {
		t.Helper()
		var abs []string
		for _, p := range changed {
			abs = append(abs, filepath.Join(dir, filepath.FromSlash(p)))
		}
		l.Changed(dir, abs, false)
		s, err := l.Load(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	has := func(s *model.Site, p string) bool {
		for _, d := range s.Documents {
			if d.Path == p {
				return true
			}
		}
		return false
	}
	loadAfter()
	fixture.WriteTo(t, dir, fixture.Files{"content/a.md": "---\ntitle: A2\n---\na\n", "content/c.md": "---\ntitle: C\n---\nc\n"})
	if s := loadAfter("content/a.md"); has(s, "content/c.md") || !has(s, "content/a.md") {
		t.Fatalf("an edit of a listed file: want the listing reused (c unseen, a kept), got %v", s.Content)
	}
	if s := loadAfter("content/c.md"); !has(s, "content/c.md") || !slices.Contains(s.Content, "content/c.md") {
		t.Fatalf("a created file, named: not listed: %v", s.Content)
	}
	if err := os.Remove(filepath.Join(dir, "content", "b.md")); err != nil {
		t.Fatal(err)
	}
	if s := loadAfter("content/b.md"); has(s, "content/b.md") || slices.Contains(s.Content, "content/b.md") {
		t.Fatalf("a removed file, named: still listed: %v", s.Content)
	}
	site, err := os.ReadFile(filepath.Join(dir, "data", "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fixture.WriteTo(t, dir, fixture.Files{"data/site.yaml": string(site) + "ignore: [c.md]\n"})
	s := loadAfter("data/site.yaml")
	if has(s, "content/c.md") || s.Ignored["content/c.md"] == "" {
		t.Fatalf("ignore: c.md, named: c still listed (ignored: %v)", s.Ignored)
	}
	// The ignored paths come back with a reused listing.
	if s := loadAfter("content/a.md"); has(s, "content/c.md") || s.Ignored["content/c.md"] == "" {
		t.Fatalf("a reused listing lost the ignored paths: %v", s.Ignored)
	}
	// The other trees too: a catalogue created and named is read.
	fixture.WriteTo(t, dir, fixture.Files{"data/controls/extra.yaml": "x: 1\n"})
	if s := loadAfter("content/a.md"); s.Files["data/controls/extra.yaml"] != nil {
		t.Fatal("an unnamed catalogue was listed: the listing was not reused")
	}
	l.Changed(dir, []string{filepath.Join(dir, "data", "controls", "extra.yaml")}, false)
	if s, _ := l.Load(context.Background(), dir); s == nil || s.Files["data/controls/extra.yaml"] == nil {
		t.Fatal("a created catalogue, named: not listed")
	}
}

// TestReusedRegistersFollowTheirFile: a load reuses the rows an earlier load decoded
// from the same bytes of a register's file (the same *Risk), decodes the file again once
// it changes, and never reuses the evidence register, whose rows the loader writes into.
func TestReusedRegistersFollowTheirFile(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	l := load.New()
	loadAfter := func(changed string) *model.Site {
		t.Helper()
		l.Changed(dir, []string{filepath.Join(dir, filepath.FromSlash(changed))}, false)
		s, err := l.Load(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s1 := loadAfter("content/policies/is.md")
	s2 := loadAfter("content/policies/is.md")
	if s1.Risks.Risks[0] != s2.Risks.Risks[0] {
		t.Error("the unchanged risk register was decoded again")
	}
	if s2.Risks.Path != "data/risks.yaml" || s2.Risks.Document.ID != "REG-RISK" {
		t.Errorf("a reused register lost its source or document defaults: %q %q", s2.Risks.Path, s2.Risks.Document.ID)
	}
	if s1.Evidence.Evidence[0] == s2.Evidence.Evidence[0] {
		t.Error("the evidence register's rows were reused")
	}
	risks, err := os.ReadFile(filepath.Join(dir, "data", "risks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fixture.WriteTo(t, dir, fixture.Files{"data/risks.yaml": strings.Replace(string(risks), "Laptop theft", "Laptop loss", 1)})
	if s := loadAfter("data/risks.yaml"); s.Risks.Risks[0].Title != "Laptop loss" {
		t.Fatalf("after an edit of data/risks.yaml: title %q, want Laptop loss", s.Risks.Risks[0].Title)
	}
	if s1.Risks.Risks[0].Title != "Laptop theft" {
		t.Fatal("decoding the edit changed the rows of an earlier site")
	}
}
