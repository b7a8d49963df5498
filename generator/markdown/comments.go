package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// WithoutComments returns body, the source of doc, without its HTML comments: the
// text of a document as a reader may see it, for comparing versions.
func WithoutComments(body []byte, doc ast.Node) []byte {
	type cut struct{ from, to int }
	var cuts []cut
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*HTMLHidden)
		if !entering || !ok || !h.Comment {
			return ast.WalkContinue, nil
		}
		from := h.Pos()
		if from < 0 || from >= len(body) {
			return ast.WalkContinue, nil
		}
		// A comment across the lines of a quote or list is not contiguous in the
		// source: it ends at the first --> after its start.
		to := from + len(h.Raw)
		if to > len(body) || !bytes.Equal(body[from:to], h.Raw) {
			end := bytes.Index(body[from:], []byte("-->"))
			if end < 0 {
				return ast.WalkContinue, nil
			}
			to = from + end + len("-->")
		}
		if len(cuts) == 0 || from >= cuts[len(cuts)-1].to {
			cuts = append(cuts, cut{from, to})
		}
		return ast.WalkContinue, nil
	})
	if len(cuts) == 0 {
		return body
	}
	out := make([]byte, 0, len(body))
	at := 0
	for _, c := range cuts {
		out = append(out, body[at:c.from]...)
		at = c.to
	}
	return append(out, body[at:]...)
}
