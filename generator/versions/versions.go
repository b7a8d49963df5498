package versions

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/sign"
	"github.com/ismsgen/ismsgen/generator/site"
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

// Builder builds one site with its git history and releases. Use one Builder per build
// at a time.
type Builder struct {
	bopt  build.Options
	opt   Options
	stats Stats
	vs    *site.Versions
}

// New returns the Builder of a build with options bopt (releases are built with the
// same drafts, packs and signing options).
func New(bopt build.Options, opt Options) *Builder { return &Builder{bopt: bopt, opt: opt} }

// Stats returns what the last build did with the releases.
func (b *Builder) Stats() Stats { return b.stats }

// Versions returns what the last build handed the site render of the working tree.
func (b *Builder) Versions() *site.Versions { return b.vs }

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

// Build builds the working tree with its git history and, with Options.Releases, every
// release, and writes the output (build.Run).
func (b *Builder) Build(ctx context.Context) (*build.Result, error) {
	b.stats = Stats{}
	opt := b.bopt
	cfg, err := load.Config(opt.Source)
	if err != nil {
		// The build reports what is wrong with the settings, at its position.
		return build.Run(ctx, opt)
	}
	r, err := openRepo(ctx, opt.Source)
	if err != nil {
		return nil, err
	}
	var hist *History
	if r != nil {
		if hist, err = r.history(ctx, "HEAD", cfg.ContentDir); err != nil {
			// A repository git cannot read (shallow, corrupt) must not stop the build:
			// the pages go without "last changed" lines.
			b.logf("warning: reading git history: %v", err)
			hist = nil
		}
	}
	opt.Check = check.Options{Git: hist.CheckInput()}
	vs := &site.Versions{Changed: hist.Changes()}
	opt.Site.Versions, b.vs = vs, vs
	if !b.opt.Releases {
		return build.Run(ctx, opt)
	}
	pattern := cfg.Versions.Tags
	if pattern == "" {
		pattern = DefaultTags
	}
	if r == nil {
		b.logf("versions: no releases found: %s is not in a git repository", opt.Source)
		return build.Run(ctx, opt)
	}
	rels, err := r.releases(ctx, pattern)
	if err != nil {
		return nil, err
	}
	b.stats.Releases = len(rels)
	if len(rels) == 0 {
		b.logf("versions: no releases found: no git tag matches %q", pattern)
		return build.Run(ctx, opt)
	}
	if opt.Loader == nil {
		opt.Loader = load.New() // the working tree is loaded twice: parse it once
	}
	g, err := build.Resolve(ctx, opt.Loader, opt.Source, resolve.Options{Date: opt.Date, Drafts: opt.Drafts, Links: opt.Links})
	if err != nil {
		return nil, err
	}
	rb, err := b.newReleases(ctx, r, g, rels)
	if err != nil {
		return nil, err
	}
	defer rb.close()
	vs.Extra = changePages(g, rb.built, rb.snaps, rb.failed)
	cur, err := site.PagePaths(g, site.Options{Versions: vs})
	if err != nil {
		return nil, err
	}
	sw := newSwitcher(cur, rb.built)
	if opt.Extra, err = b.renderReleases(ctx, rb, sw); err != nil {
		return nil, err
	}
	vs.Switcher = sw.navOf(sw.versions[0])
	vs.Trend = rb.trend()
	res, err := build.Run(ctx, opt)
	if err != nil {
		return nil, err
	}
	s := b.stats
	b.logf("versions: %d of %d releases in versions/ (%d built, %d reused, %d failed); version switcher on every page",
		s.Built+s.Reused, s.Releases, s.Built, s.Reused, s.Failed)
	return res, nil
}

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
func changePages(g *resolve.Graph, releases []*version, snaps map[*version]*snapshot, failed []string) []site.ExtraPage {
	cur := side{snap: takeSnapshot(g), v: site.VersionInfo{Name: currentLabel, Date: g.Date.String(), Home: "index.html", Changes: changesPage(currentLabel)}}
	// The "what changed" pages are pages of the current site: its limit applies.
	limit := g.Site.Config.Publish.MaxClassification
	index := &site.ReleaseIndex{Current: cur.v, Failed: failed}
	var pages []site.ExtraPage
	var older *side
	for i := len(releases) - 1; i >= 0; i-- {
		v := releases[i]
		s := side{snap: snaps[v], root: v.root, v: site.VersionInfo{Name: v.label, Commit: v.rel.Commit, Short: v.rel.Short(),
			Date: model.DateOf(v.rel.Date).String(), Home: v.root + "index.html", Changes: changesPage(v.rel.Slug())}}
		title := "What changed in " + v.label
		if older == nil {
			title = v.label + ": the first release"
		}
		pages = append(pages, site.ExtraPage{Path: s.v.Changes, Layout: "changes", Title: title, Data: compare(older, s, limit)})
		index.Releases = append([]site.VersionInfo{s.v}, index.Releases...)
		older = &s
	}
	if older != nil {
		pages = append(pages, site.ExtraPage{Path: cur.v.Changes, Layout: "changes", Title: "Changes since " + older.v.Name, Data: compare(older, cur, limit)})
	}
	return append(pages, site.ExtraPage{Path: releasesPage, Layout: "releases", Title: "Releases", Data: index})
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
