package checktest

import (
	"strings"
	"testing"
)

// SOC2 is the fixture turned into a SOC 2-only programme: frameworks: [soc2], a user
// catalogue with groups, descriptions, guidance and params (the user's own licensed
// text), and an SoA over its controls alone; no Annex A row anywhere.
func SOC2(t testing.TB) *Site {
	t.Helper()
	s := New(t)
	s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nframeworks: [soc2]\n")
	s.Files["data/controls/soc2.yaml"] = `catalogue: soc2
title: SOC 2 Trust Services Criteria (2017, revised 2022)
groups:
  - {id: CC6, title: Logical and physical access controls}
  - {id: CC7, title: System operations}
controls:
  - id: CC6.1
    title: Logical access security
    group: CC6
    description: Our licensed wording of the criterion, kept in our repository.
    guidance: Points of focus, in our own words.
    params: {owner_team: platform}
  - id: CC7.2
    title: Monitoring of system components
    group: CC7
`
	s.Files["data/soa.yaml"] = docControl("SOA", "Statement of Applicability", "6.1.3") + `controls:
  - control: CC6.1
    applicable: true
    reasons: [contractual]
    status: implemented
    owner: IT Manager
    evidence: [EV-1]
  - control: CC7.2
    applicable: true
    reasons: [contractual]
    status: planned
    owner: IT Manager
    target: 2026-09-30
`
	for _, p := range []string{"data/risks.yaml", "data/treatment.yaml"} {
		s.Files[p] = strings.ReplaceAll(s.Files[p], "A.8.1", "CC6.1")
	}
	s.Files["data/evidence.yaml"] = strings.ReplaceAll(s.Files["data/evidence.yaml"], "A.8.1", "CC6.1")
	s.Files["content/policies/is-policy.md"] = document("POL-IS", "Information security policy", "policy", []string{"5.2"}, []string{"CC6.1"},
		"Top management sets this policy.")
	return s
}
