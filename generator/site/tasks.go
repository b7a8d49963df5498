package site

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// renderTaskCheckBox renders the box of a task-list item ("- [x] …"). GFM's own renderer
// writes an unlabelled <input>; this one names its state, because a form control without
// a label is read out as just "checkbox" and fails accessibility checks.
func (m *mdRenderer) renderTaskCheckBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if node.(*east.TaskCheckBox).IsChecked {
		w.WriteString(`<input type="checkbox" class="task" checked disabled aria-label="Done"> `)
	} else {
		w.WriteString(`<input type="checkbox" class="task" disabled aria-label="Not done"> `)
	}
	return ast.WalkContinue, nil
}
