package site_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
	"github.com/ismsgen/ismsgen/internal/synth"
	"github.com/ismsgen/ismsgen/themes"
)

// The page frame, layouts, partials and rows written in Go (goframe.go, gopartials.go,
// gorows.go, goentities.go, goregisters.go) give the bytes of their templates: every
// page of the example, of a fixture with every register, hostile titles, an edit link,
// a draft, a document in review, a retired one, an overdue review, risk levels that add
// and a residual level above the inherent one, and of a 200-document synthetic site (its
// sidebar a window), rendered with the default theme, equals the same site's page
// rendered with a theme whose layouts and partials are the default's templates (a
// site's own template is executed as one).
func TestGoPartialsEqualTheirTemplates(t *testing.T) {
	example := t.TempDir()
	for _, d := range []string{"content", "data", "evidence"} {
		if err := os.CopyFS(filepath.Join(example, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	ac := filepath.Join(example, "content", "policies", "access-control.md")
	b, err := os.ReadFile(ac)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "distribution: All staff and contractors\n", "distribution: All staff and contractors; All staff\n", 1))
	if err := os.WriteFile(ac, b, 0o644); err != nil {
		t.Fatal(err)
	}
	fx := isms.New(t).WithEveryRegister(t)
	fx.Edit(t, "content/records/review.md", "status: approved", "status: draft")
	fx.Edit(t, "data/risks.yaml", "  acceptance: 6", "  formula: add\n  acceptance: 6")
	fx.Edit(t, "data/risks.yaml", "      likelihood: 2\n      impact: 2", "      likelihood: 5\n      impact: 5")
	fx.Edit(t, "data/site.yaml", "title: Test ISMS", "title: Test ISMS\nrepo_url: https://github.com/o/r")
	fx.Edit(t, "content/procedures/change.md", "title: Change management", `title: "C++ & <Ops> \"change\" 'management'"`)
	fx.Edit(t, "content/procedures/change.md", "status: approved", "status: review")
	fx.Edit(t, "content/procedures/change.md", "author: ISMS Manager\n    change: Approved.", "author: A+B <ops>\n    change: \"Approved & 'signed'\"")
	fx.Edit(t, "content/records/audit.md", "approved: 2026-01-10", "approved: 2024-01-10")
	fx.Edit(t, "content/records/kpi.md", "status: approved", "status: retired")
	fx.Edit(t, "content/procedures/change.md", "Changes are reviewed.", "Changes are reviewed.\n\n## Überprüfung\n\nA.\n\n## Zugriff „Rechte“\n\nB.\n\n## 100% sicher?\n\nC.")
	fx.Files["content/pages/about.md"] = "---\ntitle: About <us> & C++\ntype: page\n---\n# About\n\nWho we are.\n"
	large := t.TempDir()
	if err := synth.GenerateOptions(large, synth.Scale(200)); err != nil {
		t.Fatal(err)
	}
	sites := []struct {
		name, dir string
		shows     []string // what the Go partials must have written, for the test to mean something
	}{
		{"example", example, []string{`<div><dt>Acknowledged<dd><span class="ack`, `</span>; <span class="ack`, `<div><dt>ISO/IEC 27001 clauses<dd>`}},
		{"fixture", fx.Write(t), []string{"C&#43;&#43; &amp; &lt;Ops&gt; &#34;change&#34; &#39;management&#39;", "<td>A&#43;B &lt;ops&gt;<td>Approved &amp; &#39;signed&#39;",
			`<strong>In review.</strong>`, `<strong>Retired.</strong>`, `<strong>Draft.</strong>`,
			"Risk level = likelihood + impact", `<span class="up">↑ up 3</span>`, `<p class="edit-links"><a class="external" href="https://github.com/o/r/`, `<span class="badge badge-overdue">overdue</span>`, "<dd>",
			`<a href="#%c3%bcberpr%c3%bcfung">Überprüfung</a>`,
			`<td><td><a href="../pages/about.html">About &lt;us&gt; &amp; C&#43;&#43;</a>`}},
		{"synthetic", large, []string{`<section class="backlinks">`, `<section class="history">`}},
	}
	for _, c := range sites {
		t.Run(c.name, func(t *testing.T) {
			dir := c.dir
			theirs := renderDir(t, dir)
			var all strings.Builder
			for _, b := range theirs.Files {
				all.Write(b)
			}
			for _, want := range c.shows {
				if !strings.Contains(all.String(), want) {
					t.Errorf("no page shows %s", want)
				}
			}
			writeLayoutTemplates(t, dir)
			mine := renderDir(t, dir)
			var paths []string
			for p := range theirs.Files {
				if strings.HasSuffix(p, ".html") {
					paths = append(paths, p)
				}
			}
			sort.Strings(paths)
			if len(paths) < 50 {
				t.Fatalf("%d pages rendered", len(paths))
			}
			bad := 0
			for _, p := range paths {
				if got, want := theirs.Files[p], mine.Files[p]; string(got) != string(want) {
					if bad++; bad <= 5 {
						t.Errorf("%s differs from its templates' render: %s", p,
							strings.NewReplacer("incremental", "Go", "full", "templates").Replace(firstDifference(got, want)))
					}
				}
			}
			if bad > 5 {
				t.Errorf("and %d more pages", bad-5)
			}
		})
	}
}

// writeLayoutTemplates copies the default theme's layouts and partials into the site
// as its own.
func writeLayoutTemplates(t *testing.T, dir string) {
	t.Helper()
	def := themes.Default()
	names, err := fs.Glob(def, "layouts/partials/*.html")
	if err != nil || len(names) < 7 {
		t.Fatalf("partials %v: %v", names, err)
	}
	layouts, err := fs.Glob(def, "layouts/*.html")
	if err != nil || len(layouts) < 2 {
		t.Fatalf("layouts %v: %v", layouts, err)
	}
	names = append(names, layouts...)
	for _, n := range names {
		b, err := fs.ReadFile(def, n)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "themes", "default", filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// renderDir renders the site at dir, drafts published.
func renderDir(t *testing.T, dir string) *site.Output {
	t.Helper()
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22), Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	out, err := site.Render(context.Background(), g, site.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
