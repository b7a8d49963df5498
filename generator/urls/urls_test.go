package urls_test

import (
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// TestDocumentPath: a document's page is its path under the content directory; a
// folder's index is the folder's index.html, the content directory's the home page, and
// a folder whose index.html is a generated page keeps it.
func TestDocumentPath(t *testing.T) {
	for _, tc := range []struct {
		doc  model.Document
		want string
	}{
		{model.Document{Path: "content/policies/access.md", Rel: "policies/access.md"}, "policies/access.html"},
		{model.Document{Path: "policies/access.md", Rel: "policies/access.md"}, "policies/access.html"},
		{model.Document{Path: "content/policies/access.md"}, "policies/access.html"},
		{model.Document{Rel: "policies/README.md", Index: true}, "policies/index.html"},
		{model.Document{Rel: "policies/_index.md", Index: true}, "policies/index.html"},
		{model.Document{Rel: "policies/index.md", Index: true}, "policies/index.html"},
		{model.Document{Rel: "a/b/Readme.md", Index: true}, "a/b/index.html"},
		// A README that is not its folder's index (index.md is) keeps its name.
		{model.Document{Rel: "policies/README.md"}, "policies/README.html"},
		{model.Document{Rel: "README.md", Index: true}, urls.Home},
		{model.Document{Rel: "_index.md", Index: true}, urls.Home},
		{model.Document{Rel: "README.md"}, "README.html"},
		{model.Document{Rel: "risks/README.md", Index: true}, "risks/readme.html"},
		{model.Document{Rel: "treatment/_index.md", Index: true}, "treatment/_index.html"},
		{model.Document{Rel: "evidence/README.md", Index: true}, "evidence/readme.html"},
		{model.Document{Rel: "controls/README.md", Index: true}, "controls/readme.html"},
		{model.Document{Rel: "tags/README.md", Index: true}, "tags/readme.html"},
		{model.Document{Rel: "changes/README.md", Index: true}, "changes/readme.html"},
		{model.Document{Rel: "policies/risks/README.md", Index: true}, "policies/risks/index.html"},
	} {
		if got := urls.DocumentPath(&tc.doc); got != tc.want {
			t.Errorf("DocumentPath(%+v) = %s, want %s", tc.doc, got, tc.want)
		}
	}
}

func TestAsset(t *testing.T) {
	site := &model.Site{Config: model.Config{ContentDir: "content"}}
	if got := urls.Asset(site, "content/policies/form.pdf"); got != "policies/form.pdf" {
		t.Errorf("Asset = %s", got)
	}
	site.Config.ContentDir = "."
	if got := urls.Asset(site, "policies/form.pdf"); got != "policies/form.pdf" {
		t.Errorf("Asset at the root = %s", got)
	}
}

func TestRelLeavesOutSharedFolders(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"index.html", "", ""},
		{"policies/a.html", "", "../"},
		{"index.html", "policies/b.html", "policies/b.html"},
		{"policies/a.html", "policies/b.html", "b.html"},
		{"policies/a.html", "policies/b.html#x", "b.html#x"},
		{"policies/a.html", "procedures/b.html", "../procedures/b.html"},
		{"policies/a.html", "index.html", "../index.html"},
		{"policies/hr/a.html", "policies/b.html", "../b.html"},
		{"policies/hr/a.html", "policies/hr/b.html", "b.html"},
		{"policies/a.html", "policies/hr/b.html", "hr/b.html"},
		{"policies/a.html", "policies/", "../policies/"},
		{"pol/a.html", "policies/b.html", "../policies/b.html"},
		{"policies/a.html", "pol/b.html", "../pol/b.html"},
	} {
		if got := urls.Rel(c.from, c.to); got != c.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}
