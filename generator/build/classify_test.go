package build_test

import (
	"context"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// classify sets the classification of a fixture document or register file.
func classify(t testing.TB, s *isms.Site, file, class string) {
	t.Helper()
	s.Edit(t, file, "classification: internal", "classification: "+class)
}

// buildFixture builds a isms fixture on its valid date, without packs, and returns
// the output directory and the result.
func buildFixture(t testing.TB, s *isms.Site, mutate ...func(*build.Options)) (string, *build.Result) {
	t.Helper()
	d, err := model.ParseDate(isms.Date)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opt := build.Options{Source: s.Write(t), Dest: dest, Date: d, Version: "test", NoPack: true}
	for _, m := range mutate {
		m(&opt)
	}
	res, err := build.Run(context.Background(), opt)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return dest, res
}

// wantLabels checks the label the theme shows on each page.
func wantLabels(t *testing.T, dest string, want map[string]string) {
	t.Helper()
	for page, w := range want {
		if got := label(t, dest, page); got != w {
			t.Errorf("%s is labelled %q, want %q", page, got, w)
		}
	}
}

// The fixture is internal throughout: every page says so, which the tests below change
// one rule at a time.
func TestLabelsOfAnInternalSite(t *testing.T) {
	dest, res := buildFixture(t, isms.New(t))
	for p := range res.Files {
		if strings.HasSuffix(p, ".html") {
			wantLabels(t, dest, map[string]string{p: "internal"})
		}
	}
}

// Risk, action and evidence pages carry their register's classification.
func TestItemPagesInheritTheirRegister(t *testing.T) {
	s := isms.New(t)
	classify(t, s, "data/risks.yaml", "confidential")
	classify(t, s, "data/treatment.yaml", "restricted")
	classify(t, s, "data/evidence.yaml", "confidential")
	dest, _ := buildFixture(t, s)
	wantLabels(t, dest, map[string]string{
		"risks/index.html":     "restricted", // lists RTP-1, a row of the restricted plan
		"risks/R-1.html":       "restricted", // and so does R-1
		"treatment/RTP-1.html": "restricted",
		"evidence/EV-1.html":   "restricted", // RTP-1 refers to it
		"evidence/index.html":  "confidential",
	})
}

// A control page carries the classification of the risks, actions and evidence it
// lists (their titles are their registers' content), not of the documents it lists by
// title (a document's title is metadata the document register shows everyone).
func TestControlPagesCarryWhatTheyList(t *testing.T) {
	s := isms.New(t)
	classify(t, s, "data/risks.yaml", "confidential")
	classify(t, s, "content/procedures/change.md", "restricted")
	s.Edit(t, "content/procedures/change.md", "review_cycle: 12m\n", "review_cycle: 12m\ncontrols: [A.8.32]\n")
	dest, _ := buildFixture(t, s)
	wantLabels(t, dest, map[string]string{
		"controls/A.8.1.html":  "confidential", // R-1 cites it
		"controls/A.8.32.html": "internal",     // PRO-CHANGE (restricted) implements it: its title only
		"controls/A.5.2.html":  "internal",     // lists nothing above the default
	})
}

// A document's page carries the classification of the rows it references and of what
// their titles expose, not of the documents it links by title; a public document that
// shows only public things stays public.
func TestDocumentPagesCarryTheirLinks(t *testing.T) {
	s := isms.New(t)
	classify(t, s, "content/records/review.md", "confidential")
	s.Edit(t, "content/records/review.md", "Decisions.", "Decisions about [[REC-KPI]].")
	s.Files["content/public.md"] = "---\nid: DOC-PUB\ntitle: Public notice\ntype: page\nclassification: public\n---\nSee [[A.5.1]].\n"
	s.Files["content/public-link.md"] = "---\nid: DOC-PUB2\ntitle: Public notice 2\ntype: page\nclassification: public\n---\nSee [[PRO-CHANGE]].\n"
	s.Files["content/public-risk.md"] = "---\nid: DOC-PUB3\ntitle: Public notice 3\ntype: page\nclassification: public\n---\nSee [[R-1]].\n"
	classify(t, s, "data/risks.yaml", "confidential")
	dest, _ := buildFixture(t, s)
	wantLabels(t, dest, map[string]string{
		"records/review.html": "confidential",
		"records/kpi.html":    "internal", // referenced by REC-MR, whose title only it shows
		"public.html":         "public",
		"public-link.html":    "public",       // shows PRO-CHANGE's title, which is not its content
		"public-risk.html":    "confidential", // shows R-1's title, a row of the confidential register
		"records/audit.html":  "internal",
	})
}

// The home page, the document register, the SoA, the tags pages, the readiness page
// and the search page carry the classification of what they show.
func TestGeneratedPagesCarryWhatTheyShow(t *testing.T) {
	s := isms.New(t)
	classify(t, s, "data/risks.yaml", "confidential")
	classify(t, s, "content/records/review.md", "restricted")
	s.Edit(t, "content/records/review.md", "review_cycle: 12m\n", "review_cycle: 12m\ntags: [review]\n")
	s.Edit(t, "content/records/audit.md", "review_cycle: 12m\n", "review_cycle: 12m\ntags: [audit]\n")
	dest, _ := buildFixture(t, s)
	wantLabels(t, dest, map[string]string{
		"index.html":          "confidential", // the risk register's figures
		"documents.html":      "internal",     // lists REC-MR by title
		"soa.html":            "confidential", // lists R-1 for A.8.1
		"tags/index.html":     "internal",     // REC-MR's tag and title
		"tags/review.html":    "internal",
		"tags/audit.html":     "internal",
		"readiness.html":      "internal",   // REC-MR covers clause 9.3: its title only
		"search.html":         "restricted", // the index holds REC-MR's text
		"controls/index.html": "internal",
		"404.html":            "internal",
	})
}

// No link in the main content of a page exposes more than the page's label (a row's
// title carries its register's classification, a document's title none), and the search
// page is labelled at least as high as every indexed page: on the example, whose
// registers are confidential.
func TestNoPageShowsMoreThanItsLabel(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := runBuild(t, exampleRoot, dest, func(o *build.Options) { o.NoPack = true })
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	byPage := map[string]*resolve.Entity{}
	for _, e := range g.Entities() {
		if e.Published {
			byPage[urls.Of(e)] = e
		}
	}
	search := model.Classification(label(t, dest, urls.Search))
	for p := range res.Files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		got := model.Classification(label(t, dest, p))
		if e, ok := byPage[p]; ok && got.Rank() < g.Classification(e).Rank() {
			t.Errorf("%s is labelled %s, below its own %s", p, got, g.Classification(e))
		}
		if _, ok := byPage[p]; ok && got.Rank() > search.Rank() {
			t.Errorf("%s is labelled %s, above the search page's %s", p, got, search)
		}
		b, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		main := parseHTML(t, b).first(tag("main"))
		if main == nil {
			continue
		}
		for _, a := range main.all(tag("a")) {
			if inNavigation(a) {
				continue
			}
			target := path.Clean(path.Join(path.Dir(p), strings.SplitN(a.Attr["href"], "#", 2)[0]))
			if e, ok := byPage[target]; ok && g.MentionClassification(e).Rank() > got.Rank() {
				t.Errorf("%s (labelled %s) links %s, whose title exposes %s", p, got, e.ID, g.MentionClassification(e))
			}
		}
	}
}

// inNavigation reports whether a link is in the breadcrumbs or the previous/next links,
// which are not counted.
func inNavigation(n *node) bool {
	for x := n.Parent; x != nil; x = x.Parent {
		if x.hasClass("pager") || x.hasClass("breadcrumbs") {
			return true
		}
	}
	return false
}

// A search result says when the page it opens is classified above the site's default.
func TestSearchResultsSayTheirClassification(t *testing.T) {
	s := isms.New(t)
	classify(t, s, "content/records/review.md", "confidential")
	dest, _ := buildFixture(t, s)
	js := string(allFiles(t, dest)[urls.SearchData])
	var index struct {
		E []struct {
			I, M string
		}
	}
	if err := json.Unmarshal([]byte(js[strings.Index(js, "{"):strings.LastIndex(js, "}")+1]), &index); err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{}
	for _, e := range index.E {
		meta[e.I] = e.M
	}
	if !strings.HasPrefix(meta["REC-MR"], "confidential · ") {
		t.Errorf("REC-MR's result meta %q does not say confidential", meta["REC-MR"])
	}
	if strings.Contains(meta["REC-AUDIT"], "internal") || strings.Contains(meta["REC-AUDIT"], "confidential") {
		t.Errorf("REC-AUDIT's result meta %q names a classification, but it has the site's default", meta["REC-AUDIT"])
	}
}

// A theme's layout that shows more than the default layouts raises its page's label.
func TestThemeLayoutShowingMoreRaisesTheLabel(t *testing.T) {
	s := isms.New(t)
	classify(t, s, "data/risks.yaml", "confidential")
	s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\ntheme: house\n")
	s.Files["themes/house/layouts/document.html"] = `{{define "main"}}<h1>{{.Title}}</h1><p>Top risk: {{.LinkID "R-1"}}</p>{{end}}`
	dest, _ := buildFixture(t, s)
	wantLabels(t, dest, map[string]string{
		"records/kpi.html": "confidential",
		"404.html":         "internal",
	})
}
