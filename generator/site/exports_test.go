package site_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
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
