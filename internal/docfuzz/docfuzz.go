package docfuzz

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// Path is the document whose body the inputs replace (fixture.Minimal's policy).
const Path = "content/policies/is.md"

// date is the build date of every graph.
var date = model.NewDate(2026, 11, 22)

// Site is the loaded fixture.
type Site struct {
	loader *load.Loader
	site   *model.Site
	front  string // the document's front matter, with its --- lines
}

// New loads fixture.Minimal.
func New(t testing.TB) *Site {
	t.Helper()
	files := fixture.Minimal()
	l := load.New()
	s, err := l.Load(context.Background(), fixture.Write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	src := files[Path]
	end := strings.Index(src[len("---\n"):], "---\n") + 2*len("---\n")
	return &Site{loader: l, site: s, front: src[:end]}
}

// Graph returns the resolved site with the document's body replaced by body, and the
// document's entity. ok is false when a build would stop before rendering: the file
// does not load (not UTF-8) or a reference in it does not resolve.
func (s *Site) Graph(body []byte) (g *resolve.Graph, e *resolve.Entity, ok bool) {
	src := append([]byte(s.front), body...)
	doc, errs := s.loader.ParseDocument(Path, src)
	if doc == nil || len(errs) > 0 {
		return nil, nil, false
	}
	site := *s.site
	site.Documents = slices.Clone(site.Documents)
	for i, d := range site.Documents {
		if d.Path == Path {
			site.Documents[i] = doc
		}
	}
	site.Files = maps.Clone(site.Files)
	site.Files[Path] = src
	g, err := resolve.Resolve(&site, resolve.Options{Date: date})
	if err != nil {
		return nil, nil, false
	}
	e, ok = g.Lookup(doc.ID())
	return g, e, ok && e.Doc == doc
}
