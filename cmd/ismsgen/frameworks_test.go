package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// TestExportCoverage: export coverage --framework nis2 writes one row per NIS2
// requirement with its derived coverage, as CSV and JSON; without --framework, or
// naming a framework not in force, it is a usage error.
func TestExportCoverage(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nframeworks: [iso27001-2022, nis2]\n")
	s.EditRow(t, "A.6.8", "status: implemented", "status: planned", "    owner: ISMS Manager\n", "    owner: ISMS Manager\n    target: 2026-12-01\n")
	dir := s.Write(t)
	export := func(args ...string) (int, string, string) {
		return runCLI(t, append([]string{"export", "coverage", "--source", dir, "--date", isms.Date}, args...)...)
	}
	code, stdout, stderr := export("--framework", "nis2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+349 || strings.Join(recs[0], ",") != "requirement,title,group,coverage,soa_status,mapped_to,documents,evidence" {
		t.Fatalf("want a header and 349 rows, got %d records starting %v", len(recs), recs[0])
	}
	code, stdout, stderr = export("--framework", "nis2", "--format", "json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(stdout), &rows); code != 0 || err != nil {
		t.Fatalf("json: exit %d, %v: %s", code, err, stderr)
	}
	for _, r := range rows {
		if r["requirement"] == "NIS2-3.3.1" {
			if r["coverage"] != "partial" || r["mapped_to"].([]any)[0] != "A.6.8 (intersects, planned)" {
				t.Errorf("NIS2-3.3.1 with A.6.8 planned: %v", r)
			}
		}
	}
	// As XLSX: one sheet with the CSV's header and rows, cell for cell.
	x := filepath.Join(t.TempDir(), "nis2.xlsx")
	if code, _, stderr := export("--framework", "nis2", "--format", "xlsx", "-o", x); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, stderr)
	}
	book, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	sheet, err := book.GetRows(book.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(sheet) != len(recs) || strings.Join(sheet[0], ",") != strings.Join(recs[0], ",") || strings.Join(sheet[len(sheet)-1], ",") != strings.Join(recs[len(recs)-1], ",") {
		t.Errorf("the XLSX coverage export has %d rows starting %v, the CSV %d starting %v", len(sheet), sheet[0], len(recs), recs[0])
	}
	for _, args := range [][]string{nil, {"--framework", "soc2"}} {
		if code, _, stderr := export(args...); code != 2 {
			t.Errorf("export coverage %v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}

// TestExportOSCAL: export oscal --model M -o FILE writes the model's JSON document, the
// same bytes on a second run; without a known --model it is a usage error.
func TestExportOSCAL(t *testing.T) {
	dir := isms.New(t).Write(t)
	out := t.TempDir()
	for _, m := range []string{"catalog", "profile", "ssp", "poam"} {
		var runs [2][]byte
		for i := range runs {
			f := filepath.Join(out, m+".json")
			if code, _, stderr := runCLI(t, "export", "oscal", "--model", m, "-o", f, "--source", dir, "--date", isms.Date); code != 0 {
				t.Fatalf("export oscal --model %s: exit %d: %s", m, code, stderr)
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			runs[i] = b
		}
		root := map[string]string{"catalog": "catalog", "profile": "profile", "ssp": "system-security-plan", "poam": "plan-of-action-and-milestones"}[m]
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(runs[0], &doc); err != nil || doc[root] == nil {
			t.Errorf("%s: not an OSCAL %s document (%v)", m, root, err)
		}
		if !bytes.Equal(runs[0], runs[1]) {
			t.Errorf("%s: two runs differ", m)
		}
	}
	for _, args := range [][]string{{"oscal"}, {"oscal", "--model", "component"}, {"soa", "--model", "ssp"}} {
		if code, _, stderr := runCLI(t, append([]string{"export", "--source", dir}, args...)...); code != 2 {
			t.Errorf("export %v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}
