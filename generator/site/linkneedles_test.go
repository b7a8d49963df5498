package site

import (
	"slices"
	"testing"

	"github.com/ismsgen/ismsgen/generator/urls"
)

// The links to the changed pages, kept per folder, are the links each page writes:
// asked from pages of every depth, in folders that share a prefix with the target's and
// folders that do not, in an order that meets each folder more than once.
func TestLinkNeedlesPerFolder(t *testing.T) {
	changes := []titleChange{{page: "policies/pol-0003.html"}, {page: "index.html"}, {page: "risks/R-1.html"}, {}}
	links := linkNeedles(changes)
	for _, from := range []string{
		"index.html", "policies/pol-0003.html", "policies/pol-0004.html", "risks/R-2.html",
		"sections/policies.html", "owners/a/b.html", "owners/a/c.html", "policies/sub/x.html",
		"search.html", "policies/pol-0009.html", "risks/index.html", "owners/a/d.html",
	} {
		var want []string
		for _, c := range changes {
			if c.page != "" {
				want = append(want, urls.Rel(from, c.page))
			}
		}
		var got []string
		for _, n := range links(from) {
			got = append(got, string(n))
		}
		if !slices.Equal(got, want) {
			t.Errorf("links from %s: %q, want %q", from, got, want)
		}
	}
}
