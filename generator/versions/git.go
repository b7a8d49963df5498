package versions

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// repo is the git repository that holds a site directory. Every command runs with -C,
// so ismsgen never changes its own working directory, and only reads: no command here
// touches the user's work tree, index or HEAD.
type repo struct {
	root   string // the site directory (absolute)
	top    string // the repository's top-level directory
	prefix string // the site directory relative to top, "" or ending in "/"
}

// openRepo returns the repository holding root, or nil when root is not in one (or git
// is not installed): a site outside git builds as before.
func openRepo(ctx context.Context, root string) (*repo, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, nil
	}
	r := &repo{root: abs}
	out, err := r.git(ctx, abs, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		// Not a repository, or a bare one: nothing to read releases from.
		return nil, nil
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	r.top = lines[0]
	if len(lines) > 1 {
		r.prefix = lines[1]
	}
	return r, nil
}

// gitEnv is the environment of every git command. GIT_OPTIONAL_LOCKS=0 stops git from
// refreshing the index as a side effect of reading, so a build running beside the
// author's editor or IDE never takes index.lock.
func gitEnv() []string {
	return append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
}

// git runs git in dir and returns its standard output. The error carries git's own
// message.
func (r *repo) git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	var out, errb bytes.Buffer
	if err := r.gitTo(ctx, dir, &out, &errb, args...); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// gitTo runs git in dir with its standard output going to w (for archives, which can
// be large: they are streamed, never held whole).
func (r *repo) gitTo(ctx context.Context, dir string, w io.Writer, errb *bytes.Buffer, args ...string) error {
	if errb == nil {
		errb = &bytes.Buffer{}
	}
	// core.quotepath=off prints non-ASCII paths as they are instead of octal escapes.
	full := append([]string{"-C", dir, "-c", "core.quotepath=off"}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Env = gitEnv()
	cmd.Stdout = w
	cmd.Stderr = errb
	if err := cmd.Run(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		msg := strings.TrimSpace(errb.String())
		var ee *exec.ExitError
		if errors.As(err, &ee) && msg != "" {
			return fmt.Errorf("git %s: %s", args[0], msg)
		}
		return fmt.Errorf("git %s: %w", args[0], err)
	}
	return nil
}

// hasCommits reports whether HEAD names a commit (a fresh repository has none).
func (r *repo) hasCommits(ctx context.Context) bool {
	_, err := r.git(ctx, r.root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	return err == nil
}

// WorkingTree describes the working tree of the site at root for pack covers: the commit
// HEAD names (abbreviated by the caller) and whether anything under the site differs
// from it, untracked files included (ignored ones not). A site outside git gives "" and
// false; a repository without commits, "" and true.
func WorkingTree(ctx context.Context, root string) (commit string, dirty bool, err error) {
	r, err := openRepo(ctx, root)
	if r == nil || err != nil {
		return "", false, err
	}
	if !r.hasCommits(ctx) {
		return "", true, nil
	}
	out, err := r.git(ctx, r.root, "rev-parse", "HEAD")
	if err != nil {
		return "", false, err
	}
	status, err := r.git(ctx, r.root, "status", "--porcelain", "--untracked-files=normal", "--", ".")
	if err != nil {
		return "", false, err
	}
	return strings.TrimSpace(string(out)), len(bytes.TrimSpace(status)) > 0, nil
}
