package build

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
)

// Options configure one build.
type Options struct {
	Source string // site directory
	Dest   string // output directory; default <Source>/public
	Drafts bool
	Date   model.Date
	// NoPack skips the PDF packs. LazyPacks says that they, and the XLSX exports, are
	// built when first requested (the live preview): the downloads page links them all
	// the same (see Workbook and PackByName). The live preview's search index is also
	// written uncompressed (site.Options.PlainSearchIndex).
	NoPack, LazyPacks bool
	// StrictCheck fails the build on readiness errors (not only on content errors).
	StrictCheck bool
	// Links overrides the site's links: setting (error or warn); "" keeps it.
	Links   model.LinkLevel
	Version string
	// Log receives progress lines and the summary; nil for a quiet build.
	Log io.Writer
	// Progress, when set, is told what the build is doing as it goes: a step (see
	// Step) with, where it has them, how many of its items are done and how many
	// there are (0, 0 otherwise). It is called from several goroutines at once, often
	// (once a page), so it must be quick; the command line draws a status line with it.
	Progress func(step Step, done, total int)
	// Loader is reused across builds to re-parse only changed documents; nil for a
	// fresh one.
	Loader *load.Loader
	// Previous is the last good build of the same sources with the same Loader (the
	// live preview's), or nil: resolve reuses the targets of the references of the
	// documents that did not change since (resolve.Options.Previous).
	Previous *Result
	// Signing overrides the site's signing settings.
	Signing Signing
	// TSA is the URL of the RFC 3161 time-stamping authority that timestamps each pack's
	// signature (PAdES B-T); "" means signing: {tsa: } in data/site.yaml, if any.
	// NoTSA ignores both (the preview server), so only build and pack reach a TSA.
	TSA   string
	NoTSA bool
	// Release and Commit name the ISMS release being built (printed on pack covers and
	// in manifests). For the working tree Release is empty and Commit is HEAD, if any;
	// Dirty says the tree has uncommitted changes (the cover says so, and the manifest
	// then names no commit).
	Release, Commit string
	Dirty           bool
	// MaxClassification, when set, caps what the site publishes below the site's own
	// publish.max_classification (the stricter applies): package versions builds old
	// releases with the current site's limit, which their trees may lack.
	MaxClassification model.Classification
	// Check is the readiness checks' extra input (the git history, which package
	// versions reads); the zero value runs the rules without it.
	Check check.Options
	// Site is the base of the site render's options: package versions sets
	// Site.Versions (the "last changed" lines, the switcher, the "what changed" pages);
	// the live preview sets Head and Previous.
	Site site.Options
	// Extra are files added to the output as they are, by slash path (the releases
	// under versions/); a page of the site at the same path is an error.
	Extra map[string][]byte

	// oneShot: the sources are rendered once (Run without a Loader), so load keeps no
	// document's AST (load.NewOneShot): packs and pages parse a body again.
	oneShot bool
}

// Step names what a build is doing, for Options.Progress.
type Step string

// The steps of a build, in order (StepPack once a pack).
const (
	StepSources Step = "reading and resolving the sources"
	StepCheck   Step = "checking readiness"
	StepPack    Step = "rendering and signing pack"
	StepPages   Step = "rendering pages"
	StepWrite   Step = "writing the output"
)

// progress tells opt.Progress, if any, of a step.
func (opt *Options) progress(step Step, done, total int) {
	if opt.Progress != nil {
		opt.Progress(step, done, total)
	}
}

// Result is what a build made.
type Result struct {
	Graph    *resolve.Graph
	Findings []check.Finding
	Files    map[string][]byte // the whole output, by slash path
	Pages    int
	Packs    int
	Elapsed  time.Duration
	// Site is the site render, to pass as site.Options.Previous to a later build of the
	// same sources so that it re-renders only the pages that changed (the live preview).
	Site *site.Output
	// Withheld lists the documents and registers the site left out because they are
	// classified above publish.max_classification, by ID.
	Withheld []*resolve.Entity
	// Warnings are the build's warnings besides broken links (Graph.Warnings): the
	// diagrams of packed documents that have no image for the PDF.
	Warnings diag.List
}

// Errors and Warnings count the readiness findings.
func (r *Result) Errors() (errors, warnings int) {
	for _, f := range r.Findings {
		if f.Severity == check.Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Render runs the pipeline in memory: load, resolve, check, site (and packs unless
// NoPack). Nothing is written.
func Render(ctx context.Context, opt Options) (*Result, error) {
	start := time.Now()
	l := opt.Loader
	if l == nil && opt.oneShot {
		l = load.NewOneShot()
	}
	opt.progress(StepSources, 0, 0)
	ropt := resolve.Options{Date: opt.Date, Drafts: opt.Drafts, Links: opt.Links}
	if opt.Previous != nil {
		ropt.Previous = opt.Previous.Graph
	}
	g, err := Resolve(ctx, l, opt.Source, ropt)
	if err != nil {
		return nil, err
	}
	pub := &g.Site.Config.Publish.MaxClassification
	*pub = model.StricterLimit(*pub, opt.MaxClassification)
	// Without packs, their outlines (for the downloads page) only read the graph, as
	// check does: the two run side by side, off the live preview's critical path.
	var planned []site.PackDownload
	var wg sync.WaitGroup
	if opt.NoPack {
		wg.Go(func() { planned = plannedDownloads(g, opt.LazyPacks) })
	}
	opt.progress(StepCheck, 0, 0)
	findings := check.RunOptions(g, opt.Check)
	wg.Wait()
	if opt.StrictCheck {
		var errs diag.List
		for _, f := range findings {
			if f.Severity == check.Error {
				errs.Add(f.Pos, "%s [%s]", f.Message, f.Rule)
			}
		}
		if len(errs) > 0 {
			return nil, errs
		}
	}
	siteOpt := opt.Site
	siteOpt.Findings = findings
	siteOpt.Version = opt.Version
	siteOpt.LazyWorkbooks = siteOpt.LazyWorkbooks || opt.LazyPacks
	siteOpt.PlainSearchIndex = siteOpt.PlainSearchIndex || opt.LazyPacks
	// Packs first: the site's downloads page lists them with their pages and sizes.
	var warnings diag.List
	packFiles := map[string][]byte{}
	if opt.NoPack {
		siteOpt.Packs = planned
	} else {
		siteOpt.Packs, err = renderPacks(ctx, g, opt, packFiles, &warnings)
		if err != nil {
			return nil, err
		}
	}
	if opt.Progress != nil {
		siteOpt.Progress = func(done, total int) { opt.Progress(StepPages, done, total) }
	}
	out, err := site.Render(ctx, g, siteOpt)
	if err != nil {
		return nil, err
	}
	res := &Result{Graph: g, Findings: findings, Files: out.Files, Pages: out.Pages, Site: out, Withheld: out.Withheld, Warnings: warnings}
	if !opt.NoPack {
		maps.Copy(res.Files, packFiles)
		res.Packs = len(siteOpt.Packs)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// Run builds the site and writes it to the destination atomically: a failed build
// leaves the previous output exactly as it was.
func Run(ctx context.Context, opt Options) (*Result, error) {
	dest, err := destination(opt.Source, opt.Dest)
	if err != nil {
		return nil, err
	}
	t, err := newTree(dest)
	if err != nil {
		return nil, err
	}
	defer t.Abort() // after commit: the previous output
	// Pages go to disk as they are rendered: memory holds the graph, not the site. One
	// goroutine writes them (see filetree.Queue) while the render's workers go on.
	q := t.Queue(64)
	opt.Site.Sink = func(p string, b []byte) error { q.Put(p, b); return nil }
	// Nothing reads a document's AST after its page (the packs are made before the
	// site), unless a caller's Loader keeps the documents for a later build. Without
	// one, load keeps none: resolve and check read what it collected of each body.
	opt.Site.Release = opt.Loader == nil
	opt.oneShot = opt.Loader == nil
	res, err := Render(ctx, opt)
	if qerr := q.Close(); err == nil {
		err = qerr
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for p := range opt.Extra {
		if _, taken := res.Files[p]; taken || res.Site.HasPage(p) {
			return nil, fmt.Errorf("the site has a file %s where the build adds one of its own (the releases under versions/): rename it", p)
		}
	}
	opt.progress(StepWrite, 0, 0)
	if err := t.PutAll(opt.Extra); err != nil {
		return nil, err
	}
	if err := t.PutAll(res.Files); err != nil {
		return nil, err
	}
	if err := t.Commit(); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(time.Now().Add(-res.Elapsed))
	if opt.Log != nil {
		for _, line := range append(res.Graph.Warnings.Lines(), res.Warnings.Lines()...) {
			fmt.Fprintln(opt.Log, "warning: "+line)
		}
		fmt.Fprint(opt.Log, LeftOut(res))
		fmt.Fprintln(opt.Log, Summary(res, dest))
	}
	return res, nil
}

// Summary is the one line a build ends with. It counts what the site published, and
// what it left out for its classification.
func Summary(res *Result, dest string) string {
	g := res.Graph
	left := map[*resolve.Entity]bool{}
	for _, e := range res.Withheld {
		left[e] = true
	}
	docs := 0
	for _, e := range g.Documents() {
		if e.Doc != nil && !left[e] {
			docs++
		}
	}
	risks := 0
	if reg := register(g, resolve.RegRisks); reg == nil || !left[reg] {
		risks = len(g.Site.Risks.Risks)
	}
	withheld := ""
	if n := len(res.Withheld); n > 0 {
		withheld = fmt.Sprintf(", %d left out above %s", n, g.Site.Config.Publish.MaxClassification)
	}
	errs, warns := res.Errors()
	broken := ""
	if n := len(g.Warnings); n > 0 {
		broken = fmt.Sprintf("; %d broken link%s shown as text", n, map[bool]string{true: "", false: "s"}[n == 1])
	}
	return fmt.Sprintf("built %s, %s, %s: %s, %s%s in %s (readiness: %s, %s%s) → %s",
		plural(docs, "document", "documents"), plural(len(g.Site.Catalogue), "control", "controls"), plural(risks, "risk", "risks"),
		plural(res.Pages, "page", "pages"), plural(res.Packs, "pack", "packs"), withheld,
		res.Elapsed.Round(time.Millisecond), plural(errs, "error", "errors"), plural(warns, "warning", "warnings"), broken, dest)
}

// LeftOut lists, one line each, the documents and registers the site left out for
// their classification (empty when none): ID, classification and source file, and for
// a register how many rows went with it.
func LeftOut(res *Result) string {
	if len(res.Withheld) == 0 {
		return ""
	}
	g := res.Graph
	var b strings.Builder
	fmt.Fprintf(&b, "left out of the site, classified above %s (publish.max_classification in data/site.yaml):\n", g.Site.Config.Publish.MaxClassification)
	for _, e := range res.Withheld {
		info := g.Info(e)
		line := fmt.Sprintf("  %s: %s %s, %s", orDefault(e.ID, "(no ID)"), g.Classification(e), info.Type, info.Path)
		if e.Kind == resolve.KindRegister {
			line += fmt.Sprintf(", with its %s", rows(g, e.Register))
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// register returns the register entity of a register name, or nil.
func register(g *resolve.Graph, name string) *resolve.Entity {
	for _, e := range g.OfKind(resolve.KindRegister) {
		if e.Register == name {
			return e
		}
	}
	return nil
}

// rows words the rows of a register: "18 risks".
func rows(g *resolve.Graph, name string) string {
	reg := model.RegisterNamed(name)
	if reg == nil {
		return plural(0, "row", "rows")
	}
	n := len(reg.Data(g.Site).Rows())
	if reg.Row == nil {
		return plural(n, "row", "rows")
	}
	return plural(n, reg.Row.Noun, reg.Row.Plural)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
