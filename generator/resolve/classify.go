package resolve

import (
	"github.com/ismsgen/ismsgen/generator/catalog"
	"github.com/ismsgen/ismsgen/generator/model"
)

// Classification returns how an entity is classified: a document or register by its own
// classification (the site's default when unset); a risk, treatment action or evidence
// record by its register's, since a row is part of its register; a control of the
// built-in Annex A catalogue is public (its IDs and short titles are published by ISO),
// a control of a site catalogue has the site's default.
func (g *Graph) Classification(e *Entity) model.Classification {
	def := g.Site.Config.Classification
	var c model.Classification
	switch {
	case e == nil:
		return def
	case e.Doc != nil:
		c = e.Doc.Meta.Classification
	case e.DocControl != nil:
		c = e.DocControl.Classification
	case e.Risk != nil:
		c = g.Site.Risks.Document.Classification
	case e.Action != nil:
		c = g.Site.Treatment.Document.Classification
	case e.Evidence != nil:
		c = g.Site.Evidence.Document.Classification
	case e.Control != nil && catalog.IsBuiltIn(e.Control.Pos.Path):
		c = model.Public
	}
	if c == "" {
		c = def
	}
	return c
}

// MentionClassification is what showing e's ID and title exposes: a risk's, action's or
// evidence record's title is part of its register's content, so a mention carries the
// register's classification; a document's or register's title is metadata that the
// document register lists for everyone, so a mention of it exposes nothing classified
// ("" — it raises no label). A control's title has the control's classification.
func (g *Graph) MentionClassification(e *Entity) model.Classification {
	if e == nil || e.Kind == KindDocument || e.Kind == KindRegister {
		return ""
	}
	return g.Classification(e)
}
