package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// coverText is the text of a pack's first page, with runs of white space made one space.
func coverText(t *testing.T, pdf string) string {
	t.Helper()
	out, err := exec.Command(tooltest.Need(t, "pdftotext"), "-f", "1", "-l", "1", pdf, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestCoverNamesTheWorkingTree: a pack built from a git working tree names HEAD on its
// cover, and says when the tree has uncommitted changes; its manifest then names no
// commit, since the sources are not that commit's.
func TestCoverNamesTheWorkingTree(t *testing.T) {
	dir := gitSite(t)
	head, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	commit := strings.TrimSpace(string(head))
	pdf := filepath.Join(dir, "public", "packs", "stage1.pdf")
	manifestCommit := func() string {
		var m struct{ Commit string }
		b, _ := os.ReadFile(filepath.Join(dir, "public", "packs", "stage1.manifest.json"))
		json.Unmarshal(b, &m)
		return m.Commit
	}
	if code, out, errs := runCLI(t, "pack", "--source", dir, "--date", "2026-03-01", "--quiet"); code != 0 {
		t.Fatalf("pack: %s%s", out, errs)
	}
	cover := coverText(t, pdf)
	if !strings.Contains(cover, "ISMS release working tree at commit "+commit[:12]+" Build date") {
		t.Errorf("clean tree: cover says\n%s", cover)
	}
	if manifestCommit() != commit {
		t.Errorf("clean tree: manifest commit %q, want %q", manifestCommit(), commit)
	}

	os.WriteFile(filepath.Join(dir, "content", "draft-notes.md"), []byte("# Notes\n"), 0o644)
	if code, out, errs := runCLI(t, "build", "--source", dir, "--date", "2026-03-01", "--quiet"); code != 0 {
		t.Fatalf("build: %s%s", out, errs)
	}
	cover = coverText(t, pdf)
	if !strings.Contains(cover, "ISMS release working tree at commit "+commit[:12]+", with uncommitted changes Build date") {
		t.Errorf("dirty tree: cover says\n%s", cover)
	}
	if manifestCommit() != "" {
		t.Errorf("dirty tree: manifest names commit %q", manifestCommit())
	}
}
