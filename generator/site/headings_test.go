package site_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

const repeatedHeadings = `---
id: PRO-X
title: Repeated headings
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
# Repeated headings

## Scope

Text.

## Steps

### Scope

Again.

## Scope

Third.

## Revision history

## Referenced by

## Main content
`

var idAttr = regexp.MustCompile(`\sid="([^"]*)"`)

// Goldmark's automatic heading IDs are unique within a document ("scope", "scope-1",
// "scope-2"); the theme's own section IDs contain "_", which goldmark never produces, so
// the page as a whole has no duplicate ID even when a heading repeats a theme section.
func TestHeadingIDsAreUniqueOnThePage(t *testing.T) {
	out := render(t, fixture.Minimal().With(fixture.Files{"content/procedures/x.md": repeatedHeadings}))
	html := page(t, out, "procedures/x.html")
	seen := map[string]int{}
	for _, m := range idAttr.FindAllStringSubmatch(html, -1) {
		seen[m[1]]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
	for _, id := range []string{"scope", "scope-1", "scope-2", "revision-history", "revision_history", "main-content", "main_content"} {
		if seen[id] != 1 {
			t.Errorf("want id %q once, got %d (ids: %v)", id, seen[id], seen)
		}
	}
	if !strings.Contains(html, `<a href="#scope-1">Scope</a>`) {
		t.Errorf("the table of contents does not link the repeated heading's ID")
	}
}

// The layout prints the title as the page's h1: a body "# Title" repeating it is
// dropped, and a body that uses h1 for sections is moved down a level.
func TestOneH1PerDocument(t *testing.T) {
	sections := strings.Replace(repeatedHeadings, "# Repeated headings\n", "# Purpose\n\nWhy.\n\n# Method\n", 1)
	for name, body := range map[string]string{"title repeated": repeatedHeadings, "h1 sections": sections} {
		t.Run(name, func(t *testing.T) {
			out := render(t, fixture.Minimal().With(fixture.Files{"content/procedures/x.md": body}))
			html := page(t, out, "procedures/x.html")
			if n := strings.Count(html, "<h1"); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
		})
	}
	out := render(t, fixture.Minimal().With(fixture.Files{"content/procedures/x.md": sections}))
	html := page(t, out, "procedures/x.html")
	for _, want := range []string{`<h2 id="purpose">Purpose`, `<h2 id="method">Method`, `<h3 id="scope">Scope`, `<h4 id="scope-1">Scope`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s", want)
		}
	}
}
