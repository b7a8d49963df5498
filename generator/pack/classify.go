package pack

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/yuin/goldmark/ast"
)

// Classification returns the pack's label, printed on its cover and in every page's
// footer: the highest classification of anything in the pack.
func (p *Plan) Classification() model.Classification { return p.class }

// classify computes a pack's label (README, "Classification follows content"): the
// classification of every item; of every item whose title a document prints (a
// reference prints its target's ID and title); of the control catalogues whose titles
// the SoA prints; and of the evidence register when its files are attached. IDs alone
// (the SoA's, the registers' cross-references) are not counted.
func classify(g *resolve.Graph, p *Plan) model.Classification {
	var c model.Classification
	add := func(e *resolve.Entity) {
		if e != nil {
			c = model.MaxClassification(c, g.Classification(e))
		}
	}
	for _, it := range p.Items {
		switch it.Kind {
		case ItemClauses:
			// The matrix shows clauses and the IDs of what declares them.
			c = model.MaxClassification(c, g.Site.Config.Classification)
		case ItemDocument:
			add(it.Entity)
			ast.Walk(it.Entity.Doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if t, ok := g.Target(n); ok && entering {
					add(t.Entity)
				}
				return ast.WalkContinue, nil
			})
		case ItemSoA:
			add(it.Entity)
			for _, e := range g.OfKind(resolve.KindControl) {
				add(e)
			}
		default:
			add(it.Entity)
		}
	}
	if p.Config.AttachEvidence && len(g.Site.Evidence.Evidence) > 0 {
		for _, e := range g.OfKind(resolve.KindRegister) {
			if e.Register == resolve.RegEvidence {
				add(e)
			}
		}
	}
	if c == "" {
		c = g.Site.Config.Classification
	}
	return c
}
