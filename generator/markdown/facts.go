package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// This file holds what the stages between load and render (resolve, check, pack
// planning) read of a body, collected once from its AST, so that a one-shot build can
// drop every AST as soon as a document is parsed (the render parses the body again).

// todoMarker is a TODO marker in a document's text: the word TODO in capitals, as
// `ismsgen init` writes them into its stubs.
var todoMarker = regexp.MustCompile(`\bTODO\b`)

// todoWord is what every todoMarker match contains, found much faster than the
// regular expression is run.
const todoWord = "TODO"

// Todos returns the byte offsets in src of the TODO markers of a parsed body's text:
// code spans, code blocks and raw HTML are not text and are not searched.
func Todos(doc ast.Node, src []byte) []int {
	if doc == nil || !bytes.Contains(src, []byte(todoWord)) {
		return nil // most documents: no need to walk the AST
	}
	var out []int
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			v := n.Segment.Value(src)
			if !bytes.Contains(v, []byte(todoWord)) {
				break
			}
			for _, m := range todoMarker.FindAllIndex(v, -1) {
				out = append(out, n.Segment.Start+m[0])
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// CustomIDs maps the anchor the text of each heading with a custom ID ({#id}) would
// have to that heading's ID (the first such heading for each text anchor), as
// CustomIDFor finds one: the material of a broken fragment's hint. nil when the body
// has no custom ID.
func CustomIDs(doc ast.Node) map[string]string {
	var out map[string]string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if v, ok := h.AttributeString(attrTextSlug); ok {
			if b, ok := v.([]byte); ok {
				if _, taken := out[string(b)]; !taken {
					if out == nil {
						out = map[string]string{}
					}
					out[string(b)] = HeadingAnchors(h)[0]
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// StandIns returns, for the references Outline found in a body (src), nodes of the
// same kinds that hold what the stages before the render read of them (an [[ID]]'s ID
// and label, a link's or image's destination and title, a raw HTML element's tag,
// attributes and offset) and give the same NodeOffset, but hold nothing of the tree
// they came from, nor of src (their bytes are copies): so the AST can go while resolve's targets stay, keyed by the stand-ins
// (Graph.Detach and Attach move them to the nodes of the body parsed again).
func StandIns(refs []ast.Node, src []byte) []ast.Node {
	out := make([]ast.Node, len(refs))
	for i, n := range refs {
		switch n := n.(type) {
		case *Ref:
			out[i] = &Ref{ID: n.ID, Label: n.Label, Offset: n.Offset}
		case *HTMLElement:
			out[i] = &HTMLElement{Tag: n.Tag, Action: n.Action, Attrs: n.Attrs, Written: n.Written,
				Raw: bytes.Clone(n.Raw), RawEnd: bytes.Clone(n.RawEnd), Offset: n.Offset, inline: n.inline}
		case *ast.Link:
			out[i] = offsetLike(n, standInLink(n.Destination, n.Title))
		case *ast.Image:
			out[i] = offsetLike(n, ast.NewImage(standInLink(n.Destination, n.Title)))
		default:
			out[i] = n // no other kind is a reference: kept as it is
		}
	}
	return out
}

// standInLink is a link to a copy of dest and title: goldmark's are slices of the
// source, which a stand-in must not keep (the render drops the body after its page).
func standInLink(dest, title []byte) *ast.Link {
	l := ast.NewLink()
	l.Destination, l.Title = bytes.Clone(dest), bytes.Clone(title)
	return l
}

// offsetLike gives the stand-in s of a link or image n what NodeOffset reads of n: its
// first text segment, else the first line of its enclosing block.
func offsetLike(n, s ast.Node) ast.Node {
	var first *ast.Text
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			first = t
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if first != nil {
		s.AppendChild(s, ast.NewTextSegment(first.Segment))
		return s
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			para := ast.NewParagraph()
			para.Lines().Append(p.Lines().At(0))
			para.AppendChild(para, s)
			return s
		}
	}
	return s
}
