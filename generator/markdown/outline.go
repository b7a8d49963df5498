package markdown

import "github.com/yuin/goldmark/ast"

// Outline walks a parsed body once and returns the nodes that point elsewhere ([[ID]]
// references, links and images, those written as raw HTML included, in source order;
// nothing inside an element the allowlist drops) and the anchors of its headings: each
// anchor a link may name, mapped to the ID of the heading it leads to.
func Outline(doc ast.Node) (refs []ast.Node, anchors map[string]string) {
	anchors = map[string]string{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Ref, *ast.Link, *ast.Image:
			refs = append(refs, n)
		case *HTMLElement:
			switch {
			case n.Action == HTMLDrop:
				return ast.WalkSkipChildren, nil
			case n.Action == HTMLKeep && (n.Tag == "a" || n.Tag == "img"):
				refs = append(refs, n)
			}
		case *ast.Heading:
			if all := HeadingAnchors(n); len(all) > 0 {
				for _, a := range all {
					if _, taken := anchors[a]; !taken {
						anchors[a] = all[0]
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return refs, anchors
}
