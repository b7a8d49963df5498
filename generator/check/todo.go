package check

import (
	"github.com/ismsgen/ismsgen/generator/model"
)

// todos reports each TODO marker in the text of a document, published or not, at its
// position: the stubs `ismsgen init` writes carry one under each heading, so check is
// the to-do list of what is left to write. Code spans and code blocks are not text and
// are not searched. Load found the markers (markdown.Todos), so no AST is needed.
func (c *checker) todos() {
	for _, e := range c.g.Entities() {
		d := e.Doc
		if d == nil || d.Generated {
			continue
		}
		c.todosIn(d, e.ID)
	}
}

func (c *checker) todosIn(d *model.Document, id string) {
	for _, off := range d.Todos {
		c.add(RuleDocTodo, d.PosAt(off), id, "TODO marker: write what it asks for, then remove the marker")
	}
}
