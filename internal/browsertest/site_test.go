package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// builtSite is a rendered intranet written to a directory.
type builtSite struct {
	Name  string // "example" or "fixture"
	Dir   string
	Files map[string][]byte
	Graph *resolve.Graph
}

// Pages returns the paths of the HTML pages, sorted.
func (s *builtSite) Pages() []string {
	var out []string
	for p := range s.Files {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	sortStrings(out)
	return out
}

// buildSite renders the example ISMS at the repository root when it builds, else the
// rich fixture; ISMSGEN_BROWSER_SITE=fixture forces the fixture. The build makes no PDF
// pack: the browser tests are about the HTML.
func buildSite(t *testing.T) *builtSite {
	t.Helper()
	if os.Getenv("ISMSGEN_BROWSER_SITE") != "fixture" {
		s, err := renderSite(filepath.Join("..", ".."))
		if err == nil {
			s.Name = "example"
			return writeSite(t, s)
		}
		t.Logf("the example ISMS does not build, using the fixture: %.300v", err)
	}
	s, err := renderSite(fixture.Write(t, richFixture()))
	if err != nil {
		t.Fatalf("the fixture does not build: %v", err)
	}
	s.Name = "fixture"
	return writeSite(t, s)
}

func renderSite(dir string) (*builtSite, error) {
	res, err := build.Render(context.Background(), build.Options{Source: dir, Date: model.NewDate(2026, 11, 22), NoPack: true, Version: "test"})
	if err != nil {
		return nil, err
	}
	return &builtSite{Files: res.Files, Graph: res.Graph}, nil
}

func writeSite(t *testing.T, s *builtSite) *builtSite {
	t.Helper()
	s.Dir = t.TempDir()
	for p, b := range s.Files {
		full := filepath.Join(s.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("browser tests run on the %s site: %d pages", s.Name, len(s.Pages()))
	return s
}
