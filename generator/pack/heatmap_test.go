package pack

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// The risk register's heat maps in a pack: the likelihood axis points up (the highest
// likelihood is the top row) and the legend explains the acceptance threshold's line.
func TestPackHeatMapAxesAndThreshold(t *testing.T) {
	g := resolveDir(t, fixture.Write(t, fixture.Minimal()))
	_, res := render(t, g, model.PackConfig{Name: "risks", Contents: []model.Ref{{ID: resolve.RegRisks}}})
	txt := normalise(text(t, writePDF(t, res.PDF)))
	if strings.Contains(txt, "Likelihood ↓") || !strings.Contains(txt, "Likelihood ↑") {
		t.Error(`the heat map's likelihood label does not point up ("Likelihood ↑")`)
	}
	if !strings.Contains(txt, "Acceptance threshold: levels up to 3 acceptable") {
		t.Error("the heat map's legend does not explain the acceptance threshold")
	}
}

// The risk register's levels print in the scales' words, as the site shows them.
func TestPackRiskLevelsInScaleWords(t *testing.T) {
	g := resolveDir(t, fixture.Write(t, fixture.Minimal()))
	_, res := render(t, g, model.PackConfig{Name: "risks", Contents: []model.Ref{{ID: resolve.RegRisks}}})
	txt := normalise(runTool(t, "pdftotext", writePDF(t, res.PDF), "-"))
	// likelihood 2 (Medium) × impact 3 (Severe) = 6 High, residual 1 (Low) × 3 (Severe) = 3 Medium.
	for _, want := range []string{"Medium × Severe = 6 High", "Low × Severe = 3 Medium"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the pack's risk register does not say %q", want)
		}
	}
}
