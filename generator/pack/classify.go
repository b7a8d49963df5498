package pack

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Classification returns the pack's label, printed on its cover and in every page's
// footer: the highest classification of anything in the pack.
func (p *Plan) Classification() model.Classification { return p.class }

// classify computes a pack's label (README, "Classification follows content"): the
// classification of every item; what the titles a document prints expose (a reference
// prints its target's ID and title: a risk's title carries its register's
// classification, a document's title none); of the control catalogues whose titles
// the SoA prints; and of the evidence register when its files are attached. IDs alone
// (the SoA's, the registers' cross-references, references to what the pack leaves out
// for its max_classification) are not counted.
func classify(g *resolve.Graph, p *Plan) model.Classification {
	var c model.Classification
	add := func(e *resolve.Entity) {
		if e != nil && !p.leftOut(g, e) {
			c = model.MaxClassification(c, g.Classification(e))
		}
	}
	mention := func(e *resolve.Entity) {
		if e != nil && !p.leftOut(g, e) {
			c = model.MaxClassification(c, g.MentionClassification(e))
		}
	}
	var targets []*resolve.Entity
	for _, it := range p.Items {
		switch it.Kind {
		case ItemClauses, ItemCoverage, ItemAcknowledgements:
			// The matrix shows clauses and the IDs of what declares them; the
			// acknowledgement coverage documents' IDs and titles and people's names.
			c = model.MaxClassification(c, g.Site.Config.Classification)
		case ItemDocument:
			add(it.Entity)
			// Only a document's Refs have targets: no need to walk its whole AST.
			targets = g.TargetEntities(targets[:0], it.Entity.Doc.Refs)
			for _, e := range targets {
				mention(e)
			}
		case ItemSoA:
			add(it.Entity)
			for _, e := range g.OfKind(resolve.KindControl) {
				add(e)
			}
		default:
			add(it.Entity)
		}
	}
	if p.attachesEvidence(g) && len(g.Site.Evidence.Evidence) > 0 {
		add(evidenceRegister(g))
	}
	if c == "" {
		c = g.Site.Config.Classification
	}
	return c
}

// attachesEvidence reports whether the pack attaches the evidence files: asked to, and
// the evidence register is not above its classification limit.
func (p *Plan) attachesEvidence(g *resolve.Graph) bool {
	return p.Config.AttachEvidence && !p.leftOut(g, evidenceRegister(g))
}

// evidenceRegister returns the evidence register, or nil when the site has none.
func evidenceRegister(g *resolve.Graph) *resolve.Entity {
	for _, e := range g.OfKind(resolve.KindRegister) {
		if e.Register == resolve.RegEvidence {
			return e
		}
	}
	return nil
}
