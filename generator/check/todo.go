package check

import (
	"bytes"
	"regexp"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// todoMarker is a TODO marker in a document's text: the word TODO in capitals, as
// `ismsgen init` writes them into its stubs.
var todoMarker = regexp.MustCompile(`\bTODO\b`)

// todoWord is what every todoMarker match contains, found much faster than the
// regular expression is run.
const todoWord = "TODO"

// todos reports each TODO marker in the text of a document, published or not, at its
// position: the stubs `ismsgen init` writes carry one under each heading, so check is
// the to-do list of what is left to write. Code spans and code blocks are not text and
// are not searched.
func (c *checker) todos() {
	for _, e := range c.g.Entities() {
		d := e.Doc
		if d == nil || d.Generated || d.AST == nil {
			continue
		}
		c.todosIn(d, e.ID)
	}
}

func (c *checker) todosIn(d *model.Document, id string) {
	if !bytes.Contains(d.Body, []byte(todoWord)) {
		return // most documents: no need to walk the AST
	}
	ast.Walk(d.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			seg := n.Segment
			if !bytes.Contains(seg.Value(d.Body), []byte(todoWord)) {
				break
			}
			for _, m := range todoMarker.FindAllIndex(seg.Value(d.Body), -1) {
				c.add(RuleDocTodo, d.PosAt(seg.Start+m[0]), id, "TODO marker: write what it asks for, then remove the marker")
			}
		}
		return ast.WalkContinue, nil
	})
}
