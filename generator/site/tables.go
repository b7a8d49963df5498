package site

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
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

// renderTableCell writes a table cell without its end tag (the next cell or the row's
// end closes it, as HTML has it) and its alignment as a class (center, left, right:
// css/style.css aligns them), not goldmark's style attribute on every cell.
func (m *mdRenderer) renderTableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.TableCell)
	tag := "<td"
	if _, head := n.Parent().(*east.TableHeader); head {
		tag = "<th"
	}
	w.WriteString(tag)
	if n.Alignment != east.AlignNone {
		w.WriteString(` class="` + n.Alignment.String() + `"`)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderListItem writes a list item as goldmark does, without its end tag: the next
// item or the list's end closes it.
func (m *mdRenderer) renderListItem(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteByte('\n')
		return ast.WalkContinue, nil
	}
	return m.gm[node.Kind()](w, src, node, entering)
}
