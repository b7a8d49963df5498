package versions

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
)

// releaseSet is every release of one build, resolved (or read from the cache) but not
// yet rendered: enough to know every version's pages before any is rendered.
type releaseSet struct {
	repo    *repo
	cache   *cache
	key     string // the cache key of the build options
	signing build.Signing
	limit   model.Classification
	built   []*version // releases that resolve, newest first
	snaps   map[*version]*snapshot
	failed  []string
	kept    []Release
	work    map[*version]*releaseWork
}

// releaseWork is what rendering a release needs beyond its version: its tree (read
// when the cache cannot serve it) and its content directory.
type releaseWork struct {
	rel        Release
	name       string
	tree       *Tree
	loader     *load.Loader
	contentDir string
	pages      []string
	snap       *snapshot
}

func (rs *releaseSet) close() {
	for _, w := range rs.work {
		if w.tree != nil {
			w.tree.Close()
		}
	}
}

// newReleases resolves every release, newest first, or takes its pages and snapshot
// from the cache. A release whose tree does not build is reported and left out; the
// others still build.
func (b *Builder) newReleases(ctx context.Context, r *repo, g *resolve.Graph, rels []Release) (*releaseSet, error) {
	signing, err := b.releaseSigning(g.Site)
	if err != nil {
		return nil, err
	}
	// A release publishes no more than the current site does, whatever its own tree's
	// data/site.yaml says.
	limit := g.Site.Config.Publish.MaxClassification
	rs := &releaseSet{repo: r, cache: &cache{dir: filepath.Join(g.Site.Root, filepath.FromSlash(CacheDir))},
		key: b.cacheKey(signing, limit), signing: signing, limit: limit,
		snaps: map[*version]*snapshot{}, work: map[*version]*releaseWork{}}
	slugs := map[string]string{}
	for _, rel := range rels {
		if err := ctx.Err(); err != nil {
			rs.close()
			return nil, err
		}
		name := fmt.Sprintf("release %s (%s, %s)", rel.Tag, rel.Short(), model.DateOf(rel.Date))
		if other, dup := slugs[rel.Slug()]; dup {
			b.stats.Failed++
			rs.failed = append(rs.failed, fmt.Sprintf("%s: its directory versions/%s/ is taken by %s; rename the tag", rel.Tag, rel.Slug(), other))
			b.logf("%s: not built: its directory versions/%s/ is taken by release %s; rename the tag", name, rel.Slug(), other)
			continue
		}
		slugs[rel.Slug()] = rel.Tag
		w := &releaseWork{rel: rel, name: name}
		var snap *snapshot
		if hit, ok := rs.cache.meta(rel, rs.key); ok {
			w.pages, snap = hit.stamp.Pages, hit.snap
		} else {
			if err := rs.resolve(ctx, w); err != nil {
				if ctx.Err() != nil {
					rs.close()
					return nil, ctx.Err()
				}
				b.stats.Failed++
				rs.failed = append(rs.failed, fmt.Sprintf("%s: %s", rel.Tag, firstLine(err)))
				b.logf("%s: not built, its tree has errors:%s", name, indent(err))
				continue
			}
			snap = w.snap
		}
		v := newVersion(rel.Tag, &w.rel, w.pages)
		rs.built, rs.snaps[v], rs.work[v] = append(rs.built, v), snap, w
		rs.kept = append(rs.kept, rel)
	}
	return rs, nil
}

// resolve reads a release's tree and resolves it: its pages and snapshot.
func (rs *releaseSet) resolve(ctx context.Context, w *releaseWork) error {
	t, err := rs.repo.materialize(ctx, w.rel)
	if err != nil {
		return err
	}
	w.tree, w.loader = t, load.New()
	g, err := build.Resolve(ctx, w.loader, t.Dir, resolve.Options{Date: model.DateOf(w.rel.Date)})
	if err != nil {
		return err
	}
	g.Site.Config.Publish.MaxClassification = model.StricterLimit(g.Site.Config.Publish.MaxClassification, rs.limit)
	if w.pages, err = site.PagePaths(g, site.Options{Versions: &site.Versions{}}); err != nil {
		return err
	}
	w.contentDir = g.Site.Config.ContentDir
	w.snap = takeSnapshot(g)
	return nil
}

// renderReleases renders every release whose cached files do not show this build's
// switcher, and returns the files of all of them under versions/<slug>/.
func (b *Builder) renderReleases(ctx context.Context, rs *releaseSet, sw *switcher) (map[string][]byte, error) {
	fp := sw.fingerprint()
	out := map[string][]byte{}
	for _, v := range rs.built {
		w := rs.work[v]
		files, reused, err := b.renderRelease(ctx, rs, v, w, sw, fp)
		if err != nil {
			return nil, err
		}
		for p, data := range files {
			out[v.root+p] = data
		}
		if reused {
			b.stats.Reused++
			b.logf("%s: reused (unchanged since it was built; cache %s)", w.name, CacheDir)
		} else {
			b.stats.Built++
		}
	}
	if err := rs.cache.prune(rs.kept); err != nil {
		b.logf("warning: pruning %s: %v", CacheDir, err)
	}
	return out, nil
}

// trend returns the dashboard figures of every release, oldest first.
func (rs *releaseSet) trend() []site.ReleaseFigures {
	var out []site.ReleaseFigures
	for _, v := range slices.Backward(rs.built) {
		out = append(out, site.ReleaseFigures{Release: v.label, Date: model.DateOf(v.rel.Date).String(), Charts: rs.snaps[v].Figures})
	}
	return out
}

// renderRelease returns a release's files: from the cache when they show the switcher
// fp, else rendered from its tree as of its tag date, with the same options as the
// current build but never strict (an old release cannot be fixed).
func (b *Builder) renderRelease(ctx context.Context, rs *releaseSet, v *version, w *releaseWork, sw *switcher, fp string) (map[string][]byte, bool, error) {
	if hit, ok := rs.cache.load(w.rel, rs.key, fp); ok {
		return hit.files, true, nil
	}
	if w.tree == nil {
		if err := rs.resolve(ctx, w); err != nil {
			return nil, false, fmt.Errorf("%s: %w", w.name, err)
		}
	}
	start := time.Now()
	hist, err := rs.repo.history(ctx, w.rel.Commit, w.contentDir)
	if err != nil {
		return nil, false, err
	}
	opt := b.bopt
	opt.Source, opt.Dest, opt.Loader, opt.Log = w.tree.Dir, "", w.loader, nil
	opt.Date = model.DateOf(w.rel.Date)
	opt.StrictCheck = false
	opt.Release, opt.Commit, opt.Dirty = w.rel.Tag, w.rel.Commit, false
	opt.Signing = rs.signing
	opt.MaxClassification = rs.limit
	opt.Check = check.Options{Git: hist.CheckInput()}
	opt.Site = site.Options{Versions: &site.Versions{Changed: hist.Changes(), Switcher: sw.navOf(v)}}
	opt.Extra = nil
	if p := opt.Progress; p != nil {
		opt.Progress = func(step build.Step, done, total int) { p(build.Step(w.name+": ")+step, done, total) }
	}
	res, err := build.Render(ctx, opt)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", w.name, err)
	}
	rs.snaps[v].Figures = site.DashboardFigures(res.Graph, res.Findings)
	if err := rs.cache.store(w.rel, rs.key, fp, w.pages, res.Files, rs.snaps[v]); err != nil {
		b.logf("warning: caching %s: %v", w.name, err)
	}
	b.logf("%s: built, %s, %s in %s", w.name, site.Plural(res.Pages, "page", "pages"), site.Plural(res.Packs, "pack", "packs"), time.Since(start).Round(time.Millisecond))
	return res.Files, false, nil
}
