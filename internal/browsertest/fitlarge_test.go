package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// longValues lengthen the synthetic corpus's register cells, file by file: long owner
// names, assets, justifications with an unbroken address, measures and one long word.
var longValues = map[string][][2]string{
	"data/soa.yaml": {
		{"owner: Operations Director", "owner: Deputy Operations Director (Infrastructure and Facilities)"},
		{"justification: Needed to treat the risks of the register and meet customer contracts.",
			"justification: Needed to treat the risks of the register and meet customer contracts; see https://intranet.example.com/isms/registers/statement-of-applicability/justifications/customer-contract-obligations-2026."},
	},
	"data/risks.yaml": {
		{"asset: Service platform", "asset: Customer-facing multi-tenant service platform, its databases, backups, monitoring and deployment pipeline"},
		{"threat: External attacker or operator error", "threat: External attacker, supplier compromise or operator error during out-of-hours maintenance"},
		{"vulnerability: Gaps in the control of", "vulnerability: Misconfigurationsandundocumentedexceptions and gaps in the control of"},
	},
	"data/treatment.yaml": {
		{"measure: Control tested and operating", "measure: Control tested by the internal auditor, operating for three months, with evidence filed in the evidence register"},
		{"action: Put the selected controls in place and check that they operate.",
			"action: Put the selected controls in place, brief the teams that operate them, and check every quarter that they operate as designed."},
	},
}

// largeSite builds the synthetic corpus of the scale tests (120 documents, 300 risks
// and actions, the 93 controls) with the long cell values of longValues, and serves it.
func largeSite(t *testing.T, e *env) *env {
	t.Helper()
	dir := t.TempDir()
	if err := synth.GenerateOptions(dir, synth.Options{Docs: 120, Risks: 300}); err != nil {
		t.Fatal(err)
	}
	for file, edits := range longValues {
		full := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(full)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, ed := range edits {
			if !strings.Contains(s, ed[0]) {
				t.Fatalf("%s has no %q to lengthen", file, ed[0])
			}
			s = strings.ReplaceAll(s, ed[0], ed[1])
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := build.Render(context.Background(), build.Options{Source: dir, Date: model.NewDate(2026, 11, 22), NoPack: true, Version: "test"})
	if err != nil {
		t.Fatalf("the synthetic corpus does not build: %v", err)
	}
	s := writeSite(t, &builtSite{Name: "synthetic", Files: res.Files, Graph: res.Graph})
	return &env{site: s, origin: serve(t, s.Dir).URL, browser: e.browser}
}

// The registers of an ISMS larger than the example, with long values in their cells,
// fit the window as the example's do (testRegistersFit).
func testRegistersFitLarge(t *testing.T, e *env) {
	large := largeSite(t, e)
	ctx, m := large.tab(t)
	registersFit(t, ctx, large)
	clean(t, m)
}
