package site_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestFolderIndexPages: a folder's README.md is its index.html; the content
// directory's README.md introduces the home page, and links to it lead there; a folder
// whose index.html is a generated page gets the README as readme.html.
func TestFolderIndexPages(t *testing.T) {
	out := render(t, fixture.Minimal().With(fixture.Files{
		"content/README.md":                  "# Example ISMS handbook\n\nStart with the [policies](policies/README.md).\n",
		"content/policies/README.md":         "# Our policies\n\nBack [home](../README.md).\n",
		"content/risks/README.md":            "# How we assess risks\n",
		"content/policies/access-control.md": "# Access control\n\nSee the [index](README.md) and [home](/README.md).\n",
	}))
	home := page(t, out, "index.html")
	for _, want := range []string{
		"<title>Example ISMS handbook · Example Ltd</title>",
		"<h1>Example ISMS handbook</h1>",
		`<div class="doc-body intro">`,
		`Start with the <a href="policies/index.html">policies</a>.`,
		`id="at-a-glance"`, // the overview stays
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if strings.Count(home, "<h1") != 1 {
		t.Errorf("home page has %d h1, want 1 (the README's # title is the page's)", strings.Count(home, "<h1"))
	}
	pol := page(t, out, "policies/index.html")
	if !strings.Contains(pol, "<h1>Our policies</h1>") || !strings.Contains(pol, `Back <a href="../index.html">home</a>.`) {
		t.Errorf("policies/index.html: %s", pol)
	}
	ac := page(t, out, "policies/access-control.html")
	if !strings.Contains(ac, `See the <a href="index.html">index</a> and <a href="../index.html">home</a>.`) {
		t.Errorf("policies/access-control.html links: %s", ac)
	}
	if !strings.Contains(page(t, out, "risks/readme.html"), "<h1>How we assess risks</h1>") {
		t.Error("risks/README.md must render at risks/readme.html")
	}
	if !strings.Contains(page(t, out, "risks/index.html"), "Risk register") {
		t.Error("risks/index.html must stay the risk register")
	}
	for p := range out.Files {
		if strings.EqualFold(p, "README.html") {
			t.Errorf("the home introduction has a page of its own: %s", p)
		}
	}
	// The introduction is not a sidebar entry of its own: Home is.
	if strings.Contains(page(t, out, "soa.html"), ">Example ISMS handbook<") {
		t.Error("the sidebar lists the home introduction")
	}
}

// TestNoTwoPagesShareAnOutputPath: a document whose page would be a generated page's
// (or another document's) is an error naming both, never a silent overwrite.
func TestNoTwoPagesShareAnOutputPath(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/soa.md":         "# My own SoA\n",
		"content/risks/index.md": "# Explicitly index\n",
	}))
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = site.Render(context.Background(), g, site.Options{})
	l, ok := diag.AsList(err)
	if !ok {
		t.Fatalf("want positioned errors, got %v", err)
	}
	var got []string
	for _, e := range l {
		got = append(got, e.Error())
	}
	want := []string{
		"content/risks/index.md: page risks/index.html would overwrite the page of data/risks.yaml: rename the file",
		"content/soa.md: page soa.html would overwrite the page of data/soa.yaml: rename the file",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadinessPageListsUncontrolledPages: the readiness page links every file written
// without front matter.
func TestReadinessPageListsUncontrolledPages(t *testing.T) {
	out := render(t, fixture.Minimal().With(fixture.Files{
		"content/guide.md":  "# Staff guide\n",
		"content/about.md":  "---\ntitle: About\n---\nAbout us.\n",
		"content/README.md": "# Handbook\n",
	}))
	r := page(t, out, "readiness.html")
	for _, want := range []string{
		`<h2 id="uncontrolled">Uncontrolled pages</h2>`,
		`<li><a class="ref ref-title" href="index.html" title="Handbook">Handbook</a> <code class="pos">content/README.md</code>`,
		`<li><a class="ref ref-title" href="guide.html" title="Staff guide">Staff guide</a> <code class="pos">content/guide.md</code>`,
	} {
		if !strings.Contains(r, want) {
			t.Errorf("readiness page lacks %s", want)
		}
	}
	if strings.Contains(r, "content/about.md</code>") {
		t.Error("a page with front matter is not uncontrolled")
	}
	without := page(t, render(t, fixture.Minimal()), "readiness.html")
	if strings.Contains(without, `id="uncontrolled"`) {
		t.Error("no uncontrolled pages, no section")
	}
}

// TestAttachmentsAreCopiedWhereLinksExpectThem: a linked PDF or spreadsheet is copied to
// its path under the content directory and the link leads there; a file nothing links
// to is not published.
func TestAttachmentsAreCopiedWhereLinksExpectThem(t *testing.T) {
	out := render(t, fixture.Minimal().With(fixture.Files{
		"content/policies/access.md":       "# Access\n\nFill in the [form](../forms/request.pdf#page=2) and the [register](/forms/register.xlsx).\n",
		"content/forms/request.pdf":        "%PDF-1.4 request",
		"content/forms/register.xlsx":      "PK register",
		"content/forms/unlinked-notes.txt": "private notes",
	}))
	if got := page(t, out, "forms/request.pdf"); got != "%PDF-1.4 request" {
		t.Errorf("forms/request.pdf = %q", got)
	}
	if got := page(t, out, "forms/register.xlsx"); got != "PK register" {
		t.Errorf("forms/register.xlsx = %q", got)
	}
	if _, ok := out.Files["forms/unlinked-notes.txt"]; ok {
		t.Error("a file nothing links to is published")
	}
	if p := page(t, out, "policies/access.html"); !strings.Contains(p, `Fill in the <a href="../forms/request.pdf#page=2">form</a> and the <a href="../forms/register.xlsx">register</a>.`) {
		t.Errorf("links to attachments: %s", p)
	}
}

// TestAttachmentNeverOverwritesAGeneratedFile: a linked file at a page's path is an
// error at the file.
func TestAttachmentNeverOverwritesAGeneratedFile(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/policies/access.md": "# Access\n\nOld [SoA](../soa.html) export and [index](../search-index.js).\n",
		"content/soa.html":           "<p>stale export</p>",
		"content/search-index.js":    "stale",
	}))
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = site.Render(context.Background(), g, site.Options{})
	want := "content/search-index.js:1:1: content/search-index.js would be copied to search-index.js, which the site makes itself (a page or a generated file): rename the file\n" +
		"content/soa.html:1:1: content/soa.html would be copied to soa.html, which the site makes itself (a page or a generated file): rename the file"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}
