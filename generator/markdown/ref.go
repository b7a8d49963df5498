package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindRef is the node kind of a [[ID]] cross-reference.
var KindRef = ast.NewNodeKind("Ref")

// Ref is a [[ID]] or [[ID|label]] cross-reference. It is an inline leaf: renderers
// decide how it looks, using the target resolve found for it.
type Ref struct {
	ast.BaseInline
	ID    string
	Label string // "" when the author gave none
	// Offset is the byte offset of the opening "[[" in the parsed source.
	Offset int
}

// Kind implements ast.Node.
func (n *Ref) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (n *Ref) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID, "Label": n.Label}, nil)
}

// refParser recognises [[ID]] and [[ID|label]]. It runs before goldmark's link parser
// (which also triggers on '['); code spans are consumed by the code span parser first, so
// a reference written inside backticks or a code block stays literal text.
type refParser struct{}

func (refParser) Trigger() []byte { return []byte{'['} }

func (refParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 5 || line[1] != '[' {
		return nil
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	if bytes.ContainsAny(inner, "[]\n") {
		return nil
	}
	id, label, _ := bytes.Cut(inner, []byte("|"))
	id = bytes.TrimSpace(id)
	if len(id) == 0 || bytes.ContainsAny(id, " \t") {
		return nil
	}
	block.Advance(2 + end + 2)
	return &Ref{ID: string(id), Label: string(bytes.TrimSpace(label)), Offset: seg.Start}
}

type refExtension struct{}

// RefExtension adds [[ID]] parsing to a goldmark.Markdown.
var RefExtension goldmark.Extender = refExtension{}

func (refExtension) Extend(m goldmark.Markdown) {
	// Priority 199: just ahead of goldmark's link parser (200).
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(refParser{}, 199)))
}
