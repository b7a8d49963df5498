package load

import "testing"

// TestIgnoreGlobSyntax pins the syntax of ignore: patterns (ignore.go).
func TestIgnoreGlobSyntax(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		path    string
		dir     bool
		want    bool
	}{
		// Anchored at the content directory, whole paths.
		{"drafts/*.md", "drafts/a.md", false, true},
		{"drafts/*.md", "notes/drafts/a.md", false, false},
		{"drafts/*.md", "drafts/deeper/a.md", false, false},
		{"*.md", "a.md", false, true},
		{"*.md", "x/a.md", false, false},
		{"README.md", "README.md", false, true},
		{"README.md", "readme.md", false, false}, // case-sensitive
		// * and ? stay within a segment; classes and escapes as path.Match.
		{"a*", "a/b", true, false},
		{"a*", "abc", true, true},
		{"?.md", "a.md", false, true},
		{"?.md", "ab.md", false, false},
		{"[a-c].md", "b.md", false, true},
		{"[^a-c].md", "b.md", false, false},
		{`\*.md`, "*.md", false, true},
		{`\*.md`, "a.md", false, false},
		// ** is any number of segments, none included.
		{"**/old", "old", true, true},
		{"**/old", "a/b/old", true, true},
		{"**/old", "a/b/older", true, false},
		{"templates/**", "templates", true, true},
		{"templates/**", "templates/a/b.md", false, true},
		{"a/**/b.md", "a/b.md", false, true},
		{"a/**/b.md", "a/x/y/b.md", false, true},
		{"a/**/**/b.md", "a/x/b.md", false, true},
		{"**", "anything/at/all", false, true},
		// A trailing / matches directories only; ./ and / in front are dropped.
		{"templates/", "templates", true, true},
		{"templates/", "templates", false, false},
		{"./notes/x.md", "notes/x.md", false, true},
		{"/CHANGELOG.md", "CHANGELOG.md", false, true},
		{"/CHANGELOG.md", "docs/CHANGELOG.md", false, false},
		{"a//b", "a/b", false, true},
	} {
		rules, problems := compileIgnore([]string{tc.pattern})
		if len(problems) > 0 {
			t.Errorf("%q: %v", tc.pattern, problems)
			continue
		}
		if got := ignored(rules, tc.path, tc.dir) != ""; got != tc.want {
			t.Errorf("pattern %q, path %q (dir %v): ignored = %v, want %v", tc.pattern, tc.path, tc.dir, got, tc.want)
		}
	}
	for _, bad := range []string{"", "  ", "/", "./", "../x", "a/../../b", "[", `x\`} {
		if _, problems := compileIgnore([]string{bad}); len(problems) != 1 {
			t.Errorf("pattern %q: want one problem, got %v", bad, problems)
		}
	}
}
