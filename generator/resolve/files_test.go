package resolve_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/yuin/goldmark/ast"
)

// attachmentSite is linkSite with files of every kind beside the documents.
func attachmentSite(body string) fixture.Files {
	f := linkSite(body)
	f["content/forms/access-request.pdf"] = "%PDF-1.4 form"
	f["content/forms/inventory.xlsx"] = "PK xlsx"
	f["content/forms/notes.txt"] = "notes"
	f["content/forms/archive.tar.gz"] = "gz"
	f["content/policies/README.md"] = "# Policies\n"
	f["content/empty-folder/.keep"] = ""
	f["content/records/minutes.md"] = "# Minutes\n"
	return f
}

// TestLinksToFilesAndFolders: a link to any file under the content directory resolves
// to that file, a link to a folder to its README.md; the rest say what would fix them.
func TestLinksToFilesAndFolders(t *testing.T) {
	body := strings.Join([]string{
		"[ok1](forms/access-request.pdf)",
		"[ok2](/forms/inventory.xlsx#sheet=2)",
		"[ok3](./forms/archive.tar.gz)",
		"[ok4](policies/)",
		"[ok5](policies)",
		"[ok6](policies/#policies)",
		"[ok7](./)",
		"[bad1](forms/acess-request.pdf)",
		"[bad2](forms/missing.docx)",
		"[bad3](records/)",
		"[bad4](polices/)",
		"[bad5](../outside.pdf)",
		"[bad6](policies/#nope)",
		"[bad7](notes.txt)",
	}, "\n\n") + "\n"
	g, errs := resolveSite(t, attachmentSite(body), resolve.Options{})
	want := []string{
		`content/guide.md:16:1: link to ./: content/ is a folder without a README.md: link to a file in it, or add content/README.md`,
		`content/guide.md:18:1: link to forms/acess-request.pdf: no such file (looked for content/forms/acess-request.pdf) (did you mean forms/access-request.pdf?)`,
		`content/guide.md:20:1: link to forms/missing.docx: no such file (looked for content/forms/missing.docx)`,
		`content/guide.md:22:1: link to records/: content/records/ is a folder without a README.md: link to a file in it, or add content/records/README.md`,
		`content/guide.md:24:1: link to polices/: no such folder (looked for content/polices/) (did you mean policies/?)`,
		`content/guide.md:26:1: link to ../outside.pdf points outside the site (to outside.pdf, which is not under content/)`,
		`content/guide.md:28:1: link to policies/#nope: content/policies/README.md has no heading with id "nope"`,
		`content/guide.md:30:1: link to notes.txt: no such file (looked for content/notes.txt) (did you mean forms/notes.txt?)`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	// With links: warn the good links' targets can be read back.
	g, errs = resolveSite(t, attachmentSite(body), resolve.Options{Links: "warn"})
	if len(errs) != 0 {
		t.Fatalf("errors under links: warn: %v", errs)
	}
	guide, _ := g.DocumentByPath("content/guide.md")
	got := map[string]string{}
	ast.Walk(guide.Doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.Link)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		t, _ := g.Target(l)
		label := string(l.FirstChild().(*ast.Text).Segment.Value(guide.Doc.Body))
		switch {
		case t.Broken != "":
			got[label] = "broken"
		case t.File != "":
			got[label] = "file " + t.File + "#" + t.Fragment
		case t.Entity != nil:
			got[label] = "doc " + t.Entity.Doc.Path + "#" + t.Fragment
		}
		return ast.WalkContinue, nil
	})
	for label, w := range map[string]string{
		"ok1":  "file content/forms/access-request.pdf#",
		"ok2":  "file content/forms/inventory.xlsx#sheet=2",
		"ok3":  "file content/forms/archive.tar.gz#",
		"ok4":  "doc content/policies/README.md#",
		"ok5":  "doc content/policies/README.md#",
		"ok6":  "doc content/policies/README.md#policies",
		"bad1": "broken", "bad2": "broken", "bad3": "broken", "bad4": "broken", "bad5": "broken", "bad6": "broken", "bad7": "broken",
	} {
		if got[label] != w {
			t.Errorf("%s: %q, want %q", label, got[label], w)
		}
	}
	if got["ok7"] != "broken" {
		t.Errorf("ok7 (./ from content/, which has no README.md): %q, want broken", got["ok7"])
	}
	if _, ok := g.Site.Files["content/forms/notes.txt"]; ok {
		t.Error("a file nothing links to was read")
	}
}

// TestLinkToTheContentRoot: ./ or / leads to the content directory's README.md, the home
// page's introduction.
func TestLinkToTheContentRoot(t *testing.T) {
	f := attachmentSite("[home](/) and [here](./) and [readme](README.md)\n")
	f["content/README.md"] = "# Handbook\n"
	f["content/policies/access.md"] = "---\ntitle: Access control\n---\n[home](/) and [up](../) and [readme](../README.md)\n"
	g, errs := resolveSite(t, f, resolve.Options{})
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	home, _ := g.DocumentByPath("content/README.md")
	from, _ := g.DocumentByPath("content/policies/access.md")
	guide, _ := g.DocumentByPath("content/guide.md")
	if bl := g.Backlinks(home); len(bl) != 2 || !slices.Contains(bl, from) || !slices.Contains(bl, guide) {
		t.Errorf("backlinks of the home introduction: %v", bl)
	}
}

// TestLinkToAnIgnoredFile says which ignore: pattern (or hidden directory) left the
// target out.
func TestLinkToAnIgnoredFile(t *testing.T) {
	f := attachmentSite("[t](../templates/policy.md) [u](templates/form.pdf) [v](templates/) [w](templates/README.md) [x](.github/PULL_REQUEST_TEMPLATE.md)\n")
	f["content/.github/PULL_REQUEST_TEMPLATE.md"] = "# PR\n"
	f["content/templates/form.pdf"] = "%PDF"
	f["content/templates/README.md"] = "# Templates\n"
	f["data/site.yaml"] += "ignore: [\"templates/**\"]\n"
	_, errs := resolveSite(t, f, resolve.Options{})
	want := []string{
		`content/guide.md:4:1: link to ../templates/policy.md points outside the site (to templates/policy.md, which is not under content/)`,
		`content/guide.md:4:29: link to templates/form.pdf: no such file (looked for content/templates/form.pdf) (content/templates is left out of the site by ignore: "templates/**" in data/site.yaml)`,
		`content/guide.md:4:53: link to templates/: no such folder (looked for content/templates/) (content/templates is left out of the site by ignore: "templates/**" in data/site.yaml)`,
		`content/guide.md:4:69: link to templates/README.md: no such document (looked for content/templates/README.md) (content/templates is left out of the site by ignore: "templates/**" in data/site.yaml)`,
		`content/guide.md:4:94: link to .github/PULL_REQUEST_TEMPLATE.md: no such document (looked for content/.github/PULL_REQUEST_TEMPLATE.md) (.github is a hidden directory, which ismsgen never reads)`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// TestAttachmentsGoThroughTheSafeReader: a linked file that is a symbolic link out of
// the site is refused at the file, never read.
func TestAttachmentsGoThroughTheSafeReader(t *testing.T) {
	dir := fixture.Write(t, attachmentSite("[secret](forms/secret.pdf)\n"))
	outside := filepath.Join(t.TempDir(), "secret.pdf")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content", "forms", "secret.pdf")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	_, errs := resolveDir(t, dir, resolve.Options{})
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/forms/secret.pdf:1:1: symbolic link points outside the site root") {
		t.Errorf("errors: %v", errs)
	}
}
