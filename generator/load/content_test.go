package load_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// loadSite loads files and fails the test on any error.
func loadSite(t *testing.T, f fixture.Files) *model.Site {
	t.Helper()
	site, err := load.Load(context.Background(), fixture.Write(t, f))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return site
}

func docByPath(t *testing.T, s *model.Site, p string) *model.Document {
	t.Helper()
	for _, d := range s.Documents {
		if d.Path == p {
			return d
		}
	}
	var paths []string
	for _, d := range s.Documents {
		paths = append(paths, d.Path)
	}
	t.Fatalf("no document %s; documents: %v", p, paths)
	return nil
}

// TestNoFrontMatterIsAnUncontrolledPage: a Markdown file without front matter is a page
// titled by its first level-1 heading, else its first heading, else its file name.
func TestNoFrontMatterIsAnUncontrolledPage(t *testing.T) {
	s := loadSite(t, fixture.Minimal().With(fixture.Files{
		"content/atx.md":                    "Intro text.\n\n## Not this\n\n# Access *control* `policy`\n\nBody.\n",
		"content/setext.md":                 "Acceptable use\n==============\n\nBody.\n",
		"content/any-level.md":              "Some text.\n\n### Third level first\n\n## Second\n",
		"content/access-control-policy.md":  "No heading at all, only text.\n",
		"content/snake_case__name.md":       "text\n",
		"content/policies/README.md":        "Policies are listed here.\n",
		"content/README.md":                 "Welcome.\n",
		"content/ref-title.md":              "# Using [[A.5.1|the policy control]] and [[A.5.2]]\n",
		"content/custom-id.md":              "# Scope {#scope}\n",
		"content/with-front-matter-page.md": "---\ntitle: A deliberate page\n---\n# Other heading\n",
	}))
	for path, want := range map[string]string{
		"content/atx.md":                   "Access control policy",
		"content/setext.md":                "Acceptable use",
		"content/any-level.md":             "Third level first",
		"content/access-control-policy.md": "Access control policy",
		"content/snake_case__name.md":      "Snake case name",
		"content/policies/README.md":       "Policies",
		"content/README.md":                "Home",
		"content/ref-title.md":             "Using the policy control and A.5.2",
		"content/custom-id.md":             "Scope",
	} {
		d := docByPath(t, s, path)
		if d.Meta.Title != want {
			t.Errorf("%s: title %q, want %q", path, d.Meta.Title, want)
		}
		if !d.NoFrontMatter || d.Meta.ID != "" || d.Meta.Type != model.TypePage || d.Meta.Controlled() {
			t.Errorf("%s: want an uncontrolled page without front matter, got %+v", path, d.Meta)
		}
		if d.BodyLine != 1 || d.Meta.Pos.String() != path+":1:1" {
			t.Errorf("%s: body at line %d, meta at %s; want the whole file from line 1", path, d.BodyLine, d.Meta.Pos)
		}
	}
	atx := docByPath(t, s, "content/atx.md")
	if !strings.HasPrefix(string(atx.Body), "Intro text.") || atx.PosAt(strings.Index(string(atx.Body), "# Access")).String() != "content/atx.md:5:1" {
		t.Errorf("the whole file must be the body, positions in file lines: body %q", atx.Body)
	}
	if d := docByPath(t, s, "content/with-front-matter-page.md"); d.NoFrontMatter || d.Meta.Title != "A deliberate page" {
		t.Errorf("a page with front matter keeps its title and is not marked: %+v", d)
	}
}

// TestFrontMatterErrorsStay: an empty file and front matter never closed are errors.
func TestFrontMatterErrorsStay(t *testing.T) {
	got := loadErrors(t, fixture.Minimal().With(fixture.Files{
		"content/empty.md":    " \n\n",
		"content/unclosed.md": "---\ntitle: A\n\n# Heading\nBody.\n",
	}))
	want := []string{
		"content/empty.md:1:1: empty document: write a # heading and some text, or front matter between --- lines (at least a title)",
		"content/unclosed.md:1:1: front matter opened here is never closed: add a line with --- after it",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFolderIndexes: README.md, _index.md and index.md are their folder's index, the
// first of index.md, _index.md, README.md when a folder has several.
func TestFolderIndexes(t *testing.T) {
	s := loadSite(t, fixture.Minimal().With(fixture.Files{
		"content/README.md":          "# Home\n",
		"content/a/README.md":        "# A\n",
		"content/b/README.md":        "# B readme\n",
		"content/b/_index.md":        "# B index\n",
		"content/c/readme.md":        "# C\n",
		"content/c/index.md":         "# C index\n",
		"content/c/_index.md":        "# C _index\n",
		"content/d/notes.md":         "# D\n",
		"content/d/readme-notes.md":  "# D notes\n",
		"content/e/f/Readme.md":      "# F\n",
		"content/policies/README.md": "---\ntitle: Policies\n---\n",
	}))
	want := []string{"content/README.md", "content/a/README.md", "content/b/_index.md", "content/c/index.md", "content/e/f/Readme.md", "content/policies/README.md"}
	var got []string
	for _, d := range s.Documents {
		if d.Index {
			got = append(got, d.Path)
		}
		if rel := strings.TrimPrefix(d.Path, "content/"); d.Rel != rel {
			t.Errorf("%s: Rel %q, want %q", d.Path, d.Rel, rel)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("index pages %v, want %v", got, want)
	}
}

// TestFolderIndexFollowsSiblings: adding an index.md beside a README.md makes it the
// index; the cached README is not changed in place (an earlier site still uses it).
func TestFolderIndexFollowsSiblings(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{"content/a/README.md": "# A\n"}))
	l := load.New()
	s1, err := l.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	readme := docByPath(t, s1, "content/a/README.md")
	fixture.WriteTo(t, dir, fixture.Files{"content/a/index.md": "# A index\n"})
	s2, err := l.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if !readme.Index || docByPath(t, s2, "content/a/README.md").Index || !docByPath(t, s2, "content/a/index.md").Index {
		t.Errorf("after adding index.md: first README index=%v, now README index=%v, index.md index=%v",
			readme.Index, docByPath(t, s2, "content/a/README.md").Index, docByPath(t, s2, "content/a/index.md").Index)
	}
}

// repoAtRoot is a repository whose documents sit at its root, with what is never content
// beside them.
func repoAtRoot(extra fixture.Files) fixture.Files {
	f := fixture.Minimal()
	f["data/site.yaml"] += "content_dir: .\n"
	is := f["content/policies/is.md"]
	delete(f, "content/policies/is.md")
	return f.With(fixture.Files{
		"policies/is.md":                     is,
		"README.md":                          "# Example ISMS\n",
		"logo.png":                           "PNG",
		"public/index.md":                    "# a stale copy in the default output\n",
		"public/.ismsgen-output":             "marker",
		"site/old.md":                        "# output written with --dest site\n",
		"site/.ismsgen-output":               "marker",
		"themes/house/layouts/x.md":          "# a theme file\n",
		"data/notes.md":                      "# notes beside the data\n",
		".github/PULL_REQUEST_TEMPLATE.md":   "# PR template\n",
		".ismsgen/versions/x/index.md":       "# cache\n",
		"docs/data/table.md":                 "# a folder named data deeper down is content\n",
		"docs/public/notes.md":               "# so is one named public\n",
		"evidence/encryption-screenshot.png": "PNG",
	}).With(extra)
}

// TestContentDirAtTheSiteRoot: with content_dir: . the documents are the site root's
// Markdown files, except data/, themes/, public/, output directories and dot-directories;
// paths stay relative to the site root.
func TestContentDirAtTheSiteRoot(t *testing.T) {
	s := loadSite(t, repoAtRoot(nil))
	if s.Config.ContentDir != "." {
		t.Fatalf("content dir %q", s.Config.ContentDir)
	}
	var docs []string
	for _, d := range s.Documents {
		docs = append(docs, d.Path)
	}
	want := []string{"README.md", "docs/data/table.md", "docs/public/notes.md", "policies/is.md"}
	if !slices.Equal(docs, want) {
		t.Errorf("documents %v, want %v", docs, want)
	}
	wantContent := []string{"README.md", "docs/data/table.md", "docs/public/notes.md", "evidence/encryption-screenshot.png", "evidence/encryption.csv", "logo.png", "policies/is.md"}
	if !slices.Equal(s.Content, wantContent) {
		t.Errorf("content %v, want %v", s.Content, wantContent)
	}
	if want := []string{"evidence/encryption-screenshot.png", "logo.png"}; !slices.Equal(s.Assets, want) {
		t.Errorf("assets %v, want %v", s.Assets, want)
	}
	if d := docByPath(t, s, "policies/is.md"); d.Rel != "policies/is.md" || d.Meta.ID != "POL-IS" {
		t.Errorf("policies/is.md: Rel %q ID %q", d.Rel, d.Meta.ID)
	}
	if !docByPath(t, s, "README.md").Index {
		t.Error("the root README.md is the content directory's index")
	}
}

// TestContentDirElsewhere: content_dir names any directory; content/ is then nothing.
func TestContentDirElsewhere(t *testing.T) {
	f := fixture.Minimal()
	f["data/site.yaml"] += "content_dir: ./isms/\n"
	f["isms/policies/is.md"] = f["content/policies/is.md"]
	f["content/policies/is.md"] = "# not read\n"
	s := loadSite(t, f)
	if s.Config.ContentDir != "isms" || len(s.Documents) != 1 || s.Documents[0].Path != "isms/policies/is.md" || s.Documents[0].Rel != "policies/is.md" {
		t.Errorf("content dir %q, documents %+v", s.Config.ContentDir, s.Documents)
	}
}

func TestContentDirErrors(t *testing.T) {
	for value, want := range map[string]string{
		"..":       `data/site.yaml:4:14: content_dir ".." leaves the site root`,
		"/srv/x":   `data/site.yaml:4:14: content_dir "/srv/x" leaves the site root`,
		".git":     `data/site.yaml:4:14: content_dir ".git" is a hidden directory`,
		"data":     `data/site.yaml:4:14: content_dir "data" is inside data/, which holds the site's data files`,
		"public/x": `data/site.yaml:4:14: content_dir "public/x" is inside public/, which holds the site's build output`,
	} {
		f := fixture.Minimal()
		f["data/site.yaml"] += "content_dir: " + value + "\n"
		got := loadErrors(t, f)
		if len(got) != 1 || !strings.HasPrefix(got[0], want) {
			t.Errorf("content_dir %s: errors %q, want %q", value, got, want)
		}
	}
}

// TestIgnore: ignore: globs leave files and directories out of the documents, the
// images and the content list, and say which pattern left each out.
func TestIgnore(t *testing.T) {
	f := repoAtRoot(fixture.Files{
		"templates/policy.md":            "# {{ .Title }}\n",
		"templates/logo.png":             "PNG",
		"drafts/a.md":                    "# Draft A\n",
		"drafts/deeper/b.md":             "# Draft B, not ignored by drafts/*.md\n",
		"notes/scratch.md":               "# scratch\n",
		"notes/keep.md":                  "# kept\n",
		"policies/old/README.md":         "# old\n",
		"policies/old/x.pdf":             "%PDF",
		"CHANGELOG.md":                   "# Changes\n",
		"docs/CHANGELOG.md":              "# Changes, anchored patterns match from the content root\n",
		"policies/deep/er/scratch.md":    "# scratch at depth\n",
		"policies/deep/er/scratch-1.txt": "text",
	})
	f["data/site.yaml"] += "ignore:\n  - templates/\n  - drafts/*.md\n  - ./notes/scratch.md\n  - /CHANGELOG.md\n  - \"**/old\"\n  - \"**/er/scratch*\"\n"
	s := loadSite(t, f)
	var docs []string
	for _, d := range s.Documents {
		docs = append(docs, d.Path)
	}
	want := []string{"README.md", "docs/CHANGELOG.md", "docs/data/table.md", "docs/public/notes.md", "drafts/deeper/b.md", "notes/keep.md", "policies/is.md"}
	if !slices.Equal(docs, want) {
		t.Errorf("documents %v, want %v", docs, want)
	}
	for _, p := range s.Content {
		if strings.HasPrefix(p, "templates/") || strings.HasPrefix(p, "policies/old/") || strings.Contains(p, "scratch") {
			t.Errorf("%s is listed as content", p)
		}
	}
	wantIgnored := map[string]string{
		"templates":                      "templates/",
		"drafts/a.md":                    "drafts/*.md",
		"notes/scratch.md":               "./notes/scratch.md",
		"CHANGELOG.md":                   "/CHANGELOG.md",
		"policies/old":                   "**/old",
		"policies/deep/er/scratch.md":    "**/er/scratch*",
		"policies/deep/er/scratch-1.txt": "**/er/scratch*",
	}
	if len(s.Ignored) != len(wantIgnored) {
		t.Errorf("ignored %v, want %v", s.Ignored, wantIgnored)
	}
	for p, pat := range wantIgnored {
		if s.Ignored[p] != pat {
			t.Errorf("ignored[%s] = %q, want %q", p, s.Ignored[p], pat)
		}
	}
	if _, ok := s.Files["templates/logo.png"]; ok {
		t.Error("an ignored image was read")
	}
}

func TestIgnoreErrors(t *testing.T) {
	f := fixture.Minimal()
	f["data/site.yaml"] += "ignore: [\"drafts/[a-\", \"../x\", \"\"]\n"
	dir := fixture.Write(t, f)
	_, err := load.Load(context.Background(), dir)
	l, _ := diag.AsList(err)
	var got []string
	for _, e := range l {
		got = append(got, e.Error())
	}
	want := []string{
		`data/site.yaml:4:9: ignore: pattern "drafts/[a-" is malformed at "[a-" (an unclosed [ or a trailing \); write a path relative to content_dir, such as templates/** or drafts/*.md`,
		`data/site.yaml:4:9: ignore: pattern "../x" leaves the content directory (..); write a path relative to content_dir, such as templates/** or drafts/*.md`,
		`data/site.yaml:4:9: ignore: pattern "" is empty; write a path relative to content_dir, such as templates/** or drafts/*.md`,
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
