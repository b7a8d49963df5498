package importer

import (
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"go.yaml.in/yaml/v3"
)

// TestCellValues: the values the export writes, and those spreadsheets hold, read back.
func TestCellValues(t *testing.T) {
	for _, c := range []struct {
		typ        model.FieldType
		text, raw  string
		want, fail string
	}{
		{model.BoolField, "yes", "", "true", ""},
		{model.BoolField, "No", "", "false", ""},
		{model.BoolField, "perhaps", "", "", `"perhaps": want yes or no`},
		{model.IntField, "4", "", "4", ""},
		{model.IntField, "4.0", "", "4", ""},
		{model.IntField, "high", "", "", `"high" is not a whole number`},
		{model.DateField, "2026-11-30", "", "2026-11-30", ""},
		{model.DateField, "11/30/26", "46356", "2026-11-30", ""}, // a date cell shown in another format
		{model.DateField, "46356", "", "2026-11-30", ""},         // a day number typed into a CSV
		{model.DateField, "2026-11-30T00:00:00Z", "", "2026-11-30", ""},
		{model.DateField, "2026-02-31", "", "", `"2026-02-31" is not a date: want YYYY-MM-DD`},
		{model.ListField, "A.5.1; A.5.2", "", "A.5.1; A.5.2", ""},
		{model.ListField, "A.5.1, A.5.2", "", "A.5.1; A.5.2", ""},
		{model.TextListField, "ISO 27001, SOC 2; pen test", "", "ISO 27001, SOC 2; pen test", ""},
		{model.TextField, " =SUM(A1) ", "", "=SUM(A1)", ""},
		{model.TargetField, "at least 95%", "", "at least 95%", ""},
		{model.TargetField, "at most 2 incidents", "", "at most 2 incidents", ""},
		{model.TargetField, "≤ 0.5 %", "", "at most 0.5%", ""},
		{model.TargetField, "99.9% in 24h", "", "at least 99.9 % in 24h", ""},
		{model.TargetField, "Max 4 days", "", "at most 4 days", ""},
		{model.TargetField, "most", "", "", `"most" is not a target: want a number with its unit and direction, such as "at least 95%" or "at most 2 incidents"`},
	} {
		n, err := cellNode(model.Field{Column: "x", Path: []string{"x"}, Type: c.typ}, c.text, c.raw, 2, 3)
		switch {
		case c.fail != "":
			if err == nil || err.Error() != c.fail {
				t.Errorf("%q: error %v, want %q", c.text, err, c.fail)
			}
		case err != nil:
			t.Errorf("%q: %v", c.text, err)
		case fieldText(c.typ, n) != c.want || n.Line != 2 || n.Column != 3:
			t.Errorf("%q: %q at %d:%d, want %q at 2:3", c.text, fieldText(c.typ, n), n.Line, n.Column, c.want)
		}
	}
}

// TestFieldTextReadsTargetsOnlyInTargetFields: a mapping compares as a target in a
// target column and nowhere else, so that a second mapping-valued field would not be
// read as a target by accident.
func TestFieldTextReadsTargetsOnlyInTargetFields(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("{value: 95, unit: \"%\"}"), &doc); err != nil {
		t.Fatal(err)
	}
	n := doc.Content[0]
	if got := fieldText(model.TargetField, n); got != "at least 95%" {
		t.Errorf("target field: %q, want \"at least 95%%\"", got)
	}
	if got := fieldText(model.TextField, n); got == "at least 95%" {
		t.Errorf("text field read the mapping as a target: %q", got)
	}
}
