package resolve

import (
	"github.com/ismsgen/ismsgen/generator/model"
)

// DocInfo is the document-control view of a document or register: its one
// model.DocControl, whether written in front matter or in a data file's document:
// block, with where it is and the facts derived from it, so renderers and checks treat
// both alike.
type DocInfo struct {
	model.DocControl
	Entity *Entity
	Path   string // source file, slash path relative to the site root
	// NextReview is the next review date (explicit, or approval plus cycle).
	NextReview model.Date
	// DefaultClass reports that Classification is the site's default: the document
	// sets none.
	DefaultClass bool
}

// Info returns the document-control fields of a document or register (zero for other
// kinds). An unset classification is the site's default.
func (g *Graph) Info(e *Entity) DocInfo {
	var i DocInfo
	switch {
	case e.Doc != nil:
		i = DocInfo{DocControl: e.Doc.Meta, Entity: e, Path: e.Doc.Path}
	case e.DocControl != nil:
		i = DocInfo{DocControl: *e.DocControl, Entity: e, Path: e.DocControl.Pos.Path}
		if i.Path == "" {
			i.Path = e.Pos.Path
		}
		i.Type = model.TypeRegister
	default:
		return i
	}
	i.NextReview = i.DocControl.NextReview()
	if i.Classification == "" {
		i.Classification, i.DefaultClass = g.Site.Config.Classification, true
	}
	return i
}

// Controlled returns the document-control fields of a controlled document or a
// register; ok is false for anything else (uncontrolled pages, generated documents,
// controls, risks, actions, evidence).
func (g *Graph) Controlled(e *Entity) (DocInfo, bool) {
	switch {
	case e.Doc != nil && (e.Doc.Generated || !e.Doc.Meta.Controlled()):
		return DocInfo{}, false
	case e.Doc == nil && e.DocControl == nil:
		return DocInfo{}, false
	}
	return g.Info(e), true
}

// DocReviewOverdue reports whether an approved document's next review date is before
// the build date. Drafts and retired documents are not in force, so no review is due.
func (g *Graph) DocReviewOverdue(i DocInfo) bool {
	return i.Status == model.StatusApproved && g.ReviewOverdue(i.NextReview)
}
