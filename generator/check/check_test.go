package check_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// findings runs the rules over the fixture.
func findings(t *testing.T, s *isms.Site) []check.Finding {
	t.Helper()
	return check.Run(s.Resolve(t))
}

func dump(fs []check.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n\t" + f.String())
	}
	return b.String()
}

func TestFixtureIsClean(t *testing.T) {
	fs := findings(t, isms.New(t))
	if len(fs) != 0 {
		t.Fatalf("the fixture should pass every rule, got %d findings:%s", len(fs), dump(fs))
	}
}

// TestSOC2OnlySite: a SOC 2-only programme (frameworks: [soc2], a user catalogue with
// descriptions, groups, guidance and params) checks clean: no Annex A control wants an
// SoA row and no ISO/IEC 27001 clause rule runs. A SOC 2 control without a row is a
// missing row; an Annex A control in its SoA is a reference to a framework not in force.
func TestSOC2OnlySite(t *testing.T) {
	s := isms.SOC2(t)
	for _, f := range check.Run(s.Resolve(t)) {
		t.Errorf("unexpected finding: %s", f)
	}
	s.Edit(t, "data/soa.yaml", "  - control: CC7.2\n", "  - control: A.5.1\n")
	_, err := isms.ResolveDir(s.Write(t), isms.Date)
	if want := `unresolved reference "A.5.1" (A.5.1 is a control of iso27001-2022, which is not in force: add iso27001-2022 to frameworks: in data/site.yaml)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("an Annex A row in a SOC 2-only SoA: %v, want %s", err, want)
	}
	s = isms.SOC2(t)
	soa := s.Files["data/soa.yaml"]
	s.Files["data/soa.yaml"] = soa[:strings.Index(soa, "  - control: CC7.2\n")]
	g := s.Resolve(t)
	var missing []string
	for _, f := range check.Run(g) {
		if f.Rule == check.RuleSoAMissingRow {
			missing = append(missing, f.Subject)
		}
	}
	if strings.Join(missing, ",") != "CC7.2" {
		t.Errorf("missing rows: %v, want CC7.2 alone", missing)
	}
}
