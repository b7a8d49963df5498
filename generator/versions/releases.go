package versions

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// DefaultTags is the release tag pattern when data/site.yaml sets none.
const DefaultTags = "isms-*"

// Release is an ISMS release: a git tag that matches the site's pattern.
type Release struct {
	Tag    string
	Commit string // the commit the tag points at (full hash)
	// Date is the tag's date (an annotated tag's own date, else its commit's). A release
	// is built as of this date, so its pages and packs never change and can be cached.
	Date time.Time
}

// Slug is the release's directory name under versions/ and its "what changed" page.
func (r Release) Slug() string { return urls.Slug(r.Tag) }

// Short abbreviates the commit.
func (r Release) Short() string { return short(r.Commit) }

func short(commit string) string {
	if len(commit) > 7 {
		return commit[:7]
	}
	return commit
}

// releases lists the tags matching pattern (a path.Match glob against the tag name,
// such as "isms-*"), newest first: by tag date, then by name in natural order (so
// isms-1.10 is newer than isms-1.9 when both were tagged in the same second). Tags of
// anything but a commit are skipped.
func (r *repo) releases(ctx context.Context, pattern string) ([]Release, error) {
	if pattern == "" {
		pattern = DefaultTags
	}
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("versions: tags: bad pattern %q: %v", pattern, err)
	}
	out, err := r.git(ctx, r.root, "for-each-ref",
		"--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:iso-strict)",
		"refs/tags/")
	if err != nil {
		return nil, err
	}
	var rels []Release
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Split(line, "\x00")
		if len(f) != 6 {
			continue
		}
		tag, typ, obj, peeledType, peeled, date := f[0], f[1], f[2], f[3], f[4], f[5]
		if ok, _ := path.Match(pattern, tag); !ok {
			continue
		}
		commit := obj
		if typ == "tag" {
			typ, commit = peeledType, peeled
		}
		if typ != "commit" {
			continue
		}
		d, err := time.Parse(time.RFC3339, date)
		if err != nil {
			return nil, fmt.Errorf("versions: tag %s: date %q: %v", tag, date, err)
		}
		rels = append(rels, Release{Tag: tag, Commit: commit, Date: d})
	}
	sort.SliceStable(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return resolve.NaturalLess(b.Tag, a.Tag)
	})
	return rels, nil
}

// Tree is a release's files written out to a temporary directory by Materialize.
type Tree struct {
	// Dir is the site directory of the release: build or pack it like any site.
	Dir string
	// Rev is the revision asked for (a tag name); Commit is the commit it names.
	Rev, Commit string
	// Date is the tag's date (an annotated tag's own date, else the commit's).
	Date time.Time
	tmp  string
}

// Close removes the tree.
func (t *Tree) Close() error {
	if t == nil || t.tmp == "" {
		return nil
	}
	return os.RemoveAll(t.tmp)
}

// Materialize writes the site as it is in release rev (a tag, or any commit-ish) of the
// git repository holding root into a new temporary directory and returns it with the
// commit. The tree is read with git archive, never by checking out: the user's work
// tree, index and HEAD are not touched. The site's development signer
// (.ismsgen/dev-signing) is copied in, so that packs built from the tree are signed by
// the site's key rather than a throwaway one. The caller must Close the tree.
//
// The pack command calls it for ismsgen pack --release TAG:
//
//	t, err := versions.Materialize(ctx, src, tag)
//	defer t.Close()
//	g, err := build.Resolve(ctx, nil, t.Dir, ...)
//	opt.Release, opt.Commit = tag, t.Commit
func Materialize(ctx context.Context, root, rev string) (*Tree, error) {
	r, err := openRepo(ctx, root)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("%s is not in a git repository: no release %s to read", root, rev)
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("invalid release %q", rev)
	}
	out, err := r.git(ctx, r.root, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("no release %s in the git repository at %s", rev, r.top)
	}
	commit := strings.TrimSpace(string(out))
	out, err = r.git(ctx, r.root, "for-each-ref", "--format=%(creatordate:iso-strict)", "refs/tags/"+rev)
	date, perr := time.Parse(time.RFC3339, strings.TrimSpace(string(out)))
	if err != nil || perr != nil {
		out, err = r.git(ctx, r.root, "show", "-s", "--format=%cI", commit)
		if err != nil {
			return nil, err
		}
		if date, err = time.Parse(time.RFC3339, strings.TrimSpace(string(out))); err != nil {
			return nil, err
		}
	}
	return r.materialize(ctx, Release{Tag: rev, Commit: commit, Date: date})
}

// materialize extracts a release's site directory into a temporary directory.
func (r *repo) materialize(ctx context.Context, rel Release) (*Tree, error) {
	tmp, err := os.MkdirTemp("", "ismsgen-release-")
	if err != nil {
		return nil, err
	}
	t := &Tree{Dir: filepath.Join(tmp, "site"), Rev: rel.Tag, Commit: rel.Commit, Date: rel.Date, tmp: tmp}
	if err := r.extract(ctx, rel.Commit, t.Dir); err != nil {
		t.Close()
		return nil, fmt.Errorf("release %s (%s): %w", rel.Tag, short(rel.Commit), err)
	}
	if err := copyDir(filepath.Join(r.root, filepath.FromSlash(build.DevSigningDir)), filepath.Join(t.Dir, filepath.FromSlash(build.DevSigningDir))); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// extract writes the site directory of commit into dir: git archive of the tree
// commit:prefix (the site may be a subdirectory of the repository), streamed through
// archive/tar.
func (r *repo) extract(ctx context.Context, commit, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := untar(pr, dir)
		// Drain the rest so git never blocks on a full pipe after an error.
		io.Copy(io.Discard, pr)
		done <- err
	}()
	var errb bytes.Buffer
	gitErr := r.gitTo(ctx, r.top, pw, &errb, "archive", "--format=tar", commit+":"+r.prefix)
	pw.CloseWithError(gitErr)
	tarErr := <-done
	if gitErr != nil {
		return gitErr
	}
	return tarErr
}

// untar writes the regular files and directories of a tar stream under dir. Entries
// that would land outside dir are refused; symbolic and hard links, named pipes and
// devices are skipped (a release's files are read from the tree, and a link could point
// anywhere), so the tree holds nothing the loader would refuse.
func untar(rd io.Reader, dir string) error {
	tr := tar.NewReader(rd)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(strings.TrimPrefix(h.Name, "./"))
		if name == "." {
			continue
		}
		if !fs.ValidPath(name) {
			return fmt.Errorf("archive entry %q is outside the site directory", h.Name)
		}
		full := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(full, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// copyDir copies the regular files of src (if it exists) into dst.
func copyDir(src, dst string) error {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o600)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
