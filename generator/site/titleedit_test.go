package site_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// TestTitleEditEqualsFullRender edits the titles of documents of a site large enough for
// sidebar windows (150 documents), one after another: moving a document to the start
// and to the end of its section, across windows, and to and from a title with
// characters HTML escapes. After each edit, rendering with the previous output must give
// exactly the files of a full render, while copying most pages.
func TestTitleEditEqualsFullRender(t *testing.T) {
	t.Run("default theme", func(t *testing.T) { checkTitleEdits(t, titleEditSite(t), true) })
	// A theme's own sidebar may show more of the nav than its window (here every
	// document's title): the sidebars are then never reused across a title edit.
	t.Run("theme sidebar", func(t *testing.T) {
		src := titleEditSite(t)
		fixture.WriteTo(t, src, fixture.Files{"themes/default/layouts/partials/sidebar.html": `<nav class="sidebar">{{range .Site.Nav}}<h2>{{.Title}}</h2>{{range .Items}}<a href="{{$.Rel .Path}}">{{.Title}}</a>{{end}}{{end}}</nav>`})
		checkTitleEdits(t, src, false)
	})
}

// documentFiles lists the Markdown files under src/content, sorted.
func documentFiles(src string) []string {
	var docs []string
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			docs = append(docs, p)
		}
		return nil
	})
	sort.Strings(docs)
	return docs
}

func titleEditSite(t *testing.T) string {
	src := t.TempDir()
	if err := synth.GenerateOptions(src, synth.Options{Docs: 150, Risks: 20}); err != nil {
		t.Fatal(err)
	}
	return src
}

// checkTitleEdits makes the title edits of TestTitleEditEqualsFullRender on the site at
// src; copies says that most pages must be copied.
func checkTitleEdits(t *testing.T, src string, copies bool) {
	docs := documentFiles(src)
	if len(docs) < 100 {
		t.Fatalf("the synthetic site has %d documents", len(docs))
	}
	titleLine := regexp.MustCompile(`(?m)^title: .*$`)
	edits := []struct {
		doc   int
		title string
	}{
		{3, "Aardvark first of its section"},
		{3, "Zymurgy last of its section"},
		{40, `R&D <lab> "quoted" & 'single'`},
		{40, "Middle of the road"},
		{77, "Middle of the road too"},
		{120, "Aardvark first of its section"}, // the same title as another document had
		{len(docs) - 1, "Omega"},
	}
	l := load.New()
	prev := renderWith(t, l, src, nil)
	for _, e := range edits {
		path := docs[e.doc]
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		quoted := "'" + strings.ReplaceAll(e.title, "'", "''") + "'"
		if err := os.WriteFile(path, titleLine.ReplaceAll(b, []byte("title: "+strings.ReplaceAll(quoted, "$", "$$"))), 0o644); err != nil {
			t.Fatal(err)
		}
		inc := renderWith(t, l, src, prev)
		full := renderWith(t, load.New(), src, nil)
		name := filepath.Base(path) + " → " + e.title
		if len(inc.Files) != len(full.Files) {
			t.Errorf("%s: incremental render has %d files, full render %d", name, len(inc.Files), len(full.Files))
		}
		for p, fb := range full.Files {
			if !bytes.Equal(inc.Files[p], fb) {
				t.Errorf("%s: %s differs from a full render, %s", name, p, firstDifference(inc.Files[p], fb))
			}
		}
		reused, pages := 0, 0
		for p, ib := range inc.Files {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			pages++
			if old, ok := prev.Files[p]; ok && len(ib) > 0 && len(old) > 0 && &ib[0] == &old[0] {
				reused++
			}
		}
		// The exports that list no document are copied; the document register's is made
		// again.
		var keptExports []string
		for p, ib := range inc.Files {
			if old, ok := prev.Files[p]; ok && strings.HasPrefix(p, "exports/") && len(ib) > 0 && len(old) > 0 && &ib[0] == &old[0] {
				keptExports = append(keptExports, p)
			}
		}
		if slices.Contains(keptExports, "exports/documents.csv") || !slices.Contains(keptExports, "exports/risks.csv") {
			t.Errorf("%s: exports copied from the previous render: %v, want exports/risks.csv and not exports/documents.csv", name, keptExports)
		}
		if copies && reused < pages/2 {
			t.Errorf("%s: %d of %d pages copied from the previous render, want most", name, reused, pages)
		}
		prev = inc
	}
}

// firstDifference shows where an incremental render's file first differs from the full
// render's: the line of each, so that a failure says what went stale.
func firstDifference(inc, full []byte) string {
	n := 0
	for n < len(inc) && n < len(full) && inc[n] == full[n] {
		n++
	}
	line := func(b []byte) string {
		start := bytes.LastIndexByte(b[:min(n, len(b))], '\n') + 1
		end := len(b)
		if i := bytes.IndexByte(b[min(n, len(b)):], '\n'); i >= 0 {
			end = min(n, len(b)) + i
		}
		return string(b[start:min(end, start+300)])
	}
	return fmt.Sprintf("at byte %d, incremental %q, full %q", n, line(inc), line(full))
}
