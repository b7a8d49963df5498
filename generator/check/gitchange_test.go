package check_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// TestGitChanges covers doc-changed-no-bump: the policy's newest history entry is
// 1.1 of 2026-01-10 (see internal/fixture/isms).
func TestGitChanges(t *testing.T) {
	s := isms.New(t)
	g := s.Resolve(t)
	day := func(s string) model.Date {
		d, err := model.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	const bump, later = "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"
	for _, tc := range []struct {
		name string
		file check.GitFile
		want bool
	}{
		{"changed after the history date, after the bump", check.GitFile{Commit: later, Short: "2222222", Date: day("2026-03-02"), Author: "Alice", VersionCommit: bump}, true},
		{"never bumped in git, changed later", check.GitFile{Commit: later, Short: "2222222", Date: day("2026-03-02"), Author: "Alice"}, true},
		{"the last commit is the bump, committed after the history date", check.GitFile{Commit: bump, Short: "1111111", Date: day("2026-03-02"), Author: "Alice", VersionCommit: bump}, false},
		{"changed on the history date", check.GitFile{Commit: later, Short: "2222222", Date: day("2026-01-10"), Author: "Alice", VersionCommit: bump}, false},
		{"changed before the history date", check.GitFile{Commit: later, Short: "2222222", Date: day("2026-01-01"), Author: "Alice", VersionCommit: bump}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := check.RunOptions(g, check.Options{Git: check.GitHistory{policy: tc.file}})
			var got []check.Finding
			for _, f := range fs {
				if f.Rule == check.RuleDocChangedNoBump {
					got = append(got, f)
				}
			}
			if !tc.want {
				if len(got) != 0 {
					t.Fatalf("unexpected finding: %v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one %s finding, got %v", check.RuleDocChangedNoBump, got)
			}
			f := got[0]
			if f.Severity != check.Warning || f.Subject != "POL-IS" {
				t.Errorf("finding %v: want a warning about POL-IS", f)
			}
			if want := s.Pos(t, policy, "version: \"1.1\"\n    date"); f.Pos.String() != want {
				t.Errorf("finding at %s, want the newest history entry at %s", f.Pos, want)
			}
			for _, part := range []string{"commit 2222222 on 2026-03-02 by Alice", "1.1 of 2026-01-10"} {
				if !strings.Contains(f.Message, part) {
					t.Errorf("message %q does not contain %q", f.Message, part)
				}
			}
		})
	}
	// Without git history (outside a repository) the rule is silent.
	for _, f := range check.Run(g) {
		if f.Rule == check.RuleDocChangedNoBump {
			t.Errorf("finding without git history: %v", f)
		}
	}
}
