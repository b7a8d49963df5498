package site

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// tableWrap opens the box a table of a document scrolls in, so that a wide table
// scrolls sideways inside it rather than the page. It is a labelled region in the tab
// order, so that a keyboard can scroll it too.
const tableWrap = `<div class="table-wrap" role="region" tabindex="0" aria-label="Table (scrolls sideways when wide)">`

// renderTable renders a Markdown table in its scrolling box.
func (m *mdRenderer) renderTable(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(tableWrap + "\n")
	}
	s, err := m.gm[node.Kind()](w, src, node, entering)
	if !entering {
		w.WriteString("</div>\n")
	}
	return s, err
}

// renderTableCell renders a table cell with goldmark's renderer and leaves the node as
// it found it: goldmark adds the cell's alignment to its style attribute, so a
// document rendered again from the same parse (the live preview re-renders pages
// without parsing them again) would say "text-align:center;text-align:center".
func (m *mdRenderer) renderTableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return m.gm[node.Kind()](w, src, node, entering)
	}
	before := node.Attributes()
	saved := make([]ast.Attribute, len(before))
	copy(saved, before)
	s, err := m.gm[node.Kind()](w, src, node, entering)
	node.RemoveAttributes()
	for _, a := range saved {
		node.SetAttribute(a.Name, a.Value)
	}
	return s, err
}
