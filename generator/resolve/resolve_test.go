package resolve_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// resolveSite loads and resolves a fixture site and returns the graph and every error
// as "path:line:col: message".
func resolveSite(t *testing.T, f fixture.Files, opt resolve.Options) (*resolve.Graph, []string) {
	t.Helper()
	return resolveDir(t, fixture.Write(t, f), opt)
}

// resolveDir loads and resolves the site at dir, returning the errors of both stages.
func resolveDir(t *testing.T, dir string, opt resolve.Options) (*resolve.Graph, []string) {
	t.Helper()
	site, err := load.Load(context.Background(), dir)
	var out []string
	if err != nil {
		l, ok := diag.AsList(err)
		if !ok {
			t.Fatalf("load: %v", err)
		}
		for _, e := range l {
			out = append(out, e.Error())
		}
		return nil, out
	}
	g, err := resolve.Resolve(site, opt)
	if err != nil {
		l, ok := diag.AsList(err)
		if !ok {
			t.Fatalf("resolve: %v", err)
		}
		for _, e := range l {
			out = append(out, e.Error())
		}
	}
	return g, out
}

func TestMinimalResolves(t *testing.T) {
	g, errs := resolveSite(t, fixture.Minimal(), resolve.Options{})
	if len(errs) > 0 {
		t.Fatalf("unexpected errors:\n%s", strings.Join(errs, "\n"))
	}
	ctl, ok := g.Lookup("A.8.1")
	if !ok {
		t.Fatal("A.8.1 not in graph")
	}
	var back []string
	for _, e := range g.Backlinks(ctl) {
		back = append(back, e.ID)
	}
	// The SoA row, the risk, the action and the evidence cite A.8.1.
	if got, want := strings.Join(back, ","), "SOA,R-1,RTP-1,EV-1"; got != want {
		t.Errorf("backlinks of A.8.1 = %s, want %s", got, want)
	}
	pol, _ := g.Lookup("POL-IS")
	var links []string
	for _, e := range g.Links(pol) {
		links = append(links, e.ID)
	}
	if got, want := strings.Join(links, ","), "A.5.1,R-1"; got != want {
		t.Errorf("links of POL-IS = %s, want %s", got, want)
	}
	if got := len(g.Site.Catalogue); got != 93 {
		t.Errorf("catalogue has %d controls, want 93", got)
	}
}

func TestUnresolvedReferencesArePositioned(t *testing.T) {
	doc := `---
id: POL-X
title: X
type: policy
status: draft
controls: [A.5.1, A.9.2.1]
---
Text [[NOPE]] and [[A.5.99|label]].

- item [link](missing.md) and ` + "`[[IN-CODE]]`" + `

` + "```" + `
[[IN-BLOCK]]
` + "```" + `
`
	f := fixture.Minimal().With(fixture.Files{
		"content/x.md": doc,
		"data/soa.yaml": `controls:
  - {control: A.5.1, applicable: true, documents: [POL-MISSING], evidence: [R-1]}
`,
		"data/risks.yaml": `method: {likelihood: [{value: 1}], impact: [{value: 1}], acceptance: 1}
risks:
  - {id: R-1, title: r, owner: o, likelihood: 1, impact: 1, treatment: modify, controls: [A.5.77], actions: [RTP-9]}
`,
		"data/treatment.yaml": `actions:
  - {id: RTP-1, risks: [R-404], controls: [A.5.1], evidence: [EV-404], owner: o, due: 2026-01-01, status: done}
`,
		"data/evidence.yaml": `evidence:
  - {id: EV-1, title: e, file: evidence/encryption.csv, controls: [X.1]}
`,
	})
	_, errs := resolveSite(t, f, resolve.Options{})
	want := []string{
		`content/x.md:6:19: controls: unresolved reference "A.9.2.1" (this is an ISO/IEC 27001:2013 control ID`,
		`content/x.md:8:6: unresolved reference "NOPE"`,
		`content/x.md:8:19: unresolved reference "A.5.99"`,
		`content/x.md:10:8: link to missing.md: no such document (looked for content/missing.md)`,
		`data/evidence.yaml:2:68: controls: unresolved reference "X.1"`,
		`data/risks.yaml:3:91: controls: unresolved reference "A.5.77"`,
		`data/risks.yaml:3:110: actions: unresolved reference "RTP-9"`,
		`data/soa.yaml:2:52: documents: unresolved reference "POL-MISSING"`,
		`data/soa.yaml:2:77: evidence: R-1 is a risk, not an evidence record`,
		`data/treatment.yaml:2:25: risks: unresolved reference "R-404"`,
		`data/treatment.yaml:2:63: evidence: unresolved reference "EV-404"`,
	}
	got := strings.Join(errs, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing error %q in:\n%s", w, got)
		}
	}
	for _, literal := range []string{"IN-CODE", "IN-BLOCK"} {
		if strings.Contains(got, literal) {
			t.Errorf("reference inside code was resolved: %s", got)
		}
	}
}

func TestDuplicateIDsNameBothPlaces(t *testing.T) {
	f := fixture.Minimal().With(fixture.Files{
		"content/dup.md": "---\nid: POL-IS\ntitle: Dup\ntype: policy\nstatus: draft\n---\nbody\n",
		"data/risks.yaml": `method: {likelihood: [{value: 1}], impact: [{value: 1}], acceptance: 1}
risks:
  - {id: R-1, title: a, owner: o, likelihood: 1, impact: 1}
  - {id: R-1, title: b, owner: o, likelihood: 1, impact: 1}
`,
	})
	_, errs := resolveSite(t, f, resolve.Options{})
	got := strings.Join(errs, "\n")
	for _, w := range []string{
		"content/policies/is.md:2:5: duplicate ID POL-IS: already defined at content/dup.md:2:5",
		"data/risks.yaml:4:10: duplicate ID R-1: already defined at data/risks.yaml:3:10",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

func TestLinksToMarkdownFilesResolve(t *testing.T) {
	f := fixture.Minimal().With(fixture.Files{
		"content/procedures/p.md": "---\nid: PRO-1\ntitle: P\ntype: procedure\nstatus: approved\n---\nSee [policy](../policies/is.md#information-security-policy) and [bad anchor](../policies/is.md#nope).\n",
	})
	_, errs := resolveSite(t, f, resolve.Options{})
	if len(errs) != 1 || !strings.Contains(errs[0], `content/procedures/p.md:7:65: link to ../policies/is.md#nope: content/policies/is.md has no heading with id "nope"`) {
		t.Fatalf("errors = %q", errs)
	}
}

func TestDraftsArePublishedOnlyWhenAsked(t *testing.T) {
	f := fixture.Minimal().With(fixture.Files{
		"content/d.md": "---\nid: POL-D\ntitle: Draft\ntype: policy\nstatus: draft\n---\nbody\n",
	})
	for _, drafts := range []bool{false, true} {
		g, errs := resolveSite(t, f, resolve.Options{Drafts: drafts, Date: model.NewDate(2026, 11, 1)})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		e, _ := g.Lookup("POL-D")
		found := false
		for _, d := range g.Documents() {
			found = found || d == e
		}
		if e.Published != drafts || found != drafts {
			t.Errorf("drafts=%v: published=%v listed=%v", drafts, e.Published, found)
		}
	}
}

// TestClassification: documents and registers have their own classification or the
// site's default; risks, actions and evidence records have their register's; Annex A
// controls are public and controls of a site catalogue have the site's default.
func TestClassification(t *testing.T) {
	f := fixture.Minimal().With(fixture.Files{
		"data/risks.yaml":        "document: {classification: confidential}\n" + fixture.Minimal()["data/risks.yaml"],
		"data/evidence.yaml":     "document: {classification: restricted}\n" + fixture.Minimal()["data/evidence.yaml"],
		"data/controls/own.yaml": "catalogue: Own\ncontrols:\n  - {id: OWN.1, title: Own control}\n",
		"content/public.md":      "---\nid: DOC-PUB\ntitle: Public\ntype: policy\nstatus: approved\nclassification: public\n---\nText.\n",
	})
	g, errs := resolveSite(t, f, resolve.Options{})
	if len(errs) > 0 {
		t.Fatalf("unexpected errors:\n%s", strings.Join(errs, "\n"))
	}
	for id, want := range map[string]model.Classification{
		"POL-IS": "internal", "DOC-PUB": "public",
		"REG-RISK": "confidential", "R-1": "confidential",
		"RTP": "internal", "RTP-1": "internal",
		"REG-EVIDENCE": "restricted", "EV-1": "restricted",
		"A.8.1": "public", "OWN.1": "internal",
	} {
		e, ok := g.Lookup(id)
		if !ok {
			t.Errorf("%s not in the graph", id)
			continue
		}
		if got := g.Classification(e); got != want {
			t.Errorf("Classification(%s) = %q, want %q", id, got, want)
		}
	}
}
