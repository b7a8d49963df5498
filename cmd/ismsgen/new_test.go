package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// runNewCLI runs ismsgen with SOURCE_DATE_EPOCH fixed to 2026-11-22.
func runNewCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1795305600" // 2026-11-22T00:00:00Z
		}
		return ""
	}
	code = run(context.Background(), &stdio{out: &out, err: &errb, env: env}, args)
	return code, out.String(), errb.String()
}

func TestNewWritesFromArchetype(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	// Flags may follow the arguments, as people type them. The fixture names its IDs
	// (POL-IS), so the new one is named too.
	code, out, errs := runNewCLI(t, "new", "procedure", "Starters & leavers", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "created content/procedures/starters-leavers.md (PRO-STARTERS)") {
		t.Errorf("stdout %q", out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "content/procedures/starters-leavers.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"id: PRO-STARTERS\n", "status: draft\n", `version: "0.1"`, "date: 2026-11-22\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("missing %s in\n%s", want, b)
		}
	}
	// The same title again is refused (exit 1) and the file is left alone.
	if code, _, errs := runNewCLI(t, "new", "--source", dir, "procedure", "Starters & leavers"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("second new: exit %d, stderr %q", code, errs)
	}
	if code, out, _ := runNewCLI(t, "new", "--source", dir, "--id", "PAGE-HELP", "page", "Help"); code != 0 || !strings.Contains(out, "content/help.md (PAGE-HELP)") {
		t.Errorf("new page with --id: exit %d, %q", code, out)
	}
}

func TestNewUsage(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	for _, args := range [][]string{
		{"new"},
		{"new", "policy"},
		{"new", "memo", "Title", "--source", dir},
		{"new", "policy", "Title", "extra", "--source", dir},
		{"new", "policy", "!!!", "--source", dir},
		{"new", "policy", "Title", "--id", "bad id", "--source", dir},
		{"new", "policy", "Title", "--nope"},
	} {
		if code, _, errs := runNewCLI(t, args...); code != 2 || !strings.Contains(errs, "ismsgen: ") {
			t.Errorf("%q: exit %d, stderr %q; want usage error 2", args, code, errs)
		}
	}
	code, out, _ := runNewCLI(t, "new", "--help")
	if code != 0 || !strings.Contains(out, "Usage: ismsgen new") || !strings.Contains(out, "content/policies/, ID POL-NNN") || !strings.Contains(out, "-id") {
		t.Errorf("new --help: exit %d\n%s", code, out)
	}
	if _, out, _ := runNewCLI(t, "help"); !strings.Contains(out, "new ") {
		t.Errorf("ismsgen help does not list new:\n%s", out)
	}
}
