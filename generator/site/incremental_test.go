package site_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// renderWith renders the site at src, reusing the loader (as the live preview does) and
// the previous output when given.
func renderWith(t *testing.T, l *load.Loader, src string, prev *site.Output) *site.Output {
	t.Helper()
	ctx := context.Background()
	g, err := build.Resolve(ctx, l, src, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	out, err := site.Render(ctx, g, site.Options{Findings: check.Run(g), Version: "test", Head: `<script defer src="/live.js"></script>`, Previous: prev})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestIncrementalRenderEqualsFullRender edits a site step by step and checks after each
// step that rendering with the previous output gives exactly the files of a full render,
// and that pages were in fact reused when only a body changed.
func TestIncrementalRenderEqualsFullRender(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/procedures/backup.md": "---\nid: PRO-BK\ntitle: Backup procedure\ntype: procedure\nversion: \"1.0\"\nstatus: approved\ntags: [ops]\n---\n# Backup\n\nBack up nightly. See [[POL-IS]].\n\n## Restore\n\nTest restores.\n",
		"content/about.md":             "---\ntitle: About\n---\nAbout this ISMS.\n",
	}))
	l := load.New()
	prev := renderWith(t, l, src, nil)

	steps := []struct {
		name string
		// files to write (an empty value deletes the file)
		files fixture.Files
		// bodyOnly: only bodies changed, so unrelated pages must be reused
		bodyOnly bool
	}{
		{"body text", fixture.Files{"content/procedures/backup.md": "---\nid: PRO-BK\ntitle: Backup procedure\ntype: procedure\nversion: \"1.0\"\nstatus: approved\ntags: [ops]\n---\n# Backup\n\nBack up every night, twice. See [[POL-IS]].\n\n## Restore\n\nTest restores monthly.\n"}, true},
		{"new heading", fixture.Files{"content/procedures/backup.md": "---\nid: PRO-BK\ntitle: Backup procedure\ntype: procedure\nversion: \"1.0\"\nstatus: approved\ntags: [ops]\n---\n# Backup\n\nBack up every night, twice. See [[POL-IS]].\n\n## Restore\n\nTest restores monthly.\n\n## Retention\n\nKeep 30 days.\n"}, true},
		{"two bodies", fixture.Files{
			"content/about.md":       "---\ntitle: About\n---\nAbout this ISMS, **edited**.\n",
			"content/policies/is.md": strings.Replace(fixture.Minimal()["content/policies/is.md"], "We protect information.", "We protect all information.", 1),
		}, true},
		{"new link adds a backlink", fixture.Files{"content/about.md": "---\ntitle: About\n---\nAbout this ISMS. See [[PRO-BK]] and [[A.8.1]].\n"}, false},
		{"link removed", fixture.Files{"content/about.md": "---\ntitle: About\n---\nAbout this ISMS.\n"}, false},
		{"title change", fixture.Files{"content/procedures/backup.md": "---\nid: PRO-BK\ntitle: Backup and restore\ntype: procedure\nversion: \"1.0\"\nstatus: approved\ntags: [ops]\n---\n# Backup\n\nBack up.\n"}, false},
		{"new document in a new directory", fixture.Files{"content/standards/crypto.md": "---\nid: STD-CR\ntitle: Cryptography standard\ntype: standard\nversion: \"1.0\"\nstatus: approved\ncontrols: [A.8.24]\n---\nUse AES.\n"}, false},
		{"document deleted", fixture.Files{"content/standards/crypto.md": ""}, false},
		{"data change", fixture.Files{"data/risks.yaml": strings.Replace(fixture.Minimal()["data/risks.yaml"], "Laptop theft", "Laptop loss or theft", 1)}, false},
		{"evidence file change", fixture.Files{"evidence/encryption.csv": "device,encrypted\nlaptop-1,yes\nlaptop-2,yes\n"}, false},
		{"theme override", fixture.Files{"themes/default/layouts/404.html": "{{define \"main\"}}<h1>Nothing here</h1>{{end}}\n"}, false},
		{"body after theme change", fixture.Files{"content/about.md": "---\ntitle: About\n---\nAbout this ISMS, again.\n"}, true},
		// The theme's templates are kept from one render to the next while its files stay.
		{"theme file edited", fixture.Files{"themes/default/layouts/404.html": "{{define \"main\"}}<h1>Nowhere</h1>{{end}}\n"}, false},
		{"body after theme edit", fixture.Files{"content/about.md": "---\ntitle: About\n---\nAbout this ISMS, once more.\n"}, true},
		{"theme override removed", fixture.Files{"themes/default/layouts/404.html": ""}, false},
	}
	for _, st := range steps {
		for p, content := range st.files {
			full := filepath.Join(src, filepath.FromSlash(p))
			if content == "" {
				if err := os.Remove(full); err != nil {
					t.Fatal(err)
				}
				continue
			}
			fixture.WriteTo(t, src, fixture.Files{p: content})
		}
		inc := renderWith(t, l, src, prev)
		full := renderWith(t, load.New(), src, nil)
		if len(inc.Files) != len(full.Files) || inc.Pages != full.Pages {
			t.Errorf("%s: incremental render has %d files (%d pages), full render %d (%d)", st.name, len(inc.Files), inc.Pages, len(full.Files), full.Pages)
		}
		for p, b := range full.Files {
			if !bytes.Equal(inc.Files[p], b) {
				t.Errorf("%s: %s differs from a full render", st.name, p)
			}
		}
		reused := 0
		for p, b := range inc.Files {
			if old, ok := prev.Files[p]; ok && len(b) > 0 && len(old) > 0 && &b[0] == &old[0] && strings.HasSuffix(p, ".html") {
				reused++
			}
		}
		if st.bodyOnly && reused == 0 {
			t.Errorf("%s: only bodies changed, yet no page was reused", st.name)
		}
		if !st.bodyOnly && reused != 0 {
			t.Errorf("%s: %d pages reused after a change that can affect every page", st.name, reused)
		}
		prev = inc
	}
}
