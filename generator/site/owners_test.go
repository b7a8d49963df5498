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
		"risks/index.html":     `<a href="../owners/it-lead.html">IT lead</a>`,
		"treatment/index.html": `<a href="../owners/it-lead.html">IT lead</a>`,
		"risks/R-1.html":       `<a href="../owners/it-lead.html">IT lead</a>`,
		"policies/is.html":     `<a href="../owners/`,
	} {
		if !strings.Contains(page(t, out, file), link) {
			t.Errorf("%s does not link the owner's page (%s)", file, link)
		}
	}
	if home := page(t, out, "index.html"); !strings.Contains(home, `<svg class="chart" id="chart-soa"`) {
		t.Error("the home page has no SoA chart")
	}
}

// "Referenced by" on a row's page leaves out what the page lists already: a treatment
// action's risk cites the action, and the action's page lists that risk under Risks.
func TestReferencedByDoesNotRepeatThePage(t *testing.T) {
	out := render(t, fixture.Minimal())
	p := page(t, out, "treatment/RTP-1.html")
	if !strings.Contains(p, `<h2 id="risks">Risks</h2>`) || !strings.Contains(p, `href="../risks/R-1.html"`) {
		t.Fatal("the action's page does not list its risk R-1")
	}
	if i := strings.Index(p, `id="referenced_by"`); i >= 0 && strings.Contains(p[i:], `href="../risks/R-1.html"`) {
		t.Error(`the action's "Referenced by" repeats R-1, which its Risks section lists`)
	}
}
