package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// ackSite distributes the fixture's policy to a group of three and adds an LMS export.
func ackSite(t *testing.T, csv string) *isms.Site {
	t.Helper()
	s := isms.New(t)
	s.Files["data/acknowledgements.yaml"] = "groups:\n  - name: All staff\n    members: [Ann Lee, Bo Chan, Cy Díaz]\n"
	s.Files["data/acknowledgements/lms.csv"] = csv
	s.Edit(t, "content/policies/is-policy.md", "classification: internal\n", "classification: internal\ndistribution: All staff; customers on request\n")
	return s
}

// A document distributed to a group shows how many of it acknowledged its version in
// force; an LMS export's own column names and timestamps are read.
func TestAcknowledgementCoverageShown(t *testing.T) {
	s := ackSite(t, "Employee,Team,Document ID,Version,Completed\n"+
		"Ann Lee,All staff,POL-IS,1.1,2026-01-12T09:30:00Z\n"+
		"bo  chan,All staff,POL-IS,1.0,2025-12-02\n"+
		"Ann Lee,All staff,POL-IS,1.1,2026-01-13\n")
	dest, _ := buildFixture(t, s)
	b, err := os.ReadFile(filepath.Join(dest, "policies/is-policy.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := `<dt>Acknowledged<dd><span class="ack ack-low" title="1 of 3 outstanding">2 of 3 All staff (67%) for version 1.x</span>`
	if !strings.Contains(string(b), want) {
		t.Errorf("the policy's page does not show its coverage: want %s", want)
	}
	b, err = os.ReadFile(filepath.Join(dest, "readiness.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<td>All staff</td><td data-sort="66.7"><span class="ack ack-low">2 of 3 (67%)</span></td><td>1</td>`; !strings.Contains(string(b), want) {
		t.Errorf("the readiness page does not list the policy's coverage: want %s", want)
	}
}

// Mistakes in an export are errors at their row and column, counted in characters; an
// unknown document is a reference error at its cell.
func TestAcknowledgementErrors(t *testing.T) {
	s := ackSite(t, "person,group,document,version,date\n"+
		"Cy Díaz,All staff,POL-IS,1.1,12/01/2026\n"+
		"Ann Lee,All staff,POL-XX,1.1,2026-01-12\n")
	_, err := build.Run(t.Context(), build.Options{Source: s.Write(t), Dest: filepath.Join(t.TempDir(), "public"), NoPack: true})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	if strings.Contains(err.Error(), "has no date") {
		t.Errorf("an invalid date is reported twice:\n%v", err)
	}
	for _, want := range []string{
		`data/acknowledgements/lms.csv:2:30: invalid date "12/01/2026": want YYYY-MM-DD`,
		`data/acknowledgements/lms.csv:3:19: acknowledgement: unresolved reference "POL-XX"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the errors lack %q:\n%v", want, err)
		}
	}
	s = ackSite(t, "person,document,when\nAnn Lee,POL-IS,2026-01-12\n")
	_, err = build.Run(t.Context(), build.Options{Source: s.Write(t), Dest: filepath.Join(t.TempDir(), "public"), NoPack: true})
	if err == nil || !strings.Contains(err.Error(), "data/acknowledgements/lms.csv:1:1: acknowledgements CSV has no version column") {
		t.Errorf("a CSV without a version column: %v", err)
	}
}
