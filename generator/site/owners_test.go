package site_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// Each owner has a page of their items (documents to review, actions, risks, SoA
// controls), and the owner's name links there from the registers and documents.
func TestOwnerPagesListTheirItems(t *testing.T) {
	out := render(t, fixture.Minimal())
	p := page(t, out, "owners/it-lead.html")
	for _, want := range []string{"Items of IT lead", `href="../risks/R-1.html"`, `href="../treatment/RTP-1.html"`, "Risks owned", "Treatment actions"} {
		if !strings.Contains(p, want) {
			t.Errorf("the IT lead's page lacks %q", want)
		}
	}
	for file, link := range map[string]string{
		"risks/index.html":     `<a class="owner" href="../owners/it-lead.html">IT lead</a>`,
		"treatment/index.html": `<a class="owner" href="../owners/it-lead.html">IT lead</a>`,
		"risks/R-1.html":       `<a class="owner" href="../owners/it-lead.html">IT lead</a>`,
		"policies/is.html":     `<a class="owner" href="../owners/`,
	} {
		if !strings.Contains(page(t, out, file), link) {
			t.Errorf("%s does not link the owner's page (%s)", file, link)
		}
	}
	if home := page(t, out, "index.html"); !strings.Contains(home, `<svg class="chart" id="chart-soa"`) {
		t.Error("the home page has no SoA chart")
	}
}
