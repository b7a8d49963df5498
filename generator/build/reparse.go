package build

import (
	"context"
	"fmt"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/parallel"
	"github.com/yuin/goldmark/ast"
)

// parsedAgain is a document whose AST load dropped (load.NewOneShot), parsed again for
// a pack: its stand-in references, to go back to once the pack is made.
type parsedAgain struct {
	doc      *model.Document
	standIns []ast.Node
}

// parseForPack parses again, on every core, the bodies of the pack's documents whose
// AST load dropped, and moves the targets of their stand-in references to the new
// nodes (the parse is deterministic: the i-th reference is the same one), so that the
// pack renders from ASTs exactly as when load keeps them. The function it returns drops
// those ASTs again, the targets back on the stand-ins. A document with its AST is left
// as it is.
func parseForPack(ctx context.Context, g *resolve.Graph, plan *pack.Plan) (func(), error) {
	var docs []parsedAgain
	seen := map[*model.Document]bool{}
	for _, it := range plan.Items {
		if it.Entity == nil || it.Entity.Doc == nil {
			continue
		}
		if d := it.Entity.Doc; d.AST == nil && !d.Generated && !seen[d] {
			seen[d] = true
			docs = append(docs, parsedAgain{doc: d, standIns: d.Refs})
		}
	}
	asts := make([]ast.Node, len(docs))
	refs := make([][]ast.Node, len(docs))
	parallel.For(ctx, len(docs), markdown.NewParser, func(p *markdown.Parser, i int) {
		asts[i] = p.Parse(docs[i].doc.Body)
		refs[i], _ = markdown.Outline(asts[i])
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	restore := func(n int) {
		for _, a := range docs[:n] {
			d := a.doc
			g.Attach(a.standIns, g.Detach(d.Refs))
			d.AST, d.Refs = nil, a.standIns
		}
	}
	for i, a := range docs {
		if len(refs[i]) != len(a.standIns) {
			restore(i)
			return nil, fmt.Errorf("%s: parsed again for a pack, the body has %d references, not %d", a.doc.Path, len(refs[i]), len(a.standIns))
		}
		g.Attach(refs[i], g.Detach(a.standIns))
		a.doc.AST, a.doc.Refs = asts[i], refs[i]
	}
	return func() { restore(len(docs)) }, nil
}
