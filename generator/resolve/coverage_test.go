package resolve_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// nis2Site is the check fixture with NIS2 in force beside ISO/IEC 27001.
func nis2Site(t *testing.T) *isms.Site {
	s := isms.New(t)
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
	s := isms.New(t)
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

// TestFrameworkErrors: a framework, crosswalk or mapping that names what does not exist
// is an error at its position.
func TestFrameworkErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(s *isms.Site)
		wants []string
	}{
		{"unknown framework", func(s *isms.Site) {
			s.Files["data/site.yaml"] = "organisation: Test Org\ntitle: Test ISMS\nframeworks: [iso27001-2022, nis-2]\n"
		}, []string{`data/site.yaml:3:29: frameworks: unknown framework "nis-2" (did you mean "nis2"?): want iso27001-2022, nis2`}},
		{"listed twice", func(s *isms.Site) {
			s.Files["data/site.yaml"] = "organisation: Test Org\ntitle: Test ISMS\nframeworks: [iso27001-2022, iso27001-2022]\n"
		}, []string{"data/site.yaml:3:29: frameworks: iso27001-2022 is listed twice"}},
		{"crosswalk onto an unknown framework", func(s *isms.Site) {
			s.Files["data/mappings/x.yaml"] = "source: nis2\ntarget: soc2\nmappings: []\n"
		}, []string{`data/mappings/x.yaml:2:9: target: unknown framework "soc2"`}},
		{"mapping from and to what is not there", func(s *isms.Site) {
			s.Files["data/site.yaml"] = "organisation: Test Org\ntitle: Test ISMS\nframeworks: [iso27001-2022, nis2]\n"
			s.Files["data/mappings/x.yaml"] = "source: nis2\ntarget: iso27001-2022\nmappings:\n  - {from: NIS2-99.1, to: [A.5.1]}\n  - {from: NIS2-3.3.1, to: [A.9.2.1, 11.2, POL-IS], relationship: similar}\n"
		}, []string{
			`data/mappings/x.yaml:4:12: from: unresolved reference "NIS2-99.1"`,
			`data/mappings/x.yaml:5:67: invalid relationship "similar": want one of equal, subset, superset, intersects`,
			`data/mappings/x.yaml:5:29: to: unresolved reference "A.9.2.1" (this is an ISO/IEC 27001:2013 control ID`,
			`data/mappings/x.yaml:5:38: to: unresolved reference "11.2"`,
			`data/mappings/x.yaml:5:44: to: POL-IS is not a control of iso27001-2022`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := isms.New(t)
			tc.edit(s)
			_, err := isms.ResolveDir(s.Write(t), isms.Date)
			for _, want := range tc.wants {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("want %s, got:\n%v", want, err)
				}
			}
		})
	}
}
