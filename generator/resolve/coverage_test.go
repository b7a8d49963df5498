package resolve_test

import (
	"testing"

	"github.com/ismsgen/ismsgen/generator/check/checktest"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// nis2Site is the check fixture with NIS2 in force beside ISO/IEC 27001.
func nis2Site(t *testing.T) *checktest.Site {
	s := checktest.New(t)
	s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nframeworks: [iso27001-2022, nis2]\n")
	return s
}

func requirement(t *testing.T, g *resolve.Graph, id string) *resolve.Requirement {
	t.Helper()
	q, ok := g.RequirementOf(id)
	if !ok {
		t.Fatalf("no requirement %s", id)
	}
	return q
}

// TestNIS2CoverageFollowsTheSoA: a NIS2 requirement that ENISA maps onto one Annex A
// control (3.3.1, event reporting, onto A.6.8) is covered while the control is
// implemented, partly covered while it is planned, and a gap once it is not implemented
// or excluded.
func TestNIS2CoverageFollowsTheSoA(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  []string
		level resolve.Level
	}{
		{"implemented", nil, resolve.Covered},
		{"planned", []string{"status: implemented", "status: planned"}, resolve.PartlyCovered},
		{"not implemented", []string{"status: implemented", "status: not-implemented"}, resolve.Gap},
		{"excluded", []string{"applicable: true", "applicable: false"}, resolve.Gap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := nis2Site(t)
			if tc.edit != nil {
				s.EditRow(t, "A.6.8", tc.edit...)
			}
			g := s.Resolve(t)
			q := requirement(t, g, "NIS2-3.3.1")
			if q.Level != tc.level {
				t.Errorf("NIS2-3.3.1 with A.6.8 %s: coverage %s, want %s (targets %+v)", tc.name, q.Level, tc.level, q.Targets)
			}
			if !q.Mapped || len(q.Targets) != 1 || q.Targets[0].ID != "A.6.8" {
				t.Errorf("NIS2-3.3.1 targets: %+v", q.Targets)
			}
			if len(q.Evidence) != 1 || q.Evidence[0].ID != "EV-1" {
				t.Errorf("NIS2-3.3.1 evidence: %v, want EV-1 (A.6.8's)", q.Evidence)
			}
		})
	}
}

// TestCoverageRules holds each relationship to the README's rule, with clause targets:
// the fixture declares 6.1.2 in an approved document and never declares 5.3.
func TestCoverageRules(t *testing.T) {
	const mapping = "source: mini\ntarget: iso27001-2022\nmappings:\n" +
		"  - {from: M.EQ, to: [A.5.7, A.5.8], relationship: equal}\n" +
		"  - {from: M.SUP, to: [A.5.7], relationship: superset}\n" +
		"  - {from: M.INT, to: [A.5.7, 6.1.2.a], relationship: intersects}\n" +
		"  - {from: M.INTGAP, to: [A.5.7, 5.3]}\n" +
		"  - {from: M.NONE, to: [5.3]}\n"
	s := checktest.New(t)
	s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nframeworks: [iso27001-2022, mini]\n")
	s.Files["data/controls/mini.yaml"] = "catalogue: mini\ncontrols:\n  - {id: M.EQ, title: a}\n  - {id: M.SUP, title: b}\n  - {id: M.INT, title: c}\n  - {id: M.INTGAP, title: d}\n  - {id: M.NONE, title: e}\n  - {id: M.OWN, title: f}\n"
	s.Files["data/mappings/mini.yaml"] = mapping
	s.EditRow(t, "A.5.8", "status: implemented", "status: not-implemented")
	s.Edit(t, "data/soa.yaml", "controls:\n", "controls:\n  - control: M.OWN\n    applicable: true\n    reasons: [business]\n    status: partial\n    owner: CISO\n    target: 2026-12-01\n")
	g := s.Resolve(t)
	for id, want := range map[string]resolve.Level{
		"M.EQ":     resolve.Covered,       // one equal target met is enough
		"M.SUP":    resolve.PartlyCovered, // the requirement asks more than A.5.7
		"M.INT":    resolve.Covered,       // every intersecting target met (6.1.2.a: 6.1.2 is declared)
		"M.INTGAP": resolve.PartlyCovered, // 5.3 is declared by no document
		"M.NONE":   resolve.Gap,
		"M.OWN":    resolve.PartlyCovered, // its own SoA row decides
	} {
		if q := requirement(t, g, id); q.Level != want {
			t.Errorf("%s: coverage %s, want %s (targets %+v)", id, q.Level, want, q.Targets)
		}
	}
	if g.Mapped("M.OWN") || !g.Mapped("M.EQ") {
		t.Errorf("Mapped: M.OWN %v, M.EQ %v", g.Mapped("M.OWN"), g.Mapped("M.EQ"))
	}
}
