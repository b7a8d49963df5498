package resolve

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// DocInfo is the document-control view of a document or register: the same fields
// whether they were written in front matter or in a data file's document: block, so
// renderers and checks treat both alike.
type DocInfo struct {
	Entity         *Entity
	Path           string   // source file, slash path relative to the site root
	Pos            diag.Pos // the front matter or the register's document: block
	ID             string
	Title          string
	Type           model.DocType
	Version        string
	Status         model.DocStatus
	Owner          string
	Author         string
	Approver       string
	Approved       model.Date
	NextReview     model.Date
	ReviewCycle    model.Cycle
	Classification model.Classification
	Distribution   string
	Summary        string
	Clauses        []model.Clause
	History        []model.Revision
	Tags           []string
}

// Info returns the document-control fields of a document or register (zero for other
// kinds). An unset classification is the site's default.
func (g *Graph) Info(e *Entity) DocInfo {
	var i DocInfo
	switch {
	case e.Doc != nil:
		m := &e.Doc.Meta
		i = DocInfo{Entity: e, Path: e.Doc.Path, Pos: m.Pos, ID: m.ID, Title: m.Title, Type: m.Type, Version: m.Version, Status: m.Status,
			Owner: m.Owner, Author: m.Author, Approver: m.Approver, Approved: m.Approved,
			NextReview: m.NextReview(), ReviewCycle: m.ReviewCycle, Classification: m.Classification,
			Distribution: m.Distribution, Summary: m.Summary, Clauses: m.Clauses, History: m.History, Tags: m.Tags}
	case e.DocControl != nil:
		d := e.DocControl
		path := d.Pos.Path
		if path == "" {
			path = e.Pos.Path
		}
		i = DocInfo{Entity: e, Path: path, Pos: d.Pos, ID: d.ID, Title: d.Title, Type: model.TypeRegister, Version: d.Version, Status: d.Status,
			Owner: d.Owner, Author: d.Author, Approver: d.Approver, Approved: d.Approved,
			NextReview: d.NextReview(), ReviewCycle: d.ReviewCycle, Classification: d.Classification,
			Clauses: d.Clauses, History: d.History}
	default:
		return i
	}
	if i.Classification == "" {
		i.Classification = g.Site.Config.Classification
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
