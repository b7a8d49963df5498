package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportComply converts the committed comply fixture (generator/importer/comply/
// testdata/acme, in comply's own layout) and builds the result: satisfies: became
// controls: of the TSC catalogue, majorRevisions the history, comply-only fields params,
// pandoc lists numbered items; what it could not convert is in the report.
func TestImportComply(t *testing.T) {
	src := filepath.Join("..", "..", "generator", "importer", "comply", "testdata", "acme")
	dest := filepath.Join(t.TempDir(), "isms")
	code, out, errs := runCLI(t, "import", "comply", src, "--dest", dest)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"for Acme Widgets Inc.: 7 files in ",
		"standards/TSC-2017.yml: 3 controls of TSC became the catalogue data/controls/tsc-2017.yaml",
		"policies/encryption.md: satisfies TSC CC9.9, which no standard defines",
		"policies/encryption.md:33: a pandoc grid table",
		"policies/encryption.md: 1 \\pagebreak line dropped",
		"procedures/workstation.md: comply-only field cron kept in params.comply",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dest, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	enc := read("content/policies/encryption.md")
	for _, want := range []string{"id: EP\n", "type: policy\n", `version: "2.0"`, "controls: [CC6.1, CC6.7]\n",
		"date: 2019-03-03\n", "live: false", "\n1. Data at rest", "\n    1. keys are backed up."} {
		if !strings.Contains(enc, want) {
			t.Errorf("encryption.md lacks %q:\n%s", want, enc)
		}
	}
	if strings.Contains(enc, `\pagebreak`) {
		t.Error("\\pagebreak kept")
	}
	if pro := read("content/procedures/workstation.md"); !strings.Contains(pro, "id: PRO-WORKSTATION\n") || !strings.Contains(pro, "cron: 0 0 0 15 4 *") {
		t.Errorf("workstation.md:\n%s", pro)
	}
	if cat := read("data/controls/tsc-2017.yaml"); !strings.Contains(cat, `description: "Changes to infrastructure`) {
		t.Errorf("catalogue:\n%s", cat)
	}
	if !strings.Contains(read("IMPORT-REPORT.md"), "policies/encryption.md:33: a pandoc grid table") {
		t.Error("the report file lacks the grid table")
	}
	if code, _, errs := runCLI(t, "build", "--quiet", "--no-pack", "--source", dest, "--date", "2026-12-02"); code != 0 {
		t.Errorf("the converted site does not build: %s", errs)
	}
	if code, _, errs := runCLI(t, "import", "comply", src, "--dest", dest); code != 1 || !strings.Contains(errs, "is not empty") {
		t.Errorf("a second conversion into the same directory: exit %d, %s", code, errs)
	}
}
