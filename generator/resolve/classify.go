package resolve

import (
	"github.com/ismsgen/ismsgen/generator/catalog"
	"github.com/ismsgen/ismsgen/generator/model"
)

// Classification returns how an entity is classified: a document or register by its own
// classification (the site's default when unset); a register's row (a risk, an asset, an
// audit) and a part of a row (an audit's finding) by its register's, since a row is part
// of its register's content, whatever the register; a control of the
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
	case e.Row != nil && e.Reg != nil:
		c = e.Reg.Data(g.Site).Control().Classification
	case e.Control != nil && catalog.IsBuiltIn(e.Control.Pos.Path):
		c = model.Public
	}
	if c == "" {
		c = def
	}
	return c
}

// MentionClassification is what showing e's ID and title exposes: a register row's
// title (a risk's, an asset's, an audit finding's) is part of its register's content,
// so a mention carries the register's classification; a document's or register's title
// is metadata that the document register lists for everyone, so a mention of it exposes
// nothing classified ("" — it raises no label). A control's title has the control's classification.
func (g *Graph) MentionClassification(e *Entity) model.Classification {
	if e == nil || e.Kind == KindDocument || e.Kind == KindRegister {
		return ""
	}
	return g.Classification(e)
}
