package build

import (
	"context"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Resolve loads and resolves the site at source: the first two stages, shared by every
// command that reads an ISMS (build, check, export, pack, serve). Content errors of both
// stages come back together as one diag.List; the graph is nil when there are any.
func Resolve(ctx context.Context, l *load.Loader, source string, opt resolve.Options) (*resolve.Graph, error) {
	if l == nil {
		l = load.New()
	}
	site, err := l.Load(ctx, source)
	var errs diag.List
	if err != nil {
		list, ok := diag.AsList(err)
		if !ok {
			return nil, err
		}
		errs.Append(list)
	}
	if site == nil {
		return nil, errs.Err()
	}
	g, err := resolve.Resolve(site, opt)
	if err != nil {
		list, ok := diag.AsList(err)
		if !ok {
			return nil, err
		}
		errs.Append(list)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return g, nil
}
