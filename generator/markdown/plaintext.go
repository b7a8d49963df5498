package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// CodeSpanText says how PlainText writes a code span.
type CodeSpanText int

const (
	// CodeSpanAsText writes a code span's text as any other text.
	CodeSpanAsText CodeSpanText = iota
	// CodeSpanRaw writes a code span's text as it is, line breaks and all.
	CodeSpanRaw
	// CodeSpanOneLine writes a code span's text with its line breaks as spaces.
	CodeSpanOneLine
)

// TextOptions say what PlainText writes besides the text; the zero value writes the
// text, a space for a soft line break, the references' labels (else IDs) and the text
// of raw HTML that is not dropped.
type TextOptions struct {
	// Unescape resolves backslash escapes and entity references in the text.
	Unescape bool
	// HardBreaks writes a space for a hard line break too.
	HardBreaks bool
	// LineBreaks writes a newline, not a space, for a soft or hard line break and for a
	// <br>: for text whose lines are kept (a <pre>'s).
	LineBreaks bool
	// CodeSpans says how code spans are written.
	CodeSpans CodeSpanText
	// AutoLinks writes an autolink's label; ImageAlt an <img>'s alt text.
	AutoLinks, ImageAlt bool
	// SkipImages leaves out the alt text of images below the node.
	SkipImages bool
	// IgnoreHTML treats raw HTML as GitHub's heading text does: its text is not written
	// and no element is dropped.
	IgnoreHTML bool
	// Blocks reads blocks as well as inlines, for the search index: a space before each
	// block, code blocks' lines, " · " between table cells and " ; " between rows, an
	// <img>'s alt text between spaces; raw and hidden HTML are skipped.
	Blocks bool
	// Ref is what a reference writes; nil writes its label, else its ID.
	Ref func(*Ref) string
}

// PlainText returns the text of a Markdown tree without formatting: headings for an
// outline or a search index, image alt text, link labels.
func PlainText(n ast.Node, src []byte, opt TextOptions) string {
	var b strings.Builder
	AppendText(&b, n, src, opt)
	return b.String()
}

// AppendText appends PlainText's text to b.
func AppendText(b *strings.Builder, n ast.Node, src []byte, opt TextOptions) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if opt.Blocks && c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if opt.Unescape {
				v = Unescape(v)
			}
			b.Write(v)
			switch {
			case opt.LineBreaks && (c.SoftLineBreak() || c.HardLineBreak()):
				b.WriteByte('\n')
			case c.SoftLineBreak() || opt.HardBreaks && c.HardLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			if opt.CodeSpans == CodeSpanAsText {
				break
			}
			var code strings.Builder
			for k := c.FirstChild(); k != nil; k = k.NextSibling() {
				if t, ok := k.(*ast.Text); ok {
					code.Write(t.Segment.Value(src))
				}
			}
			if opt.CodeSpans == CodeSpanOneLine {
				b.WriteString(strings.ReplaceAll(code.String(), "\n", " "))
			} else {
				b.WriteString(code.String())
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if opt.AutoLinks {
				b.Write(c.Label(src))
			}
		case *Ref:
			switch {
			case opt.Ref != nil:
				b.WriteString(opt.Ref(c))
			case c.Label != "":
				b.WriteString(c.Label)
			default:
				b.WriteString(c.ID)
			}
		case *ast.Image:
			if opt.SkipImages {
				return ast.WalkSkipChildren, nil
			}
		case *HTMLText:
			if !opt.IgnoreHTML {
				b.Write(c.Value)
			}
		case *HTMLElement:
			switch {
			case opt.IgnoreHTML:
			case c.Action == HTMLDrop:
				return ast.WalkSkipChildren, nil
			case c.Tag == "br" && opt.LineBreaks:
				b.WriteByte('\n')
			case c.Tag == "img" && opt.Blocks:
				b.WriteString(" " + c.Alt() + " ")
			case c.Tag == "img" && opt.ImageAlt:
				b.WriteString(c.Alt())
			}
		}
		if opt.Blocks {
			return blockText(b, c, src), nil
		}
		return ast.WalkContinue, nil
	})
}

// blockText writes what Blocks adds for c and says whether to walk into it.
func blockText(b *strings.Builder, c ast.Node, src []byte) ast.WalkStatus {
	switch c := c.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := c.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		return ast.WalkSkipChildren
	case *ast.RawHTML, *ast.HTMLBlock, *HTMLHidden:
		// Tags and comments are never text.
		return ast.WalkSkipChildren
	case *east.TableCell:
		// Cells stay apart in snippets: "Staff · security key · quarterly".
		if c.PreviousSibling() != nil {
			b.WriteString(" · ")
		} else {
			b.WriteByte(' ')
		}
	case *east.TableRow, *east.TableHeader:
		if c.PreviousSibling() != nil {
			b.WriteString(" ; ")
		}
	}
	return ast.WalkContinue
}

// Unescape resolves a text's backslash escapes and entity references.
func Unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}
