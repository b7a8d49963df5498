package pack

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

func refs(ids ...string) []model.Ref {
	out := make([]model.Ref, len(ids))
	for i, id := range ids {
		out[i] = model.Ref{ID: id, Pos: diag.Pos{Path: "data/site.yaml", Line: 10 + i, Col: 9}}
	}
	return out
}

func itemIDs(p *Plan) []string {
	var out []string
	for _, it := range p.Items {
		if it.ID() == "" {
			out = append(out, string(it.Kind))
			continue
		}
		out = append(out, it.ID())
	}
	return out
}

func TestPlanContents(t *testing.T) {
	g, _ := synthGraph(t, 14)
	p, err := PlanPack(g, model.PackConfig{Name: "t", Contents: refs("POL-0003", "soa", "type:policy", "REG-RISK", "clauses")})
	if err != nil {
		t.Fatal(err)
	}
	// POL-0003 is listed explicitly, so type:policy does not repeat it; REG-RISK is the
	// risk register artefact.
	got := strings.Join(itemIDs(p), " ")
	if got != "POL-0003 SOA REG-RISK clauses" {
		t.Errorf("items %q", got)
	}
	kinds := map[string]ItemKind{}
	for _, it := range p.Items {
		kinds[it.ID()] = it.Kind
	}
	if kinds["SOA"] != ItemSoA || kinds["REG-RISK"] != ItemRisks || kinds["POL-0003"] != ItemDocument || kinds[""] != ItemClauses {
		t.Errorf("kinds %v", kinds)
	}
	if p.Config.Paper != "A4" || p.Title() != "t" {
		t.Errorf("defaults: paper %q title %q", p.Config.Paper, p.Title())
	}
}

func TestPlanSelectors(t *testing.T) {
	g, _ := synthGraph(t, 40)
	p, err := PlanPack(g, model.PackConfig{Name: "t", Contents: refs("type:procedure", "clause:9", "PRO-0010")})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, it := range p.Items {
		if seen[it.ID()] {
			t.Errorf("%s twice", it.ID())
		}
		seen[it.ID()] = true
		if it.ID() == "PRO-0010" && i != len(p.Items)-1 {
			t.Error("an explicitly listed document was pulled forward by a selector")
		}
	}
	// clause:9 selects the documents declaring 9.1, 9.2 and 9.3 that type:procedure left.
	for _, id := range []string{"REC-0011", "REC-0012", "REC-0013", "PRO-0009", "PRO-0010"} {
		if !seen[id] {
			t.Errorf("%s not selected", id)
		}
	}
	for _, e := range g.Documents() {
		if e.Doc != nil && e.Doc.Meta.Type == model.TypeProcedure && !seen[e.ID] {
			t.Errorf("procedure %s not selected", e.ID)
		}
	}
	for _, it := range p.Items {
		if it.Entity.Doc != nil && it.Entity.Doc.Meta.Type != model.TypeProcedure && !declaresClause(it.Entity, "9") {
			t.Errorf("%s selected by neither selector", it.ID())
		}
	}
}

func TestPlanErrors(t *testing.T) {
	g, _ := synthGraph(t, 5)
	_, err := PlanPack(g, model.PackConfig{Name: "bad", Contents: refs("NOPE", "A.5.1", "type:bogus", "clause:", "POL-0003", "POL-0003", "clauses", "clauses", "R-001")})
	list, ok := diag.AsList(err)
	if !ok {
		t.Fatalf("want a diag.List, got %v", err)
	}
	want := []string{
		`data/site.yaml:10:9: pack bad: unresolved reference "NOPE"`,
		"data/site.yaml:11:9: pack bad: A.5.1 is a control, not a document",
		`data/site.yaml:12:9: pack bad: unknown document type in "type:bogus"`,
		`data/site.yaml:13:9: pack bad: "clause:" names no clause`,
		"data/site.yaml:15:9: pack bad: POL-0003 is listed twice (first at data/site.yaml:14:9)",
		"data/site.yaml:17:9: pack bad: clauses is listed twice (first at data/site.yaml:16:9)",
		"data/site.yaml:18:9: pack bad: R-001 is a risk, not a document",
	}
	if len(list) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(list), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(list[i].Error(), w) {
			t.Errorf("error %d:\n got %s\nwant %s…", i, list[i], w)
		}
	}
}

func TestPlanMissingRegister(t *testing.T) {
	g, _ := synthGraph(t, 5)
	g.Site.SoA.Path = "" // as if data/soa.yaml did not exist
	regs := g.OfKind(resolve.KindRegister)
	for _, e := range regs {
		if e.Register == resolve.RegSoA {
			e.Register = "gone"
		}
	}
	if _, err := PlanPack(g, model.PackConfig{Name: "x", Contents: refs("soa")}); err == nil || !strings.Contains(err.Error(), "needs data/soa.yaml") {
		t.Errorf("err = %v", err)
	}
	// DefaultPack's artefacts are optional: a site without them still gets a pack.
	if _, err := PlanPack(g, DefaultPack()); err != nil {
		t.Errorf("default pack: %v", err)
	}
}

func TestDefaultPack(t *testing.T) {
	g, _ := synthGraph(t, 30)
	cfg := DefaultPack()
	if cfg.Name != "stage1" {
		t.Errorf("name %q", cfg.Name)
	}
	p, err := PlanPack(g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(itemIDs(p), " ")
	// The Stage 1 core set in reading order, found by the clauses its documents declare.
	want := "MAN-0001 MAN-0002 POL-0003 MAN-0004 MAN-0005 REG-RISK RTP SOA REG-EVIDENCE PLN-0006 REC-0007 PLN-0008 PRO-0009 PRO-0010 REC-0011 REC-0012 REC-0013 REG-0014"
	if !strings.HasPrefix(got, want) {
		t.Errorf("default pack starts\n%s\nwant\n%s", got, want)
	}
	if !strings.HasSuffix(got, "clauses") || !strings.Contains(got, "POL-0018") || !strings.Contains(got, "PRO-0017") {
		t.Errorf("default pack lacks topic policies, procedures or the clause matrix: %s", got)
	}
}

func TestPlanSources(t *testing.T) {
	g, _ := synthGraph(t, 14)
	p, err := PlanPack(g, model.PackConfig{Name: "s", AttachEvidence: true, Contents: refs("POL-0003", "soa")})
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Join(p.Sources, " ")
	for _, want := range []string{"data/site.yaml", "data/soa.yaml", "data/risks.yaml", "data/evidence.yaml",
		"evidence/record-001.csv", "content/policies/pol-0003.md",
		// POL-0003 references MAN-0004, whose title it prints.
		"content/manual/man-0004.md"} {
		if !strings.Contains(src, want) {
			t.Errorf("sources lack %s: %s", want, src)
		}
	}
	for i := 1; i < len(p.Sources); i++ {
		if p.Sources[i-1] >= p.Sources[i] {
			t.Errorf("sources not sorted and unique: %q", p.Sources)
		}
	}
}
