package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

func exportSite(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := isms.New(t).Write(t)
	return runCLI(t, append([]string{"export", "--source", dir, "--date", isms.Date}, args...)...)
}

func TestExportCSV(t *testing.T) {
	code, stdout, stderr := exportSite(t, "soa")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+93 || recs[0][0] != "control" || recs[1][0] != "A.5.1" {
		t.Errorf("want a header and 93 rows, got %d records starting %v", len(recs), recs[0])
	}
}

func TestExportJSONToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "risks.json")
	// Flags after the register name work too.
	code, stdout, stderr := exportSite(t, "risks", "--format", "json", "-o", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var risks []map[string]any
	if err := json.Unmarshal(b, &risks); err != nil || len(risks) != 1 || risks[0]["id"] != "R-1" {
		t.Errorf("risks.json: %v %s", err, b)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"no-such-register"},
		{"soa", "risks"},
		{"soa", "--format", "ods"},
		{"--frobnicate", "soa"},
	} {
		if code, _, stderr := exportSite(t, args...); code != 2 {
			t.Errorf("export %v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}

func TestExportContentErrors(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, "data/risks.yaml", "    actions: [RTP-1]\n", "    actions: [RTP-9]\n")
	code, stdout, stderr := runCLI(t, "export", "--source", s.Write(t), "documents")
	if code != 1 || stdout != "" || !strings.Contains(stderr, s.Pos(t, "data/risks.yaml", "RTP-9")+`: actions: unresolved reference "RTP-9"`) {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
}

func TestHelpListsCheckAndExport(t *testing.T) {
	_, stdout, _ := runCLI(t, "help")
	for _, want := range []string{"\n  check ", "\n  export "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, stdout)
		}
	}
	// Every register of the table is an export kind, named in the usage line and
	// described.
	if code, stdout, _ := runCLI(t, "export", "--help"); code != 0 || !strings.Contains(stdout, strings.Join(export.Kinds(), "|")) || !strings.Contains(stdout, "  assets           one row per asset") || len(export.Kinds()) != len(model.Registers())+2 {
		t.Errorf("export --help: exit %d\n%s", code, stdout)
	}
}

// TestExportNeutralisesFormulas: the CSV that export writes prefixes with ' every cell
// a spreadsheet would run as a formula, and only those.
func TestExportNeutralisesFormulas(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().WithFormulaActions())
	code, stdout, stderr := runCLI(t, "export", "treatment", "--source", dir, "--date", "2026-11-22")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
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

// TestExportXLSXReproducible: export --format xlsx -o writes a workbook, the same bytes
// on a second run.
func TestExportXLSXReproducible(t *testing.T) {
	dir := isms.New(t).Write(t)
	var files [2][]byte
	for i := range files {
		out := filepath.Join(t.TempDir(), "risks.xlsx")
		if code, _, stderr := runCLI(t, "export", "risks", "--source", dir, "--date", isms.Date, "--format", "xlsx", "-o", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.HasPrefix(files[0], []byte("PK\x03\x04")) || !bytes.Equal(files[0], files[1]) {
		t.Errorf("not a zip, or two runs differ (%d and %d bytes)", len(files[0]), len(files[1]))
	}
}
