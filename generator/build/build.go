package build

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/versions/view"
)

// Options configure one build.
type Options struct {
	Source string // site directory
	Dest   string // output directory; default <Source>/public
	Drafts bool
	Date   model.Date
	// NoPack skips the PDF packs.
	NoPack bool
	// StrictCheck fails the build on readiness errors (not only on content errors).
	StrictCheck bool
	// Links overrides the site's links: setting (error or warn); "" keeps it.
	Links   model.LinkLevel
	Version string
	// Log receives progress lines and the summary; nil for a quiet build.
	Log io.Writer
	// Loader is reused across builds to re-parse only changed documents; nil for a
	// fresh one.
	Loader *load.Loader
	// Signing overrides the site's signing settings.
	Signing Signing
	// Release and Commit name the ISMS release being built (printed on pack covers and
	// in manifests); empty for the working tree.
	Release, Commit string
	// Versions adds what git knows to the build (package versions implements it): the
	// "last changed" lines, the doc-changed-no-bump check and, for build --versions, the
	// releases. Nil for a build that ignores git.
	Versions Versioner
}

// Versioner adds git history and releases to a build. Prepare is called with the
// resolved graph before the checks run and returns the checks' git input and what the
// pages show of versions; Finish (only in Run) adds files, such as the releases under
// versions/, to the output before it is written.
type Versioner interface {
	Prepare(ctx context.Context, g *resolve.Graph) (check.Options, *view.Versions, error)
	Finish(ctx context.Context, res *Result) error
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
func Render(ctx context.Context, opt Options, siteOpt site.Options) (*Result, error) {
	start := time.Now()
	g, err := Resolve(ctx, opt.Loader, opt.Source, resolve.Options{Date: opt.Date, Drafts: opt.Drafts, Links: opt.Links})
	if err != nil {
		return nil, err
	}
	var checkOpt check.Options
	if opt.Versions != nil {
		co, vs, err := opt.Versions.Prepare(ctx, g)
		if err != nil {
			return nil, err
		}
		checkOpt, siteOpt.Versions = co, vs
	}
	findings := check.RunOptions(g, checkOpt)
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
	siteOpt.Findings = findings
	siteOpt.Version = opt.Version
	out, err := site.Render(ctx, g, siteOpt)
	if err != nil {
		return nil, err
	}
	res := &Result{Graph: g, Findings: findings, Files: out.Files, Pages: out.Pages, Site: out}
	if !opt.NoPack {
		n, err := renderPacks(ctx, g, opt, res.Files, &res.Warnings)
		if err != nil {
			return nil, err
		}
		res.Packs = n
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
	res, err := Render(ctx, opt, site.Options{})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opt.Versions != nil {
		if err := opt.Versions.Finish(ctx, res); err != nil {
			return nil, err
		}
	}
	if err := writeAtomic(dest, res.Files); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(time.Now().Add(-res.Elapsed))
	if opt.Log != nil {
		for _, line := range append(res.Graph.Warnings.Lines(), res.Warnings.Lines()...) {
			fmt.Fprintln(opt.Log, "warning: "+line)
		}
		fmt.Fprintln(opt.Log, Summary(res, dest))
	}
	return res, nil
}

// Summary is the one line a build ends with.
func Summary(res *Result, dest string) string {
	g := res.Graph
	docs := 0
	for _, e := range g.Documents() {
		if e.Doc != nil {
			docs++
		}
	}
	errs, warns := res.Errors()
	broken := ""
	if n := len(g.Warnings); n > 0 {
		broken = fmt.Sprintf("; %d broken link%s shown as text", n, map[bool]string{true: "", false: "s"}[n == 1])
	}
	return fmt.Sprintf("built %d documents, %d controls, %d risks: %d pages, %d packs in %s (readiness: %d errors, %d warnings%s) → %s",
		docs, len(g.Site.Catalogue), len(g.Site.Risks.Risks), res.Pages, res.Packs,
		res.Elapsed.Round(time.Millisecond), errs, warns, broken, dest)
}
