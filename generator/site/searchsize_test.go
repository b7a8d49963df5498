package site_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// The search index holds each page's text once, in sections, plus a few bytes of keys:
// it stays below the size of the Markdown it indexes plus 600 bytes per entity (the
// controls, risks, actions and evidence records, which have no Markdown).
//
// It builds a 200-document site; ISMSGEN_SEARCH_DOCS=1000 reports the size for 1,000
// (about 20 s, too slow to run on every go test -race).
func TestSearchIndexSize(t *testing.T) {
	n := 200
	if v, err := strconv.Atoi(os.Getenv("ISMSGEN_SEARCH_DOCS")); err == nil && v > 0 {
		n = v
	}
	dir := t.TempDir()
	if err := synth.Generate(dir, n); err != nil {
		t.Fatal(err)
	}
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	out, err := site.Render(context.Background(), g, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := markdownBytes(t, dir)
	size := len(out.Files[urls.SearchData])
	budget := md + 600*len(g.Entities())
	t.Logf("%d documents (%d KB of Markdown, %d entities): search-index.js is %d KB", n, md>>10, len(g.Entities()), size>>10)
	if size > budget {
		t.Errorf("%d documents: the index is %d bytes, over %d", n, size, budget)
	}
}

func markdownBytes(t *testing.T, dir string) int {
	t.Helper()
	total := 0
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		fi, err := os.Stat(p)
		total += int(fi.Size())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return total
}
