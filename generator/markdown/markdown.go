package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Parser parses document bodies. It is safe for concurrent use.
type Parser struct{ md goldmark.Markdown }

// NewParser returns the parser of the ismsgen dialect.
func NewParser() *Parser {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, RefExtension),
		goldmark.WithParserOptions(
			parser.WithAttribute(), // {#custom-id} on headings
			parser.WithASTTransformers(
				util.Prioritized(headingIDs{}, 100),
				// After goldmark's own (footnotes at 999): raw HTML becomes trees last.
				util.Prioritized(rawHTML{policy: newHTMLPolicy()}, 1000),
			),
		),
	)
	return &Parser{md: md}
}

// Parse parses a document body. Node segments index src.
func (p *Parser) Parse(src []byte) ast.Node {
	return p.md.Parser().Parse(text.NewReader(src))
}
