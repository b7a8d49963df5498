package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
)

// TestInitBuildsAndChecks writes a new ISMS, builds it with its packs and checks it, all
// in-process: it builds at once, and check is the to-do list: every SoA row undecided,
// every stub's TODO markers, the clauses no approved document covers yet, and nothing
// else (no syntax or reference error, no finding an undecided row cannot have yet).
func TestInitBuildsAndChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme-isms")
	code, out, errs := runNewCLI(t, "init", dir, "--org", "Acme: Widgets & Co")
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errs)
	}
	for _, want := range []string{"created data/site.yaml\n", "created data/soa.yaml\n", "created data/risks.yaml\n",
		"created content/policies/information-security-policy.md\n", "created .gitignore\n", "created README.md\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("init output lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := runNewCLI(t, "build", "--quiet", "--source", dir); code != 0 {
		t.Fatalf("build of the new ISMS: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/packs/stage1.pdf")); err != nil {
		t.Errorf("no pack: %v", err)
	}
	code, out, errs = runNewCLI(t, "check", "--source", dir, "--format", "json")
	if code != 1 {
		t.Fatalf("check: exit %d (want 1: the decisions are errors): %s", code, errs)
	}
	var findings []struct{ Rule, Path, Subject string }
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	todoIn := map[string]bool{}
	for _, f := range findings {
		count[f.Rule]++
		if f.Rule == check.RuleDocTodo {
			todoIn[f.Subject] = true
		}
	}
	if count[check.RuleSoANoApplicability] != 93 {
		t.Errorf("%d undecided SoA rows reported, want 93 (one per Annex A control)", count[check.RuleSoANoApplicability])
	}
	for _, id := range []string{"MAN-SCOPE", "POL-IS", "MAN-RISK", "PLN-OBJ", "REC-COMP", "REC-KPI", "REC-AUDIT", "REC-MR"} {
		if !todoIn[id] {
			t.Errorf("check reports no TODO in %s", id)
		}
	}
	for rule := range count {
		switch rule {
		// An empty audit programme audits nothing yet: the gap is on the to-do list.
		case check.RuleSoANoApplicability, check.RuleDocTodo, check.RuleClauseMissing, check.RuleAuditGap:
		default:
			t.Errorf("unexpected rule %s (%d findings)", rule, count[rule])
		}
	}

	// A second init keeps every file, edited or not.
	site := filepath.Join(dir, "data/site.yaml")
	if err := os.WriteFile(site, []byte("organisation: Edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runNewCLI(t, "init", dir, "--org", "Other")
	if code != 0 || strings.Contains(out, "created ") || !strings.Contains(out, "kept    data/site.yaml (it exists; not overwritten)") {
		t.Errorf("second init: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile(site); string(b) != "organisation: Edited\n" {
		t.Errorf("site.yaml overwritten: %q", b)
	}
	if code, _, errs := runNewCLI(t, "init", dir); code != 2 || !strings.Contains(errs, "--org is required") {
		t.Errorf("init without --org: exit %d, %q", code, errs)
	}
}

// TestInitFrameworks: --frameworks puts the built-in frameworks in force. With ISO/IEC
// 27001 and NIS2 the SoA has the 93 Annex A rows (ENISA's mapping covers NIS2); with
// NIS2 alone it has one row per NIS2 requirement, and both sites build.
func TestInitFrameworks(t *testing.T) {
	for _, tc := range []struct {
		frameworks string
		rows       int
	}{{"iso27001-2022,nis2", 93}, {"nis2", 349}} {
		dir := filepath.Join(t.TempDir(), "isms")
		if code, _, errs := runNewCLI(t, "init", dir, "--org", "Test Ltd", "--frameworks", tc.frameworks); code != 0 {
			t.Fatalf("init --frameworks %s: %s", tc.frameworks, errs)
		}
		site, err := os.ReadFile(filepath.Join(dir, "data", "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if want := "frameworks: [" + strings.ReplaceAll(tc.frameworks, ",", ", ") + "]\n"; !strings.Contains(string(site), want) {
			t.Errorf("site.yaml lacks %q:\n%s", want, site)
		}
		soa, err := os.ReadFile(filepath.Join(dir, "data", "soa.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(soa), "  - control: "); n != tc.rows {
			t.Errorf("--frameworks %s: %d SoA rows, want %d", tc.frameworks, n, tc.rows)
		}
		if code, _, errs := runNewCLI(t, "build", "--quiet", "--no-pack", "--source", dir); code != 0 {
			t.Errorf("--frameworks %s: the new ISMS does not build: %s", tc.frameworks, errs)
		}
	}
	if code, _, errs := runNewCLI(t, "init", t.TempDir(), "--org", "T", "--frameworks", "nis3"); code != 2 || !strings.Contains(errs, `unknown framework "nis3" (did you mean nis2?)`) {
		t.Errorf("--frameworks nis3: exit %d: %s", code, errs)
	}
}
