package markdown

import "github.com/yuin/goldmark/ast"

// LinkDestination returns where a link points: a Markdown link's destination, or the
// href the allowlist keeps of a raw HTML <a>.
func LinkDestination(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.Link:
		return string(n.Destination), true
	case *HTMLElement:
		if n.Tag == "a" && n.Action == HTMLKeep {
			return n.Attr("href")
		}
	}
	return "", false
}

// ImageSource returns what an image shows: a Markdown image's destination, or the src
// the allowlist keeps of a raw HTML <img>.
func ImageSource(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.Image:
		return string(n.Destination), true
	case *HTMLElement:
		if n.Tag == "img" && n.Action == HTMLKeep {
			return n.Attr("src")
		}
	}
	return "", false
}
