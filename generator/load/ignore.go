package load

import (
	"fmt"
	"path"
	"strings"
)

// The ignore: globs of data/site.yaml leave files and directories out of the site.
//
// A pattern is a slash path relative to the content directory, matched against the
// whole path of each file and directory under it (so drafts/*.md matches drafts/a.md,
// not notes/drafts/a.md):
//
//   - * matches any run of characters other than /, ? one such character, [a-z] and
//     [^a-z] a character class, \ quotes the next character (Go's path.Match);
//   - ** as a whole segment matches any number of directories, none included:
//     **/README.md at any depth, templates/** everything under templates/;
//   - a pattern that matches a directory leaves out everything under it (templates
//     is templates/**); a trailing / makes a pattern match directories only;
//   - a leading ./ or / is dropped; .. is an error, as is a malformed class.
//
// Matching is case-sensitive, as git's is.

// ignoreRule is one compiled pattern.
type ignoreRule struct {
	pattern string   // as written
	segs    []string // the pattern's segments
	dirOnly bool     // written with a trailing /
}

// compileIgnore compiles patterns; the second result lists what is wrong with the
// patterns that cannot be used (those are left out).
func compileIgnore(patterns []string) ([]ignoreRule, []string) {
	var rules []ignoreRule
	var problems []string
	for _, p := range patterns {
		r, err := compileRule(p)
		if err != "" {
			problems = append(problems, fmt.Sprintf("ignore: pattern %q %s; write a path relative to content_dir, such as templates/** or drafts/*.md", p, err))
			continue
		}
		rules = append(rules, r)
	}
	return rules, problems
}

func compileRule(p string) (ignoreRule, string) {
	r := ignoreRule{pattern: p}
	s := strings.TrimSpace(p)
	for {
		if t, ok := strings.CutPrefix(s, "./"); ok {
			s = t
			continue
		}
		if t, ok := strings.CutPrefix(s, "/"); ok {
			s = t
			continue
		}
		break
	}
	if t, ok := strings.CutSuffix(s, "/"); ok {
		r.dirOnly, s = true, strings.TrimRight(t, "/")
	}
	if s == "" {
		return r, "is empty"
	}
	for _, seg := range strings.Split(s, "/") {
		switch {
		case seg == "" || seg == ".":
			continue
		case seg == "..":
			return r, "leaves the content directory (..)"
		case seg == "**":
			if n := len(r.segs); n > 0 && r.segs[n-1] == "**" {
				continue // a/**/**/b is a/**/b
			}
		default:
			if _, err := path.Match(seg, ""); err != nil {
				return r, fmt.Sprintf("is malformed at %q (an unclosed [ or a trailing \\)", seg)
			}
		}
		r.segs = append(r.segs, seg)
	}
	if len(r.segs) == 0 {
		return r, "is empty"
	}
	return r, ""
}

// ignored returns the pattern that leaves out rel (a slash path relative to the content
// directory; dir says whether it is a directory), or "".
func ignored(rules []ignoreRule, rel string, dir bool) string {
	name := strings.Split(rel, "/")
	for _, r := range rules {
		if r.dirOnly && !dir {
			continue
		}
		if matchSegs(r.segs, name) {
			return r.pattern
		}
	}
	return ""
}

// matchSegs matches path segments against pattern segments, ** matching any number of
// segments.
func matchSegs(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegs(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
