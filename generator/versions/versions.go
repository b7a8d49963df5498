// Package versions owns what git adds to a build of an ISMS kept in a git repository:
//
//   - per-document history: the last commit that touched each page's source ("last
//     changed on DATE by AUTHOR (commit SHORT)"), read with one git log for the whole
//     tree, and the input of the doc-changed-no-bump check;
//   - releases: the git tags matching data/site.yaml's versions.tags ("isms-*" by
//     default), each built from its own tree (read with git archive, never checked out)
//     into versions/<tag>/, with its packs, as of its tag date;
//   - the version switcher on every page of every version and the "superseded by"
//     banner on old releases;
//   - the "what changed" pages: each release against the one before it, and the working
//     tree against the latest release.
//
// Builder implements build.Versioner. Built releases are cached under .ismsgen/versions
// by commit, and reused while their tag names the same commit. Because the switcher of
// a page depends on every other release (and on the working tree), it is not part of
// what is cached: the site render leaves a slot in each page (view.SlotMarker) that
// Finish fills, for every version, once all of them are known.
package versions

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/sign"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/versions/view"
)

// Options configure the git side of a build.
type Options struct {
	// Releases builds every release into versions/<tag>/ with the switcher, banners
	// and "what changed" pages (ismsgen build --versions). Without it a build only reads
	// the history of the working tree.
	Releases bool
	// Log receives one line per release and a summary; nil for quiet.
	Log io.Writer
}

// Stats counts what the last build did with the releases.
type Stats struct {
	Releases int // releases found
	Built    int // built from their tree
	Reused   int // taken from the cache unchanged
	Failed   int // whose tree did not build
}

// Builder adds git history and releases to builds of one site. Use one Builder per
// build at a time.
type Builder struct {
	bopt build.Options
	opt  Options

	stats    Stats
	releases []*version // built or reused, newest first
	partial  *template.Template
}

// New returns the Versioner for a build with options bopt (releases are built with the
// same drafts, packs and signing options).
func New(bopt build.Options, opt Options) *Builder {
	bopt.Versions = nil
	return &Builder{bopt: bopt, opt: opt}
}

// Stats returns what the last build did with the releases.
func (b *Builder) Stats() Stats { return b.stats }

func (b *Builder) logf(format string, args ...any) {
	if b.opt.Log != nil {
		fmt.Fprintf(b.opt.Log, format+"\n", args...)
	}
}

// CheckOptions returns the checks' git input for the site g was loaded from (nil
// history outside git), for commands that check without building.
func CheckOptions(ctx context.Context, g *resolve.Graph) (check.Options, error) {
	r, err := openRepo(ctx, g.Site.Root)
	if err != nil || r == nil {
		return check.Options{}, err
	}
	h, err := r.history(ctx, "HEAD", g.Site.Config.ContentDir)
	if err != nil {
		return check.Options{}, err
	}
	return check.Options{Git: h.CheckInput()}, nil
}

// Prepare reads the history of the working tree and, with Options.Releases, builds or
// reuses every release and computes the "what changed" pages.
func (b *Builder) Prepare(ctx context.Context, g *resolve.Graph) (check.Options, *view.Versions, error) {
	b.stats, b.releases, b.partial = Stats{}, nil, nil
	r, err := openRepo(ctx, g.Site.Root)
	if err != nil {
		return check.Options{}, nil, err
	}
	var hist *History
	if r != nil {
		if hist, err = r.history(ctx, "HEAD", g.Site.Config.ContentDir); err != nil {
			// A repository git cannot read (shallow, corrupt) must not stop the build:
			// the pages go without "last changed" lines.
			b.logf("warning: reading git history: %v", err)
			hist = nil
		}
	}
	copt := check.Options{Git: hist.CheckInput()}
	vs := &view.Versions{Changed: hist.PageChanges(g)}
	if !b.opt.Releases {
		return copt, vs, nil
	}
	pattern := g.Site.Config.Versions.Tags
	if pattern == "" {
		pattern = DefaultTags
	}
	if r == nil {
		b.logf("versions: no releases found: %s is not in a git repository", g.Site.Root)
		return copt, vs, nil
	}
	rels, err := r.releases(ctx, pattern)
	if err != nil {
		return check.Options{}, nil, err
	}
	b.stats.Releases = len(rels)
	if len(rels) == 0 {
		b.logf("versions: no releases found: no git tag matches %q", pattern)
		return copt, vs, nil
	}
	if b.partial, err = loadPartial(g.Site); err != nil {
		return check.Options{}, nil, err
	}
	snaps, failed, err := b.buildReleases(ctx, r, g, rels)
	if err != nil {
		return check.Options{}, nil, err
	}
	vs.Deferred = true
	vs.Extra = b.changePages(g, snaps, failed)
	return copt, vs, nil
}

// buildReleases builds or reuses every release, newest first. A release whose tree
// does not build is reported and left out; the others still build.
func (b *Builder) buildReleases(ctx context.Context, r *repo, g *resolve.Graph, rels []Release) (map[*version]*snapshot, []string, error) {
	c := &cache{dir: filepath.Join(g.Site.Root, filepath.FromSlash(CacheDir))}
	signing, err := b.releaseSigning(g.Site)
	if err != nil {
		return nil, nil, err
	}
	// A release publishes no more than the current site does, whatever its own tree's
	// data/site.yaml says.
	limit := g.Site.Config.Publish.MaxClassification
	key := b.cacheKey(signing, limit)
	snaps := map[*version]*snapshot{}
	var failed []string
	var kept []Release
	slugs := map[string]string{}
	for _, rel := range rels {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		name := fmt.Sprintf("release %s (%s, %s)", rel.Tag, rel.Short(), model.DateOf(rel.Date))
		if other, dup := slugs[rel.Slug()]; dup {
			b.stats.Failed++
			failed = append(failed, fmt.Sprintf("%s: its directory versions/%s/ is taken by %s; rename the tag", rel.Tag, rel.Slug(), other))
			b.logf("%s: not built: its directory versions/%s/ is taken by release %s; rename the tag", name, rel.Slug(), other)
			continue
		}
		slugs[rel.Slug()] = rel.Tag
		if hit, ok := c.load(rel, key); ok {
			v := newVersion(rel.Tag, &rel, hit.files)
			b.releases, snaps[v] = append(b.releases, v), hit.snap
			kept = append(kept, rel)
			b.stats.Reused++
			b.logf("%s: reused (unchanged since it was built; cache %s)", name, CacheDir)
			continue
		}
		start := time.Now()
		res, err := b.buildRelease(ctx, r, rel, signing, limit)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			b.stats.Failed++
			failed = append(failed, fmt.Sprintf("%s: %s", rel.Tag, firstLine(err)))
			b.logf("%s: not built, its tree has errors:%s", name, indent(err))
			continue
		}
		snap := takeSnapshot(res.Graph)
		if err := c.store(rel, key, res.Files, snap); err != nil {
			b.logf("warning: caching %s: %v", name, err)
		}
		v := newVersion(rel.Tag, &rel, res.Files)
		b.releases, snaps[v] = append(b.releases, v), snap
		kept = append(kept, rel)
		b.stats.Built++
		b.logf("%s: built, %d pages, %d packs in %s", name, res.Pages, res.Packs, time.Since(start).Round(time.Millisecond))
	}
	if err := c.prune(kept); err != nil {
		b.logf("warning: pruning %s: %v", CacheDir, err)
	}
	return snaps, failed, nil
}

// buildRelease renders one release from its tree, as of its tag date, with the same
// options as the current build but never strict: an old release cannot be fixed.
func (b *Builder) buildRelease(ctx context.Context, r *repo, rel Release, signing build.Signing, limit model.Classification) (*build.Result, error) {
	t, err := r.materialize(ctx, rel)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	opt := b.bopt
	opt.Source, opt.Dest, opt.Loader, opt.Log = t.Dir, "", nil, nil
	opt.Date = model.DateOf(rel.Date)
	opt.StrictCheck = false
	opt.Release, opt.Commit, opt.Dirty = rel.Tag, rel.Commit, false
	opt.Signing = signing
	opt.MaxClassification = limit
	opt.Versions = releaseVersioner{repo: r, commit: rel.Commit}
	return build.Render(ctx, opt, site.Options{})
}

// releaseVersioner is the Versioner of a release's own render: its history as of its
// commit (over the release's own content_dir), and a slot for the switcher.
type releaseVersioner struct {
	repo   *repo
	commit string
}

func (rv releaseVersioner) Prepare(ctx context.Context, g *resolve.Graph) (check.Options, *view.Versions, error) {
	hist, err := rv.repo.history(ctx, rv.commit, g.Site.Config.ContentDir)
	if err != nil {
		return check.Options{}, nil, err
	}
	return check.Options{Git: hist.CheckInput()}, &view.Versions{Deferred: true, Changed: hist.PageChanges(g)}, nil
}

func (releaseVersioner) Finish(context.Context, *build.Result) error { return nil }

// releaseSigning returns the key material release packs are signed with (see
// Signing). With none configured, the development signer is created in the current
// site now, so that materialize can copy it into each tree.
func (b *Builder) releaseSigning(cur *model.Site) (build.Signing, error) {
	sg := Signing(cur.Root, cur.Config.Signing, b.bopt.Signing)
	if sg == (build.Signing{}) && !b.bopt.NoPack {
		if _, _, err := sign.DevSigner(filepath.Join(cur.Root, filepath.FromSlash(build.DevSigningDir)), time.Now()); err != nil {
			return build.Signing{}, err
		}
	}
	return sg, nil
}

// Signing returns the key material that signs the packs of a release: the flags', else
// the paths of cfg (data/site.yaml's signing:) resolved against the site root — the
// work tree, since private keys are never committed and so are not in a release's
// tree — else none, for the development signer that Materialize copies into the tree.
func Signing(root string, cfg model.SigningConfig, flags build.Signing) build.Signing {
	if flags != (build.Signing{}) {
		return flags
	}
	if cfg.Cert == "" && cfg.Key == "" {
		return build.Signing{}
	}
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, filepath.FromSlash(p))
	}
	return build.Signing{Cert: abs(cfg.Cert), Key: abs(cfg.Key)}
}

// cacheKey names what a release's output depends on besides its tree: the generator
// and the build options.
func (b *Builder) cacheKey(signing build.Signing, limit model.Classification) string {
	k, _ := json.Marshal(struct {
		Format         int
		Version        string
		Drafts, NoPack bool
		Cert, Key, P12 string
		Limit          model.Classification
		TSA            string `json:",omitempty"` // omitted when empty, so offline caches stay valid
	}{cacheFormat, b.bopt.Version, b.bopt.Drafts, b.bopt.NoPack, signing.Cert, signing.Key, signing.P12, limit, b.bopt.TSA})
	s := sha256.Sum256(k)
	return hex.EncodeToString(s[:])
}

// changePages returns the "what changed" pages: one per release against the release
// before it, one for the working tree against the latest release, and the list of
// releases.
func (b *Builder) changePages(g *resolve.Graph, snaps map[*version]*snapshot, failed []string) []view.Page {
	cur := side{snap: takeSnapshot(g), v: view.Version{Name: currentLabel, Date: g.Date.String(), Home: "index.html", Changes: changesPage(currentLabel)}}
	// The "what changed" pages are pages of the current site: its limit applies.
	limit := g.Site.Config.Publish.MaxClassification
	index := &view.ReleaseIndex{Current: cur.v, Failed: failed}
	var pages []view.Page
	var older *side
	for i := len(b.releases) - 1; i >= 0; i-- {
		v := b.releases[i]
		s := side{snap: snaps[v], root: v.root, v: view.Version{Name: v.label, Commit: v.rel.Commit, Short: v.rel.Short(),
			Date: model.DateOf(v.rel.Date).String(), Home: v.root + "index.html", Changes: changesPage(v.rel.Slug())}}
		title := "What changed in " + v.label
		if older == nil {
			title = v.label + ": the first release"
		}
		pages = append(pages, view.Page{Path: s.v.Changes, Layout: "changes", Title: title, Data: compare(older, s, limit)})
		index.Releases = append([]view.Version{s.v}, index.Releases...)
		older = &s
	}
	if older != nil {
		pages = append(pages, view.Page{Path: cur.v.Changes, Layout: "changes", Title: "Changes since " + older.v.Name, Data: compare(older, cur, limit)})
	}
	return append(pages, view.Page{Path: releasesPage, Layout: "releases", Title: "Releases", Data: index})
}

// Finish puts every release under versions/<tag>/ in the output and fills the switcher
// slot of every page of every version.
func (b *Builder) Finish(_ context.Context, res *build.Result) error {
	if !b.opt.Releases || b.partial == nil {
		return nil
	}
	for p := range res.Files {
		if strings.HasPrefix(p, "versions/") {
			return fmt.Errorf("the current site has a file %s, but versions/ holds the releases in a versioned build: rename it", p)
		}
	}
	sw := &switcher{versions: append([]*version{newVersion(currentLabel, nil, res.Files)}, b.releases...)}
	n, err := sw.fill(b.partial)
	if err != nil {
		return err
	}
	for _, v := range b.releases {
		for p, data := range v.files {
			res.Files[v.root+p] = data
		}
	}
	s := b.stats
	b.logf("versions: %d of %d releases in versions/ (%d built, %d reused, %d failed); version switcher on %d pages",
		s.Built+s.Reused, s.Releases, s.Built, s.Reused, s.Failed, n)
	return nil
}

func firstLine(err error) string {
	if l, ok := diag.AsList(err); ok && len(l) > 0 {
		msg := l[0].Error()
		if len(l) > 1 {
			msg += fmt.Sprintf(" (and %d more errors)", len(l)-1)
		}
		return msg
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// maxLogged is how many errors of a failed release the log shows.
const maxLogged = 20

// indent puts each error of err on its own indented line, the first maxLogged of them.
func indent(err error) string {
	var b strings.Builder
	if l, ok := diag.AsList(err); ok {
		for i, e := range l {
			if i == maxLogged {
				fmt.Fprintf(&b, "\n    ... and %d more", len(l)-maxLogged)
				break
			}
			b.WriteString("\n    " + e.Error())
		}
		return b.String()
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		b.WriteString("\n    " + line)
	}
	return b.String()
}
