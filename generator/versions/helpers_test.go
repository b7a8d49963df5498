package versions_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/site"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// renderDiff prints a diff as the theme does, with <ins> and <del>.
func renderDiff(segs []site.Segment) string {
	var parts []string
	for _, s := range segs {
		switch s.Op {
		case "ins":
			parts = append(parts, "<ins>"+s.Text+"</ins>")
		case "del":
			parts = append(parts, "<del>"+s.Text+"</del>")
		case "gap":
			parts = append(parts, "…")
		default:
			parts = append(parts, s.Text)
		}
	}
	return strings.Join(parts, " ")
}

// gitRepo is a temporary git repository holding a site at its top level.
type gitRepo struct {
	t   *testing.T
	dir string
}

// newRepo makes a repository and isolates git from the machine's configuration for
// this test and for the git commands the code under test runs.
func newRepo(t *testing.T) *gitRepo {
	t.Helper()
	tooltest.Need(t, "git")
	home := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "gitconfig"))
	t.Setenv("HOME", home)
	t.Setenv("GIT_AUTHOR_NAME", "Alice Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "alice@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "Alice Author")
	t.Setenv("GIT_COMMITTER_EMAIL", "alice@example.com")
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	return r
}

// git runs git in the repository; date, when set, is the author, committer and tagger
// date.
func (r *gitRepo) git(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	// GIT_OPTIONAL_LOCKS=0 keeps the test's own git status from refreshing the index,
	// so that any change to the index file is the build's doing.
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date+"T12:00:00+00:00", "GIT_COMMITTER_DATE="+date+"T12:00:00+00:00")
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, errb.String())
	}
	return out.String()
}

// write changes the work tree: files to write, and files to delete (empty content).
func (r *gitRepo) write(files fixture.Files) {
	r.t.Helper()
	for p, content := range files {
		if content == "" {
			if err := os.Remove(filepath.Join(r.dir, filepath.FromSlash(p))); err != nil {
				r.t.Fatal(err)
			}
			delete(files, p)
		}
	}
	fixture.WriteTo(r.t, r.dir, files)
}

// commit commits every change on date.
func (r *gitRepo) commit(date, msg string) {
	r.t.Helper()
	r.git(date, "add", "-A")
	r.git(date, "commit", "-q", "-m", msg)
}

// tag makes an annotated tag of HEAD on date.
func (r *gitRepo) tag(date, name string) {
	r.t.Helper()
	r.git(date, "tag", "-a", name, "-m", "ISMS release "+name)
}

// state is what must not change when ismsgen builds: HEAD, the tags, the status of
// the index and work tree, and the index file itself.
func (r *gitRepo) state() string {
	r.t.Helper()
	st := r.git("", "rev-parse", "HEAD") + r.git("", "show-ref") + r.git("", "status", "--porcelain", "--untracked-files=all")
	idx, err := os.ReadFile(filepath.Join(r.dir, ".git", "index"))
	if err != nil {
		r.t.Fatal(err)
	}
	sum := sha256.Sum256(idx)
	return st + "index " + hex.EncodeToString(sum[:]) + "\n"
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// brokenLinks returns every relative link of every HTML page that does not resolve to a
// file of the output.
func brokenLinks(files map[string][]byte) []string {
	var bad []string
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
			u := m[1]
			if u == "" || strings.HasPrefix(u, "#") || strings.Contains(u, ":") || strings.HasPrefix(u, "//") {
				continue
			}
			u = strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0]
			target := path.Clean(path.Join(path.Dir(p), u))
			if strings.HasSuffix(u, "/") {
				target = path.Join(target, "index.html")
			}
			if _, ok := files[target]; !ok {
				bad = append(bad, p+" → "+m[1])
			}
		}
	}
	return bad
}

// switcherLinks returns the version switcher's links of a page: label → href.
func switcherLinks(t *testing.T, page []byte) map[string]string {
	t.Helper()
	html := string(page)
	start := strings.Index(html, `<nav class="version-switcher"`)
	if start < 0 {
		t.Fatalf("page has no version switcher")
	}
	end := strings.Index(html[start:], "</nav>")
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`<a href="([^"]*)"[^>]*>([^<]*)</a>`).FindAllStringSubmatch(html[start:start+end], -1) {
		out[m[2]] = m[1]
	}
	return out
}
