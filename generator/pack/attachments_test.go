package pack

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestAttachmentLinksPrintTheirIntranetURL: a PDF pack cannot hold a linked PDF or
// spreadsheet, so the link prints as its text followed by the file's intranet address.
func TestAttachmentLinksPrintTheirIntranetURL(t *testing.T) {
	f := fixture.Minimal()
	f["data/site.yaml"] += "base_url: https://isms.example.com/\npacks:\n  - {name: stage1, contents: [POL-IS]}\n"
	f["content/policies/is.md"] = strings.Replace(f["content/policies/is.md"], "We protect information.",
		"We protect information. Use the [request form](../forms/request.pdf) and see the [policies](./).", 1)
	f["content/policies/README.md"] = "# Policies\n"
	f["content/forms/request.pdf"] = "%PDF-1.4 form"
	g := resolveDir(t, fixture.Write(t, f))
	_, res := render(t, g, packConfig(t, g, "stage1"))
	got := normalise(text(t, writePDF(t, res.PDF)))
	for _, want := range []string{
		"Use the request form (https://isms.example.com/forms/request.pdf)",
		"see the policies (Policies, https://isms.example.com/policies/index.html)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("pack text lacks %q:\n%s", want, got)
		}
	}
}
