package build

import (
	"context"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// CheckOptions say which sources Check reads and as of when.
type CheckOptions struct {
	Source string
	Date   model.Date
	Drafts bool
	Links  model.LinkLevel
	// History, when set, reads what the rules need from outside the sources (the git
	// history, for doc-changed-no-bump); versions.CheckOptions is one.
	History func(context.Context, *resolve.Graph) (check.Options, error)
}

// Finding is one thing check found, at a position, under a rule.
type Finding = check.Finding

// Findings are what check found, in rule and position order.
type Findings []check.Finding

// Count returns how many findings are errors and how many warnings.
func (f Findings) Count() (errors, warnings int) { return check.Count(f) }

// Failed reports whether the findings fail the check: an error, or with strict a warning.
func (f Findings) Failed(strict bool) bool { return check.Failed(f, strict) }

// Check loads and resolves the site and runs the audit-readiness rules. Content errors of
// load and resolve are findings too (the rules cannot run without a graph). historyErr is
// the error reading the history, which leaves out only the rules that need it; err is an
// error that is no finding (an unreadable source directory, say).
func Check(ctx context.Context, opt CheckOptions) (findings Findings, historyErr, err error) {
	// The rules read what load collected of each body, never an AST: load keeps none.
	g, err := Resolve(ctx, load.NewOneShot(), opt.Source, resolve.Options{Date: opt.Date, Drafts: opt.Drafts, Links: opt.Links})
	if l, ok := diag.AsList(err); ok {
		return check.FromDiag(l), nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var copt check.Options
	if opt.History != nil {
		copt, historyErr = opt.History(ctx, g)
	}
	return check.RunOptions(g, copt), historyErr, nil
}
