package site_test

import (
	"bytes"
	"os"
	"regexp"
	"sort"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/site"
)

// TestRowsReusedEqualFullRender edits documents of a 150-document site one after another
// (titles, a body, an owner) and checks after each edit that rendering with the previous
// output gives exactly the files of a full render, and that the listings written with
// Page.Rows (the document register, the section pages, the owners' pages) reused the
// rows of the unchanged documents after title and body edits, and none after an edit of
// other front matter.
func TestRowsReusedEqualFullRender(t *testing.T) {
	src := titleEditSite(t)
	docs := documentFiles(src)
	titleLine := regexp.MustCompile(`(?m)^title: .*$`)
	ownerLine := regexp.MustCompile(`(?m)^owner: .*$`)
	edits := []struct {
		name  string
		doc   int
		edit  func([]byte) []byte
		reuse bool // most rows of every listing are reused
	}{
		{"title", 10, func(b []byte) []byte { return titleLine.ReplaceAll(b, []byte(`title: "Aardvark <first> & 'escaped'"`)) }, true},
		{"body", 20, func(b []byte) []byte { return append(b, "\nAn edited paragraph.\n"...) }, true},
		{"title after a body edit", 20, func(b []byte) []byte { return titleLine.ReplaceAll(b, []byte("title: Zymurgy")) }, true},
		{"title back", 10, func(b []byte) []byte { return titleLine.ReplaceAll(b, []byte("title: Middle of the road")) }, true},
		{"owner", 30, func(b []byte) []byte { return ownerLine.ReplaceAll(b, []byte("owner: Someone New")) }, false},
		{"title after an owner edit", 40, func(b []byte) []byte { return titleLine.ReplaceAll(b, []byte("title: Omega")) }, true},
	}
	l := load.New()
	prev := renderWith(t, l, src, nil)
	listings := listingPages(prev)
	if len(listings) < 3 {
		t.Fatalf("listings with kept rows: %v, want the document register, sections and owners", listings)
	}
	for _, e := range edits {
		b, err := os.ReadFile(docs[e.doc])
		if err != nil {
			t.Fatal(err)
		}
		edited := e.edit(b)
		if bytes.Equal(edited, b) {
			t.Fatalf("%s: the edit changed nothing in %s", e.name, docs[e.doc])
		}
		if err := os.WriteFile(docs[e.doc], edited, 0o644); err != nil {
			t.Fatal(err)
		}
		inc := renderWith(t, l, src, prev)
		full := renderWith(t, load.New(), src, nil)
		if len(inc.Files) != len(full.Files) {
			t.Errorf("%s: incremental render has %d files, full render %d", e.name, len(inc.Files), len(full.Files))
		}
		for p, fb := range full.Files {
			if !bytes.Equal(inc.Files[p], fb) {
				t.Errorf("%s: %s differs from a full render, %s", e.name, p, firstDifference(inc.Files[p], fb))
			}
		}
		for _, page := range listings {
			before, after := site.RowsKept(prev, page), site.RowsKept(inc, page)
			if len(after) == 0 && len(before) > 0 {
				t.Errorf("%s: %s kept no rows for the next render", e.name, page)
			}
			reused := 0
			for k, a := range after {
				if o, ok := before[k]; ok && len(a) > 0 && &a[0] == &o[0] {
					reused++
				}
				if !bytes.Contains(full.Files[page], a) {
					t.Errorf("%s: %s keeps a row it does not show: %q", e.name, page, a)
				}
			}
			if e.reuse && len(after) > 2 && reused < len(after)-2 {
				t.Errorf("%s: %s reused %d of %d rows, want all but the edited document's", e.name, page, reused, len(after))
			}
			if !e.reuse && reused > 0 {
				t.Errorf("%s: %s reused %d rows after an edit of other front matter, want none", e.name, page, reused)
			}
		}
		prev = inc
	}
}

// listingPages returns the pages whose render kept rows.
func listingPages(o *site.Output) []string {
	var out []string
	for p := range o.Files {
		if len(site.RowsKept(o, p)) > 0 {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
