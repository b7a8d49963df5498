package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// runCLI runs ismsgen with args and returns the exit status and both streams.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(string) string { return "" }
	code = run(context.Background(), &stdio{out: &out, err: &errb, env: env}, args)
	return code, out.String(), errb.String()
}

// checkSite writes the fixture after edit and runs check on it with extra args.
func checkSite(t *testing.T, edit func(s *isms.Site), args ...string) (code int, stdout, stderr string, s *isms.Site) {
	t.Helper()
	s = isms.New(t)
	if edit != nil {
		edit(s)
	}
	dir := s.Write(t)
	code, stdout, stderr = runCLI(t, append([]string{"check", "--source", dir, "--date", isms.Date}, args...)...)
	return code, stdout, stderr, s
}

func noOwner(t *testing.T) func(s *isms.Site) {
	return func(s *isms.Site) { s.Edit(t, "data/risks.yaml", "    owner: IT Manager\n", "") }
}

func noReason(t *testing.T) func(s *isms.Site) {
	return func(s *isms.Site) { s.EditRow(t, "A.5.7", "    reasons: [risk]\n", "") }
}

func TestCheckExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(t *testing.T) func(s *isms.Site)
		args []string
		code int
	}{
		{"clean", nil, nil, 0},
		{"error", noOwner, nil, 1},
		{"warning", noReason, nil, 0},
		{"warning under --strict", noReason, []string{"--strict"}, 1},
		{"clean under --strict", nil, []string{"--strict"}, 0},
		{"bad flag", nil, []string{"--frobnicate"}, 2},
		{"bad format", nil, []string{"--format", "xml"}, 2},
		{"bad date", nil, []string{"--date", "2026-13-01"}, 2},
		{"stray argument", nil, []string{"content"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var edit func(s *isms.Site)
			if tc.edit != nil {
				edit = tc.edit(t)
			}
			code, stdout, stderr, _ := checkSite(t, edit, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			if tc.code == 2 && !strings.Contains(stderr, "Run 'ismsgen check --help'") {
				t.Errorf("usage errors say how to get help; stderr:\n%s", stderr)
			}
		})
	}
}

func TestCheckMissingSource(t *testing.T) {
	if code, _, stderr := runCLI(t, "check", "--source", t.TempDir()+"/nope"); code != 2 {
		t.Errorf("a missing --source is a usage error, got %d: %s", code, stderr)
	}
}

func TestCheckText(t *testing.T) {
	code, stdout, _, s := checkSite(t, func(s *isms.Site) {
		noOwner(t)(s)
		noReason(t)(s)
	})
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	// Sorted by path: data/risks.yaml before data/soa.yaml.
	want := fmt.Sprintf("%s: error: risk R-1 has no owner: name the person or role accountable for it (owner:) [risk-no-owner]\n"+
		"%s: warning: A.5.7 is applicable but the SoA gives no reason for including it: set reasons: to risk, legal, contractual or business [soa-no-reason]\n"+
		"1 error, 1 warning\n",
		s.Pos(t, "data/risks.yaml", "id: R-1"), s.Pos(t, "data/soa.yaml", "control: A.5.7\n"))
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if code, stdout, _, _ := checkSite(t, nil); code != 0 || stdout != "0 errors, 0 warnings\n" {
		t.Errorf("clean: exit %d, stdout %q", code, stdout)
	}
}

func TestCheckJSON(t *testing.T) {
	code, stdout, _, s := checkSite(t, noOwner(t), "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	pos := s.Pos(t, "data/risks.yaml", "id: R-1") // data/risks.yaml:L:C
	parts := strings.Split(pos, ":")
	if len(got) != 1 || got[0]["rule"] != "risk-no-owner" || got[0]["severity"] != "error" || got[0]["subject"] != "R-1" ||
		got[0]["path"] != "data/risks.yaml" || fmt.Sprint(got[0]["line"]) != parts[1] || fmt.Sprint(got[0]["col"]) != parts[2] ||
		!strings.HasPrefix(got[0]["message"].(string), "risk R-1 has no owner") {
		t.Errorf("JSON findings: %v", got)
	}
	// The same document decodes back into check.Finding.
	var fs []check.Finding
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil || len(fs) != 1 || fs[0].Pos.String() != pos {
		t.Errorf("decode into check.Finding: %v %v", err, fs)
	}
	if _, stdout, _, _ := checkSite(t, nil, "--format", "json"); strings.TrimSpace(stdout) != "[]" {
		t.Errorf("no findings is an empty list, got %q", stdout)
	}
}

func TestCheckGitHub(t *testing.T) {
	code, stdout, _, s := checkSite(t, func(s *isms.Site) {
		noOwner(t)(s)
		noReason(t)(s)
	}, "--format", "github")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	annotation := func(sev, pos, rule, msg string) string {
		p := strings.Split(pos, ":")
		return fmt.Sprintf("::%s file=%s,line=%s,col=%s,title=%s::%s", sev, p[0], p[1], p[2], rule, msg)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	want := []string{
		annotation("error", s.Pos(t, "data/risks.yaml", "id: R-1"), "risk-no-owner",
			"risk R-1 has no owner: name the person or role accountable for it (owner:)"),
		annotation("warning", s.Pos(t, "data/soa.yaml", "control: A.5.7\n"), "soa-no-reason",
			"A.5.7 is applicable but the SoA gives no reason for including it: set reasons: to risk, legal, contractual or business"),
		"1 error, 1 warning",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, strings.Join(want, "\n"))
	}
	f := check.Finding{Rule: "x", Severity: check.Error, Message: "100% sure\nreally", Pos: diag.Pos{Path: "content/a,b:c.md"}}
	if got := githubAnnotation(f); got != "::error file=content/a%2Cb%3Ac.md,title=x::100%25 sure%0Areally" {
		t.Errorf("escaping: %s", got)
	}
}

// TestCheckReportsLoadAndResolveErrors: content errors come out in the chosen format,
// with the rule IDs syntax and reference, and exit 1.
func TestCheckReportsLoadAndResolveErrors(t *testing.T) {
	edit := func(s *isms.Site) {
		s.Edit(t, "data/risks.yaml", "    actions: [RTP-1]\n", "    actions: [RTP-9]\n")
		s.Edit(t, "data/treatment.yaml", "    owner: IT Manager\n", "    ownr: IT Manager\n")
	}
	code, stdout, _, s := checkSite(t, edit)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		s.Pos(t, "data/risks.yaml", "RTP-9") + `: error: actions: unresolved reference "RTP-9" [reference]`,
		s.Pos(t, "data/treatment.yaml", "ownr") + `: error: unknown key "ownr" (did you mean "owner"?) [syntax]`,
		"2 errors, 0 warnings",
	} {
		if !strings.Contains(stdout, want+"\n") {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _, _ = checkSite(t, edit, "--format", "github")
	if code != 1 || !strings.Contains(stdout, ",title=reference::actions: unresolved reference \"RTP-9\"\n") {
		t.Errorf("github format, exit %d:\n%s", code, stdout)
	}
}
