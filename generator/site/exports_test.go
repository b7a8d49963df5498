package site_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/xuri/excelize/v2"
)

// TestPublishedCSVNeutralisesFormulas: the site's exports/*.csv prefix with ' every
// cell a spreadsheet would run as a formula, and only those, as ismsgen export does.
func TestPublishedCSVNeutralisesFormulas(t *testing.T) {
	out := render(t, fixture.Minimal().WithFormulaActions())
	recs, err := csv.NewReader(bytes.NewReader([]byte(page(t, out, "exports/treatment.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r[1]
	}
	for i, c := range fixture.FormulaCases() {
		want := c.Title
		if c.Neutralised {
			want = "'" + c.Title
		}
		if id := fixture.FormulaActionID(i); got[id] != want {
			t.Errorf("%s: title cell %q, want %q", id, got[id], want)
		}
	}
}

// TestPublishedXLSXBesideCSV: the site publishes each register's XLSX beside its CSV and
// links it; its cells are typed text, so a formula-like title is the title as written.
func TestPublishedXLSXBesideCSV(t *testing.T) {
	out := render(t, fixture.Minimal().WithFormulaActions())
	if p := page(t, out, "treatment/index.html"); !strings.Contains(p, `href="../exports/treatment.xlsx" download`) {
		t.Errorf("the treatment plan's page does not link its XLSX")
	}
	f, err := excelize.OpenReader(strings.NewReader(page(t, out, "exports/treatment.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r[1]
	}
	for i, c := range fixture.FormulaCases() {
		id := fixture.FormulaActionID(i)
		if got[id] != c.Title {
			t.Errorf("%s: title cell %q, want %q", id, got[id], c.Title)
		}
		if formula, _ := f.GetCellFormula(f.GetSheetList()[0], "B2"); formula != "" {
			t.Errorf("a title became the formula %q", formula)
		}
	}
}
