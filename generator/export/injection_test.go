package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	fx "github.com/ismsgen/ismsgen/internal/fixture"
)

// formulaGraph resolves the minimal site with a treatment action titled with each
// formula case.
func formulaGraph(t *testing.T) *resolve.Graph {
	t.Helper()
	s, err := load.Load(context.Background(), fx.Write(t, fx.Minimal().WithFormulaActions()))
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// titles maps the id column of CSV records to their title column.
func titles(t *testing.T, recs [][]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range recs[1:] {
		out[r[0]] = r[1]
	}
	return out
}

// TestCSVNeutralisesFormulas: a cell a spreadsheet would run as a formula comes out
// with a leading ', plain negative numbers and dates do not, ReadCSV gives every cell
// back as it was, and JSON is unchanged.
func TestCSVNeutralisesFormulas(t *testing.T) {
	g := formulaGraph(t)
	var b bytes.Buffer
	if err := export.Write(&b, g, export.Treatment, export.CSV); err != nil {
		t.Fatal(err)
	}
	raw, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll() // what a spreadsheet reads
	if err != nil {
		t.Fatal(err)
	}
	back, err := export.ReadCSV(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if raw[0][0] != "id" || raw[0][1] != "title" {
		t.Fatalf("header %v", raw[0])
	}
	rawTitles, backTitles := titles(t, raw), titles(t, back)
	for i, c := range fx.FormulaCases() {
		id := fx.FormulaActionID(i)
		want := c.Title
		if c.Neutralised {
			want = "'" + c.Title
		}
		if got := rawTitles[id]; got != want {
			t.Errorf("%s: CSV cell %q, want %q", id, got, want)
		}
		if got := backTitles[id]; got != c.Title {
			t.Errorf("%s: read back as %q, want %q", id, got, c.Title)
		}
	}

	var js bytes.Buffer
	if err := export.Write(&js, g, export.Treatment, export.JSON); err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal(js.Bytes(), &objs); err != nil {
		t.Fatal(err)
	}
	jsTitles := map[string]any{}
	for _, o := range objs {
		jsTitles[o["id"].(string)] = o["title"]
	}
	for i, c := range fx.FormulaCases() {
		if got := jsTitles[fx.FormulaActionID(i)]; got != c.Title {
			t.Errorf("JSON title %q, want %q unchanged", got, c.Title)
		}
	}
}
