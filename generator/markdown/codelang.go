package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// CodeLanguage is a fenced code block's language: its info string up to the first
// space, "" without one. It reads the info string itself: goldmark's Language caches
// its answer in the node, a write to an AST that the site and the packs read
// concurrently.
func CodeLanguage(n *ast.FencedCodeBlock, src []byte) string {
	if n.Info == nil {
		return ""
	}
	info := n.Info.Segment.Value(src)
	if i := bytes.IndexByte(info, ' '); i >= 0 {
		info = info[:i]
	}
	return string(info)
}
