package load_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/fonttest"
)

// TestPDFFonts: pdf: fonts: are read from inside the site root only, must be TrueType
// fonts, and each error is at its entry.
func TestPDFFonts(t *testing.T) {
	house := string(fonttest.HouseFont(map[rune]rune{'漢': 'H'}))
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/site.yaml":  "organisation: Example Ltd\ntitle: Example ISMS\npdf:\n  fonts:\n    - fonts/house.ttf\n    - ../../etc/passwd\n    - fonts/missing.ttf\n    - fonts/bad.ttf\n    - .git/font.ttf\n",
		"fonts/house.ttf": house,
		"fonts/bad.ttf":   "not a font",
		".git/font.ttf":   house,
	}))
	site, err := load.Load(context.Background(), dir)
	l, ok := diag.AsList(err)
	if !ok {
		t.Fatalf("want content errors, got %v", err)
	}
	want := []string{
		"data/site.yaml:6:7: pdf: fonts: ../../etc/passwd resolves outside the site root; ",
		"data/site.yaml:7:7: pdf: fonts: fonts/missing.ttf not found; ",
		"data/site.yaml:8:7: pdf: fonts: fonts/bad.ttf: not a TrueType font",
		"data/site.yaml:9:7: pdf: fonts: .git/font.ttf: path is inside the hidden directory .git",
	}
	if len(l) != len(want) {
		t.Fatalf("want %d errors, got:\n%s", len(want), l)
	}
	for i, w := range want {
		if !strings.HasPrefix(l[i].Error(), w) {
			t.Errorf("error %d = %q, want prefix %q", i, l[i].Error(), w)
		}
	}
	if site == nil || string(site.Files["fonts/house.ttf"]) != house {
		t.Error("the house font was not read")
	}
}
