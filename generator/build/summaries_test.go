package build_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestSummariesCountPublishedRows builds a site limited to public whose SoA is public
// but whose own catalogue's control, at the site's default internal, is withheld: the
// SoA's summary, the home page's figures and the dashboard count the rows the site
// shows, not the withheld one.
func TestSummariesCountPublishedRows(t *testing.T) {
	f := fixture.Minimal().With(fixture.Files{
		"data/site.yaml":         "organisation: Example Ltd\ntitle: Example ISMS\nclassification: internal\npublish: {max_classification: public}\n",
		"data/controls/own.yaml": "catalogue: Own\ncontrols:\n  - {id: OWN.1, title: Own secret control, theme: organizational}\n",
		"data/soa.yaml": `document: {id: SOA, title: Statement of Applicability, version: "1.0", status: approved, approver: CEO, approved: 2026-01-10, classification: public}
controls:
  - {control: A.5.1, applicable: true, reasons: [business], status: implemented, documents: [POL-IS]}
  - {control: A.8.1, applicable: true, reasons: [risk], status: partial}
  - {control: OWN.1, applicable: true, reasons: [business], status: implemented}
`,
	})
	res, err := build.Render(context.Background(), build.Options{Source: fixture.Write(t, f), Date: model.NewDate(2026, 7, 1), NoPack: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	soa := string(res.Files["soa.html"])
	if soa == "" {
		t.Fatal("the SoA is not published")
	}
	if strings.Contains(soa, "OWN.1") {
		t.Fatal("the SoA shows the withheld control")
	}
	rows := strings.Count(soa, `class="ref" href="controls/`)
	m := regexp.MustCompile(`<p class="summary">(\d+) controls: (\d+) applicable \((\d+) implemented, (\d+) partially implemented`).FindStringSubmatch(soa)
	if m == nil {
		t.Fatalf("the SoA has no summary:\n%.2000s", soa)
	}
	n, _ := strconv.Atoi(m[1])
	if n != rows || m[2] != "2" || m[3] != "1" || m[4] != "1" {
		t.Errorf("the SoA lists %d controls (2 applicable: 1 implemented, 1 partial), its summary says %q", rows, m[0])
	}
	home := string(res.Files["index.html"])
	if want := "2</strong> of " + strconv.Itoa(rows) + " controls applicable, 1 implemented"; !strings.Contains(home, want) {
		t.Errorf("the home page lacks %q", want)
	}
}
