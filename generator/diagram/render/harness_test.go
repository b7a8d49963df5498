package render

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ismsgen/ismsgen/themes"
)

// The diagrams are drawn with the site theme's scripts when it overrides them, as the
// site's pages are: the pack and the page show the same drawing.
func TestHarnessUsesTheSiteTheme(t *testing.T) {
	theme, err := themes.NewOverlay("corp", map[string][]byte{"themes/corp/static/js/diagrams.js": []byte("// corp diagrams")})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := writeHarness(dir, theme, []string{"graph TD; A-->B"}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "diagrams.js")); err != nil || string(b) != "// corp diagrams" {
		t.Errorf("diagrams.js is %q (%v), want the site theme's", b, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "mermaid.min.js")); err != nil || len(b) < 1000 {
		t.Errorf("mermaid.min.js: %d bytes (%v), want the default theme's", len(b), err)
	}
}
