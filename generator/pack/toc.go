package pack

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
)

// The pack's table of contents (layout.Contents) lists the document register, then
// each item with its sections: a document's level 1 and 2 headings, the SoA's themes,
// the risk register's parts. The entries are known before rendering (from the plan and
// the documents' ASTs), so the contents' pages can be reserved.

func (r *renderer) newEntry(level int, title string) *layout.Entry {
	return r.toc.Add(r.doc, level, title)
}

// itemLabel is how an item is named in the TOC, the outline and the register.
func itemLabel(it *Item) string {
	if it.ID() == "" {
		return it.Title()
	}
	return it.ID() + "  " + it.Title()
}

// planTOC lists the entries: the document register, then each item with its sections.
func (r *renderer) planTOC() {
	r.regTOC = r.newEntry(0, "Document register")
	r.itemTOC = make([]*layout.Entry, len(r.plan.Items))
	for i, it := range r.plan.Items {
		r.itemTOC[i] = r.newEntry(0, itemLabel(it))
		switch it.Kind {
		case ItemDocument:
			r.guardItem(it, func() { r.headingEntries(it.Entity.Doc) })
		case ItemSoA:
			for _, th := range r.themes() {
				r.headTOC[sectionKey{it, th.name}] = r.newEntry(1, th.title)
			}
		case ItemRisks:
			for _, s := range riskSections {
				r.headTOC[sectionKey{it, s}] = r.newEntry(1, s)
			}
		}
	}
}

// headingEntries adds a document's level 1 and 2 headings to the TOC.
func (r *renderer) headingEntries(doc *model.Document) {
	_ = ast.Walk(doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if h.Level <= 2 {
				if t := plainText(h, doc.Body); t != "" {
					r.headTOC[h] = r.newEntry(1, t)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// sectionKey names a section of a generated artefact in headTOC.
type sectionKey struct {
	it   *Item
	name string
}

// reserveTOC plans the TOC and reserves its pages, portrait, left blank until fillTOC.
func (r *renderer) reserveTOC() {
	r.planTOC()
	r.doc.Landscape = false
	r.cur = pageInfo{doc: "Contents"}
	r.toc.Reserve(r.doc)
}

// fillTOC draws the entries, now that every destination has a page.
func (r *renderer) fillTOC() { r.toc.Fill(r.doc) }
