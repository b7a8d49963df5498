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
