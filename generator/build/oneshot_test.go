package build_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// oneShotSite is the minimal site with what resolve and check read of document bodies:
// TODO markers (one in a code span, which is not one), [[ID]] references and links to a
// draft from an approved document, broken links and fragments (a custom heading ID's
// text anchor, a near miss, an empty link text, raw HTML), a broken image, and a
// Mermaid diagram.
func oneShotSite() fixture.Files {
	return fixture.Minimal().With(fixture.Files{
		"content/guide.md": `---
id: DOC-G
title: Guide
type: procedure
version: "1.0"
status: approved
owner: CISO
approver: CEO
approved: 2026-01-10
review_cycle: 12m
history:
  - {version: "1.0", date: 2026-01-10, author: CISO, change: First issue}
---
# Guide

TODO: write the scope. Not a marker: ` + "`TODO`" + `.

## Risk acceptance {#accept}

See [[DOC-D]], [the draft](draft.md#steps) and <a href="draft.md">the draft again</a>.

- [the old policy](old.md), [](gone.md) and [a section](#risk-acceptance)
- [near](#acept), <a href="missing.md">raw</a> and ![chart](chart.png)

> TODO in a quote, then [[DOC-D]] again.

` + "```mermaid\nflowchart LR\n  a --> b\n```\n",
		"content/draft.md": "---\nid: DOC-D\ntitle: Draft procedure\ntype: procedure\nversion: \"0.1\"\nstatus: draft\nowner: CISO\n---\n# Draft procedure\n\n## Steps\n\nTODO\n",
	})
}

// resolved loads and resolves dir with the loader and runs the rules: the content errors
// (links: error), else the broken-link warnings and the findings, one line each.
func resolved(t *testing.T, dir string, l *load.Loader, links model.LinkLevel) (*resolve.Graph, []string) {
	t.Helper()
	g, err := build.Resolve(context.Background(), l, dir, resolve.Options{Date: buildDate, Drafts: true, Links: links})
	if err != nil {
		list, ok := diag.AsList(err)
		if !ok {
			t.Fatal(err)
		}
		return nil, list.Lines()
	}
	lines := g.Warnings.Lines()
	for _, f := range check.RunOptions(g, check.Options{}) {
		lines = append(lines, f.String())
	}
	return g, lines
}

// TestOneShotLoadKeepsNoASTAndChecksTheSame: a one-shot loader (what build.Run uses
// without a Loader, and check) leaves no document holding its AST after load, yet
// resolve reports the same broken links at the same positions and check the same
// findings as when every AST is kept; and a one-shot build writes the same site and
// packs as one whose loader keeps the ASTs.
func TestOneShotLoadKeepsNoASTAndChecksTheSame(t *testing.T) {
	dir := fixture.Write(t, oneShotSite())
	for _, links := range []model.LinkLevel{model.LinksWarn, model.LinksError} {
		_, kept := resolved(t, dir, load.New(), links)
		g, oneShot := resolved(t, dir, load.NewOneShot(), links)
		if strings.Join(kept, "\n") != strings.Join(oneShot, "\n") {
			t.Errorf("links: %s: with every AST kept:\n%s\n\none-shot:\n%s", links, strings.Join(kept, "\n"), strings.Join(oneShot, "\n"))
		}
		all := strings.Join(kept, "\n")
		want := []string{"content/guide.md:22:3: link to old.md", "content/guide.md:22:3: link to gone.md",
			"content/guide.md:22:45: link to #risk-acceptance", "custom id {#accept}: link to #accept",
			"content/guide.md:23:3: link to #acept", "did you mean #accept?", "content/guide.md:23:19: link to missing.md",
			"content/guide.md:23:52: image chart.png"}
		if links == model.LinksWarn {
			want = append(want, "content/guide.md:16:1: warning: TODO marker", "content/guide.md:25:3: warning: TODO marker",
				"content/draft.md:13:1: warning: TODO marker",
				"content/guide.md:20:5: warning: approved document DOC-G links to DOC-D", "content/guide.md:20:16: warning: approved document DOC-G links to DOC-D",
				"content/guide.md:20:48: warning: approved document DOC-G links to DOC-D", "content/guide.md:25:25: warning: approved document DOC-G links to DOC-D")
		}
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("links: %s: no line has %q:\n%s", links, w, all)
			}
		}
		if n := strings.Count(all, "TODO marker"); links == model.LinksWarn && n != 3 {
			t.Errorf("%d TODO markers reported, want 3 (not the one in a code span)", n)
		}
		if g == nil {
			continue
		}
		for _, d := range g.Site.Documents {
			if d.AST != nil {
				t.Errorf("%s holds its AST after a one-shot load", d.Path)
			}
			if len(d.Refs) > 0 && d.Refs[0].Parent() != nil && d.Refs[0].Parent().Parent() != nil {
				t.Errorf("%s: a stand-in reference is still in a tree", d.Path)
			}
		}
	}

	// The one-shot build (no Loader) against one whose Loader keeps every AST.
	oneShot := filepath.Join(t.TempDir(), "one-shot")
	if _, err := runBuild(t, dir, oneShot, func(o *build.Options) { o.Links = model.LinksWarn; o.Drafts = true }); err != nil {
		t.Fatal(err)
	}
	keeping := filepath.Join(t.TempDir(), "keeping")
	if _, err := runBuild(t, dir, keeping, func(o *build.Options) { o.Links = model.LinksWarn; o.Drafts = true; o.Loader = build.NewLoader() }); err != nil {
		t.Fatal(err)
	}
	a, b := tree(t, oneShot), tree(t, keeping)
	if len(a) != len(b) {
		t.Errorf("one-shot build wrote %d files, the build keeping ASTs %d", len(a), len(b))
	}
	packs := 0
	for p, sum := range b {
		if a[p] != sum {
			t.Errorf("%s differs in the one-shot build", p)
		}
		if strings.HasSuffix(p, ".pdf") {
			packs++
		}
	}
	if packs == 0 {
		t.Error("no pack was built")
	}
}
