package build_test

import (
	"context"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
)

// TestBreadcrumbsMatchTitles walks every page of the example: a page's breadcrumbs end
// with its own title (its h1), and every linked breadcrumb says the title of the page it
// links to (or, for a link to a section of a page, that section's heading); the home
// page is "Home".
func TestBreadcrumbsMatchTitles(t *testing.T) {
	res, err := build.Render(context.Background(), build.Options{Source: exampleRoot, Date: model.NewDate(2026, 11, 22), NoPack: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*node{}
	var pages []string
	for p, b := range res.Files {
		if strings.HasSuffix(p, ".html") {
			docs[p] = parseHTML(t, b)
			pages = append(pages, p)
		}
	}
	sort.Strings(pages)
	checked := 0
	for _, p := range pages {
		doc := docs[p]
		nav := doc.first(func(n *node) bool { return n.Name == "nav" && n.hasClass("breadcrumbs") })
		if nav == nil {
			continue
		}
		checked++
		h1 := doc.first(tag("h1"))
		if h1 == nil {
			t.Errorf("%s: breadcrumbs but no h1", p)
			continue
		}
		cur := nav.first(func(n *node) bool { return n.Attr["aria-current"] == "page" })
		if cur == nil || cur.text() != h1.text() {
			got := ""
			if cur != nil {
				got = cur.text()
			}
			t.Errorf("%s: the breadcrumbs end with %q, the page's title is %q", p, got, h1.text())
		}
		for _, a := range nav.all(tag("a")) {
			href := a.Attr["href"]
			file, frag, _ := strings.Cut(href, "#")
			target := path.Clean(path.Join(path.Dir(p), file))
			if strings.HasSuffix(file, "/") {
				target = path.Join(target, "index.html")
			}
			tdoc := docs[target]
			if tdoc == nil {
				t.Errorf("%s: breadcrumb %q links to %s, which is not a page", p, a.text(), href)
				continue
			}
			want := tdoc.first(tag("h1"))
			if target == "index.html" && frag == "" {
				if a.text() != "Home" {
					t.Errorf("%s: the breadcrumb to the home page is %q, want Home", p, a.text())
				}
				continue
			}
			if frag != "" {
				want = tdoc.first(func(n *node) bool { return n.Attr["id"] == frag })
			}
			if want == nil {
				t.Errorf("%s: breadcrumb %q links to %s, which has no title there", p, a.text(), href)
			} else if a.text() != want.text() {
				t.Errorf("%s: breadcrumb %q links to %s, titled %q", p, a.text(), href, want.text())
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d pages of the example have breadcrumbs", checked)
	}
}
