package export_test

import (
	"os"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
)

// TestREADMEListsEveryExport keeps the README's table of exports in step with the
// register table: one row per register kept as data, with its columns in order.
func TestREADMEListsEveryExport(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, reg := range model.Registers() {
		if reg.Columns == nil || reg.Row == nil {
			continue
		}
		var cols []string
		for _, c := range reg.Columns(model.TableContext{Site: &model.Site{}}) {
			cols = append(cols, c.Name)
		}
		row := "| `" + reg.Name + "` | " + reg.Row.Noun + " | " + strings.Join(cols, ", ") + " |"
		if !strings.Contains(string(b), row) {
			t.Errorf("the README's export table lacks\n%s", row)
		}
	}
}
