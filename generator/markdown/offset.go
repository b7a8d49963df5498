package markdown

import "github.com/yuin/goldmark/ast"

// NodeOffset returns the byte offset in src where an inline node such as a link starts,
// found from its first text segment (goldmark keeps no segment on links themselves).
// It falls back to the first line of the enclosing block.
func NodeOffset(n ast.Node, src []byte) int {
	switch n := n.(type) {
	case *Ref:
		return n.Offset
	case *HTMLElement:
		return n.Offset
	}
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		// Step back over the "[" (or "![") that opens the link text.
		for off > 0 && src[off-1] != '[' {
			off--
		}
		if off > 0 {
			off--
		}
		if off > 0 && src[off-1] == '!' {
			off--
		}
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}
