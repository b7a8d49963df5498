package export_test

import (
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// The acknowledgements export has a row per distributed document and group: who of the
// group acknowledged the major version in force (an acknowledgement of an earlier
// major version does not count), the coverage, and who is still to acknowledge.
func TestAcknowledgementsExport(t *testing.T) {
	s := isms.New(t)
	s.Files["data/acknowledgements.yaml"] = "groups:\n  - name: All staff\n    members: [Ann Lee, Bo Chan, Cy Dee]\n"
	s.Files["data/acknowledgements/lms.csv"] = "person,group,document,version,date\n" +
		"Ann Lee,All staff,POL-IS,1.0,2026-03-01\n" +
		"Bo Chan,All staff,POL-IS,0.9,2025-03-01\n"
	s.Edit(t, "content/policies/is-policy.md", "classification: internal\n", "classification: internal\ndistribution: All staff\n")
	header, rows := readCSV(t, s.Resolve(t), "acknowledgements")
	want := []string{"document", "title", "version", "approved", "group", "members", "acknowledged", "outstanding", "coverage", "pending"}
	if len(header) != len(want) {
		t.Fatalf("header %v, want %v", header, want)
	}
	if len(rows) != 1 {
		t.Fatalf("%d rows, want the one distributed document: %v", len(rows), rows)
	}
	r := byKey(t, rows, "document", "POL-IS")
	for k, v := range map[string]string{"group": "All staff", "members": "3", "acknowledged": "1", "outstanding": "2", "coverage": "33", "pending": "Bo Chan; Cy Dee"} {
		if r[k] != v {
			t.Errorf("%s = %q, want %q", k, r[k], v)
		}
	}
}
