package build_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// confidentialRegisters is the isms fixture with every register of the table whose
// rows are entities classified confidential in its document: block; for each register
// an internal document (citingPage) citing each of its rows and a pack of that document
// alone, named after the register; and (limit) the site limited to internal.
func confidentialRegisters(t *testing.T, limit bool) *isms.Site {
	t.Helper()
	s := isms.New(t).WithEveryRegister(t)
	samples := isms.RowSamples()
	audit := s.Files["content/records/audit.md"]
	packs := "packs:\n"
	for _, reg := range model.Registers() {
		if reg.Row == nil {
			continue
		}
		s.Edit(t, reg.File, "\n  classification: internal\n", "\n  classification: confidential\n")
		var cites []string
		for _, id := range samples[reg.Name].IDs {
			cites = append(cites, "[["+id+"]]")
		}
		id := "REC-CITE-" + strings.ToUpper(reg.Name)
		doc := strings.Replace(audit, "id: REC-AUDIT\n", "id: "+id+"\n", 1)
		doc = strings.Replace(doc, "Audit results.", "Rows: "+strings.Join(cites, ", ")+".", 1)
		s.Files["content/records/cite-"+reg.Name+".md"] = doc
		packs += "  - name: " + reg.Name + "\n    contents: [" + id + "]\n"
	}
	s.Files["data/site.yaml"] += packs
	if limit {
		s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\npublish:\n  max_classification: internal\n")
	}
	return s
}

// citingPage is the page of the document that cites a register's rows.
func citingPage(reg *model.Register) string { return "records/cite-" + reg.Name + ".html" }

// rowsOf returns the entities of a register's rows and of their parts (an audit's
// findings).
func rowsOf(g *resolve.Graph, reg *model.Register) []*resolve.Entity {
	var out []*resolve.Entity
	for _, e := range g.Entities() {
		if e.Row != nil && e.Reg != nil && e.Reg.Name == reg.Name {
			out = append(out, e)
		}
	}
	return out
}

// TestRowsTakeTheirRegistersClassification: in every register of the table, a row and a
// part of a row (an audit's finding) are classified as their register is, whatever the
// site's default: the row's page is labelled so, a page citing the row is, and so is a
// pack whose document cites it.
func TestRowsTakeTheirRegistersClassification(t *testing.T) {
	s := confidentialRegisters(t, false)
	dest, res := buildFixture(t, s)
	for _, reg := range model.Registers() {
		if reg.Row == nil {
			continue
		}
		t.Run(reg.Name, func(t *testing.T) {
			if got := label(t, dest, reg.Page); got != "confidential" {
				t.Errorf("%s is labelled %s, want confidential", reg.Page, got)
			}
			rows := rowsOf(res.Graph, reg)
			if len(rows) == 0 {
				t.Fatal("the fixture has no rows")
			}
			for _, e := range rows {
				if got := res.Graph.Classification(e); got != model.Confidential {
					t.Errorf("%s %s is classified %s, want its register's confidential", e.Kind, e.ID, got)
				}
				if got := label(t, dest, urls.Of(e)); got != "confidential" {
					t.Errorf("%s is labelled %s, want confidential", urls.Of(e), got)
				}
			}
			if got := label(t, dest, citingPage(reg)); got != "confidential" {
				t.Errorf("%s, an internal document citing the rows, is labelled %s, want confidential", citingPage(reg), got)
			}
		})
	}
	// The build's graph has given its documents' bodies to the site: plan the packs on a
	// graph of their own.
	site, err := load.Load(t.Context(), s.Write(t))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := model.ParseDate(isms.Date)
	g, err := resolve.Resolve(site, resolve.Options{Date: d})
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range g.Site.Config.Packs {
		plan, err := pack.PlanPack(g, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Classification(); got != model.Confidential {
			t.Errorf("pack %s, of a document citing the %s register's rows, is classified %s, want confidential", cfg.Name, cfg.Name, got)
		}
	}
}

// TestPublishLimitWithholdsEveryRegistersRows: under publish.max_classification:
// internal, the rows and parts of every confidential register have no page, no search
// entry and no CSV row; the page citing them shows their IDs alone, linking their
// placeholder pages, and stays internal.
func TestPublishLimitWithholdsEveryRegistersRows(t *testing.T) {
	dest, res := buildFixture(t, confidentialRegisters(t, true), func(o *build.Options) { o.NoPack = true })
	files := allFiles(t, dest)
	search := string(files[urls.SearchData])
	if !strings.Contains(search, `"i":"REC-AUDIT"`) {
		t.Fatal("the search index has no entry for REC-AUDIT")
	}
	for _, reg := range model.Registers() {
		if reg.Row == nil {
			continue
		}
		t.Run(reg.Name, func(t *testing.T) {
			if _, ok := files[reg.Page]; ok {
				t.Errorf("%s is published", reg.Page)
			}
			csv := string(files["exports/"+reg.Name+".csv"])
			citing := parseHTML(t, files[citingPage(reg)]).first(tagClass("div", "doc-body")).text()
			rows := rowsOf(res.Graph, reg)
			if len(rows) == 0 {
				t.Fatal("the fixture has no rows")
			}
			for _, e := range rows {
				if _, ok := files[urls.Withheld(e.ID)]; !ok {
					t.Errorf("%s %s has no placeholder page %s", e.Kind, e.ID, urls.Withheld(e.ID))
				}
				if _, ok := files[urls.Of(e)]; ok {
					t.Errorf("%s %s is published: %s", e.Kind, e.ID, urls.Of(e))
				}
				if strings.Contains(search, `"i":"`+e.ID+`"`) {
					t.Errorf("the search index has an entry for %s", e.ID)
				}
				if strings.Contains(csv, e.ID) {
					t.Errorf("exports/%s.csv lists %s", reg.Name, e.ID)
				}
				if e.Title != "" && strings.Contains(search, e.Title) {
					t.Errorf("the search index holds the title of %s (%q)", e.ID, e.Title)
				}
				if e.Title != "" && strings.Contains(citing, e.Title) {
					t.Errorf("%s shows the title of the withheld %s (%q)", citingPage(reg), e.ID, e.Title)
				}
			}
			if got := label(t, dest, citingPage(reg)); got != "internal" {
				t.Errorf("%s is labelled %s under the internal limit", citingPage(reg), got)
			}
		})
	}
}
