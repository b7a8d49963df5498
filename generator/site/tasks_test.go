package site_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// Task-list boxes are named form controls.
func TestTaskCheckBoxesAreLabelled(t *testing.T) {
	f := fixture.Minimal()
	f["content/policies/is.md"] += "\n- [x] keys returned\n- [ ] account removed\n"
	html := page(t, render(t, f), "policies/is.html")
	for _, want := range []string{`checked disabled aria-label="Done"> keys returned`, `disabled aria-label="Not done"> account removed`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html[strings.Index(html, "<ul>"):])
		}
	}
}
