package build_test

import (
	"html"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// TestPackAndSiteNameThemesAlike: the groups of the Statement of Applicability have the
// same names in the stage1 pack as on the site's controls page (issue 18: one format
// for site and PDF).
func TestPackAndSiteNameThemesAlike(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := runBuild(t, exampleRoot, dest); err != nil {
		t.Fatal(err)
	}
	files := allFiles(t, dest)
	var themes []string
	for _, m := range regexp.MustCompile(`<h2 id="theme-[^"]*">([^<]+)</h2>`).FindAllStringSubmatch(string(files["controls/index.html"]), -1) {
		themes = append(themes, html.UnescapeString(m[1]))
	}
	if len(themes) < 4 {
		t.Fatalf("the controls page names %d themes: %q", len(themes), themes)
	}
	text, err := exec.Command(tooltest.Need(t, "pdftotext"), filepath.Join(dest, "packs", "stage1.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(string(text), "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	for _, th := range themes {
		if !strings.Contains(th, ":") && !lines[th] { // another framework's groups are not in the SoA
			t.Errorf("the stage1 pack has no heading line %q, the site's name for the theme", th)
		}
	}
}
