package pack

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// githubPack renders a pack of the GitHub-style readme (made a controlled document).
func githubPack(t *testing.T) (string, *Result) {
	t.Helper()
	f := fixture.GitHubStyle()
	f["content/github/readme.md"] = strings.Replace(f["content/github/readme.md"], "title: Project readme\n",
		"id: DOC-README\ntitle: Project readme\ntype: manual\nversion: \"1.0\"\nstatus: approved\napprover: CEO\napproved: 2026-01-10\n", 1)
	g := resolveDir(t, fixture.Write(t, f))
	_, res := render(t, g, model.PackConfig{Name: "readme", Title: "Readme pack", Contents: []model.Ref{{ID: "DOC-README"}}})
	return writePDF(t, res.PDF), res
}

// A pack prints what the site's allowlist keeps of raw HTML, never a tag: the kbd
// text, the details' summary and content, the badges' alt text (an image inside a link
// is its text), the logo as an image; nothing of comments, scripts or frames.
func TestPackRendersRawHTMLAsTheSiteShowsIt(t *testing.T) {
	file, _ := githubPack(t)
	all := normalise(text(t, file))
	for _, want := range []string{"ISMS approved", "build passing", "Press Ctrl+C to copy.", "Water is H2O and energy E=mc2.",
		"Show the procedure", "The hidden steps", "external", "Text with an inline comment.", "Styled text", "Nested: a POL-IS b"} {
		if !strings.Contains(all, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
	if tag := regexp.MustCompile(`<[a-zA-Z!/]`).FindString(all); tag != "" {
		t.Errorf("the pack shows a tag (%q…):\n%s", tag, all)
	}
	for _, leak := range []string{fixture.Secret, "alert", "onclick", "javascript", "image:", "not shown in the PDF"} {
		if strings.Contains(all, leak) {
			t.Errorf("the pack shows %q", leak)
		}
	}
	if strings.Index(all, "Show the procedure") > strings.Index(all, "The hidden steps") {
		t.Error("the details' content comes before its summary")
	}
	if imgs := runTool(t, "pdfimages", "-list", file); strings.Count(imgs, "\n") < 3 {
		t.Errorf("the logo is not drawn:\n%s", imgs)
	}
}
