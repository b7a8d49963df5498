package pack

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// ackPackSite distributes the fixture's policy and its (confidential) management review
// to a group of three, two of whom acknowledged the policy's version in force and one
// an earlier major version, which does not count.
func ackPackSite(t *testing.T) *isms.Site {
	t.Helper()
	s := limitedSite(t)
	s.Files["data/acknowledgements.yaml"] = "groups:\n  - name: All staff\n    members: [Ann Lee, Bo Chan, Cy Díaz]\n"
	s.Files["data/acknowledgements/lms.csv"] = "person,group,document,version,date\n" +
		"Ann Lee,All staff,POL-IS,1.1,2026-01-12\n" +
		"Bo Chan,All staff,POL-IS,1.0,2026-01-12\n" +
		"Cy Díaz,All staff,POL-IS,0.9,2025-01-12\n" +
		"Ann Lee,All staff,REC-MR,1.0,2026-01-12\n"
	s.Edit(t, "content/policies/is-policy.md", "classification: internal\n", "classification: internal\ndistribution: All staff\n")
	s.Edit(t, "content/records/review.md", "classification: confidential", "classification: confidential\ndistribution: All staff")
	return s
}

// The acknowledgements artefact is a section of the pack with the rows of the
// acknowledgements export: each distributed document with its group, version in force,
// who acknowledged and who has not; a document above the pack's max_classification is
// left out of it, and the cover counts the section as a generated artefact.
func TestPackAcknowledgementSection(t *testing.T) {
	s := ackPackSite(t)
	p, res := fixturePack(t, s, "POL-IS, acknowledgements", "")
	all := normalise(text(t, writePDF(t, res.PDF)))
	g := resolveDir(t, s.Write(t))
	tab, err := export.Build(g, export.Acknowledgements)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 2 {
		t.Fatalf("the fixture's export has %d rows, want 2 (POL-IS and REC-MR)", len(tab.Rows))
	}
	for _, want := range []string{
		"Acknowledgement coverage",
		"Document Title Version Approved Group Members Acknowledged Outstanding Coverage Pending",
		// POL-IS 1.1: Ann at 1.1, Bo at 1.0 (same major); Cy's 0.9 does not count.
		"POL-IS Information security policy 1.1",
		"All staff 3 2 1 66% Cy Díaz",
		"REC-MR",
		"Contents 1 document, and the acknowledgement coverage",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the pack lacks %q:\n%s", want, all)
		}
	}
	srcs := strings.Join(p.Sources, " ")
	for _, want := range []string{"data/acknowledgements.yaml", "data/acknowledgements/lms.csv", "content/records/review.md"} {
		if !strings.Contains(srcs, want) {
			t.Errorf("the pack's sources lack %s: %s", want, srcs)
		}
	}

	// Limited to internal, the confidential review is not listed, nor its source.
	p, res = fixturePack(t, s, "acknowledgements", "    max_classification: internal\n")
	all = normalise(text(t, writePDF(t, res.PDF)))
	if !strings.Contains(all, "POL-IS") || strings.Contains(all, "REC-MR") {
		t.Errorf("limited to internal, the section lists POL-IS only:\n%s", all)
	}
	if strings.Contains(strings.Join(p.Sources, " "), "review.md") {
		t.Errorf("limited to internal, the sources list the review: %v", p.Sources)
	}
}

// Listing the artefact twice, or on a site without acknowledgements, is an error at the
// entry.
func TestPackAcknowledgementErrors(t *testing.T) {
	s := ackPackSite(t)
	g := resolveDir(t, s.Write(t))
	at := func(line int) model.Ref {
		return model.Ref{ID: "acknowledgements", Pos: diag.Pos{Path: "data/site.yaml", Line: line, Col: 3}}
	}
	_, err := PlanPack(g, model.PackConfig{Name: "t", Contents: []model.Ref{at(3), {ID: "POL-IS"}, at(5)}})
	if err == nil || !strings.Contains(err.Error(), "data/site.yaml:5:3: pack t: acknowledgements is listed twice (first at data/site.yaml:3:3)") {
		t.Errorf("listed twice: %v", err)
	}
	g = resolveDir(t, isms.New(t).Write(t))
	_, err = PlanPack(g, model.PackConfig{Name: "t", Contents: []model.Ref{{ID: "POL-IS"}, at(4)}})
	if err == nil || !strings.Contains(err.Error(), "data/site.yaml:4:3: pack t: acknowledgements needs data/acknowledgements.yaml or CSV files under data/acknowledgements/") {
		t.Errorf("without acknowledgements: %v", err)
	}
	// The default pack leaves it out quietly.
	if _, err := PlanPack(g, DefaultPack()); err != nil {
		t.Errorf("the default pack on a site without acknowledgements: %v", err)
	}
}
