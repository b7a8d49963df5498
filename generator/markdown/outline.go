package markdown

import "github.com/yuin/goldmark/ast"

// Outline walks a parsed body once and returns the nodes that point elsewhere ([[ID]]
// references, links and images, in source order) and the IDs of its headings.
func Outline(doc ast.Node) (refs []ast.Node, anchors map[string]bool) {
	anchors = map[string]bool{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Ref, *ast.Link, *ast.Image:
			refs = append(refs, n)
		case *ast.Heading:
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					anchors[string(b)] = true
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return refs, anchors
}
