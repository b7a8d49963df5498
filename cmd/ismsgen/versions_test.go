package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// gitSite makes a git repository holding fixture.Minimal, tagged isms-1.0, with the
// policy then edited and committed without a version bump.
func gitSite(t *testing.T) string {
	t.Helper()
	tooltest.Need(t, "git")
	home := t.TempDir()
	for k, v := range map[string]string{"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": filepath.Join(home, "gitconfig"), "HOME": home,
		"GIT_AUTHOR_NAME": "Alice", "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": "Alice", "GIT_COMMITTER_EMAIL": "a@example.com"} {
		t.Setenv(k, v)
	}
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{".gitignore": "public/\n.ismsgen/\n"}))
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date+"T10:00:00Z", "GIT_COMMITTER_DATE="+date+"T10:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("2026-01-15", "init", "-q", "-b", "main")
	git("2026-01-15", "add", "-A")
	git("2026-01-15", "commit", "-q", "-m", "ISMS")
	git("2026-01-15", "tag", "-a", "isms-1.0", "-m", "first release")
	p := filepath.Join(dir, "content", "policies", "is.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "We protect information.", "We protect all information.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	git("2026-02-01", "commit", "-q", "-am", "reword without a bump")
	return dir
}

func TestBuildVersionsFlag(t *testing.T) {
	dir := gitSite(t)
	code, out, errs := runCLI(t, "build", "--source", dir, "--date", "2026-03-01", "--no-pack", "--versions")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "release isms-1.0 (") || !strings.Contains(out, "1 of 1 releases in versions/ (1 built, 0 reused, 0 failed)") {
		t.Errorf("output:\n%s", out)
	}
	for _, p := range []string{"versions/isms-1.0/index.html", "changes/current.html", "changes/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(p))); err != nil {
			t.Error(err)
		}
	}
	_, out, _ = runCLI(t, "build", "--source", dir, "--date", "2026-03-01", "--no-pack", "--versions")
	if !strings.Contains(out, "(0 built, 1 reused, 0 failed)") {
		t.Errorf("second build does not reuse the release:\n%s", out)
	}
	// Without --versions, no releases; the history still shows.
	_, out, _ = runCLI(t, "build", "--source", dir, "--date", "2026-03-01", "--no-pack")
	if strings.Contains(out, "release") {
		t.Errorf("a plain build mentions releases:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "versions")); err == nil {
		t.Error("a plain build wrote versions/")
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "policies", "is.html"))
	if err != nil || !strings.Contains(string(page), "Last changed on 2026-02-01 by Alice") {
		t.Errorf("no last-changed line: %v", err)
	}
}

func TestCheckFlagsChangeWithoutBump(t *testing.T) {
	dir := gitSite(t)
	_, out, _ := runCLI(t, "check", "--source", dir, "--date", "2026-03-01")
	if !strings.Contains(out, "content/policies/is.md:14:") || !strings.Contains(out, "[doc-changed-no-bump]") {
		t.Errorf("check does not flag the change without a version bump:\n%s", out)
	}
}

func TestPackRelease(t *testing.T) {
	dir := gitSite(t)
	code, out, errs := runCLI(t, "pack", "--source", dir, "--release", "isms-1.0")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	m, err := os.ReadFile(filepath.Join(dir, "public", "versions", "isms-1.0", "packs", "stage1.manifest.json"))
	if err != nil || !strings.Contains(string(m), `"release": "isms-1.0"`) || !strings.Contains(string(m), `"commit": "`) {
		t.Errorf("release pack manifest: %v\n%s", err, m)
	}
	if code, _, errs := runCLI(t, "pack", "--source", dir, "--release", "isms-9"); code != 1 || !strings.Contains(errs, "no release isms-9") {
		t.Errorf("unknown release: exit %d: %s", code, errs)
	}
}
