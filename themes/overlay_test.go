package themes

import (
	"strings"
	"testing"
)

// A site's theme file replaces the default's of the same path, a new one is added, the
// rest is the default's, and Used lists exactly the site's files.
func TestOverlay(t *testing.T) {
	site := map[string][]byte{
		"themes/corp/layouts/page.html":    []byte("corp page"),
		"themes/corp/static/css/extra.css": []byte("a{}"),
		"themes/other/layouts/page.html":   []byte("other"),
		"content/index.md":                 []byte("# Home"),
	}
	o, err := NewOverlay("corp", site)
	if err != nil {
		t.Fatal(err)
	}
	if b, from, ok := o.File("layouts/page.html"); !ok || string(b) != "corp page" || from != "themes/corp/layouts/page.html" {
		t.Errorf("layouts/page.html: %q from %q, want the site's", b, from)
	}
	if b, _, ok := o.File("static/css/extra.css"); !ok || string(b) != "a{}" {
		t.Error("the site's new file is not in the overlay")
	}
	if b, from, ok := o.File("layouts/baseof.html"); !ok || len(b) == 0 || !strings.HasPrefix(from, "the default theme's") {
		t.Errorf("layouts/baseof.html comes from %q, want the default theme", from)
	}
	if strings.Join(o.Used, ",") != "themes/corp/layouts/page.html,themes/corp/static/css/extra.css" {
		t.Errorf("Used = %v", o.Used)
	}
	if _, err := NewOverlay("missing", site); err == nil || !strings.Contains(err.Error(), `theme "missing": no directory themes/missing`) {
		t.Errorf("a theme without files: %v", err)
	}
	if o, err := NewOverlay("default", nil); err != nil || len(o.Used) != 0 {
		t.Errorf("the default theme alone: %v, %v", o, err)
	}
}
