package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// Raw HTML in a body becomes a tree. goldmark keeps it as flat pieces: an HTML block
// is lines up to a blank line (so <details> and its </details> are two blocks with
// Markdown between them), and inline HTML is one node per tag (<kbd>, the text, then
// </kbd>). The rawHTML transformer pairs the tags up within each container and moves
// what lies between them, Markdown included, under an HTMLElement, which carries what
// the allowlist (htmlPolicy) makes of it. Nothing is thrown away: each piece keeps the
// bytes it was written as, so a site that allows raw HTML can still print it as is.

// KindHTMLElement, KindHTMLText and KindHTMLHidden are the node kinds of raw HTML.
var (
	KindHTMLElement = ast.NewNodeKind("HTMLElement")
	KindHTMLText    = ast.NewNodeKind("HTMLText")
	KindHTMLHidden  = ast.NewNodeKind("HTMLHidden")
)

// HTMLAction is what the allowlist makes of an element written as raw HTML.
type HTMLAction uint8

const (
	// HTMLKeep: the element is allowed and shown with the attributes in Attrs.
	HTMLKeep HTMLAction = iota
	// HTMLUnwrap: the element is not allowed; its content is shown without it (an image,
	// which has none, is shown as its alt text).
	HTMLUnwrap
	// HTMLDrop: the element and its content are never shown (script, style, iframe…).
	HTMLDrop
)

// Attr is an attribute of an element, its value with character references resolved.
type Attr struct{ Key, Val string }

// HTMLElement is an element written as raw HTML, with its content as children.
type HTMLElement struct {
	ast.BaseBlock
	Tag    string     // lower case
	Action HTMLAction // what the allowlist makes of it
	Attrs  []Attr     // the attributes the allowlist keeps (HTMLKeep only)
	// Written are the attributes as written, and Raw and RawEnd the start and end tags
	// (RawEnd is nil when the end tag was left out), for sites that allow raw HTML.
	Written []Attr
	Raw     []byte
	RawEnd  []byte
	// Offset is the byte offset of the start tag in the body.
	Offset int
	inline bool
}

// Kind implements ast.Node.
func (n *HTMLElement) Kind() ast.NodeKind { return KindHTMLElement }

// Type implements ast.Node: phrasing elements and those written inline are inline.
func (n *HTMLElement) Type() ast.NodeType {
	if n.inline {
		return ast.TypeInline
	}
	return ast.TypeBlock
}

// Attr returns the value of an attribute the allowlist keeps.
func (n *HTMLElement) Attr(key string) (string, bool) { return attrValue(n.Attrs, key) }

// Alt returns an image's alternative text as written, "" when it has none.
func (n *HTMLElement) Alt() string {
	v, _ := attrValue(n.Written, "alt")
	return v
}

// Dump implements ast.Node.
func (n *HTMLElement) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Tag": n.Tag, "Action": [...]string{"keep", "unwrap", "drop"}[n.Action]}, nil)
}

// HTMLText is text written inside an HTML block (shown as text, never as Markdown).
type HTMLText struct {
	ast.BaseInline
	Value []byte // character references resolved
	Raw   []byte
}

// Kind implements ast.Node.
func (n *HTMLText) Kind() ast.NodeKind { return KindHTMLText }

// Dump implements ast.Node.
func (n *HTMLText) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": string(n.Value)}, nil)
}

// HTMLHidden is raw HTML that is never shown: a comment, a declaration or processing
// instruction, or an end tag that closes nothing.
type HTMLHidden struct {
	ast.BaseInline
	Raw     []byte
	Comment bool
}

// Kind implements ast.Node.
func (n *HTMLHidden) Kind() ast.NodeKind { return KindHTMLHidden }

// Dump implements ast.Node.
func (n *HTMLHidden) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Raw": string(n.Raw)}, nil)
}

// rawHTML is the AST transformer that builds the trees.
type rawHTML struct{ policy *htmlPolicy }

// Transform implements parser.ASTTransformer.
func (t rawHTML) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	t.walk(doc, reader.Source())
}

func (t rawHTML) walk(n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindRawHTML || c.Kind() == ast.KindHTMLBlock {
			t.restructure(n, src)
			break
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t.walk(c, src)
	}
}

// restructure pairs up the raw HTML among the children of n. Elements opened in n and
// not closed in it end with it.
func (t rawHTML) restructure(n ast.Node, src []byte) {
	var kids []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		kids = append(kids, c)
	}
	n.RemoveChildren(n)
	b := &treeBuilder{policy: t.policy, root: n}
	for _, c := range kids {
		switch c := c.(type) {
		case *ast.RawHTML:
			var raw rawText
			for i := 0; i < c.Segments.Len(); i++ {
				raw.add(c.Segments.At(i), src)
			}
			b.feed(&raw, true)
		case *ast.HTMLBlock:
			var raw rawText
			for i := 0; i < c.Lines().Len(); i++ {
				raw.add(c.Lines().At(i), src)
			}
			if c.HasClosure() {
				raw.add(c.ClosureLine, src)
			}
			b.feed(&raw, false)
		default:
			b.append(c)
		}
	}
}

// rawText is raw HTML gathered from its segments, which know where each byte was.
type rawText struct {
	buf    []byte
	starts []int // offset in buf where each segment starts
	srcAt  []int // and where it starts in the source
}

func (r *rawText) add(seg text.Segment, src []byte) {
	r.starts = append(r.starts, len(r.buf))
	r.srcAt = append(r.srcAt, seg.Start)
	r.buf = append(r.buf, seg.Value(src)...)
}

// offset maps an offset in buf to the source.
func (r *rawText) offset(i int) int {
	k := sort.Search(len(r.starts), func(k int) bool { return r.starts[k] > i }) - 1
	if k < 0 {
		return 0
	}
	return r.srcAt[k] + i - r.starts[k]
}

// treeBuilder adds nodes under root, inside the elements still open.
type treeBuilder struct {
	policy *htmlPolicy
	root   ast.Node
	open   []*HTMLElement
}

func (b *treeBuilder) append(c ast.Node) {
	var parent ast.Node = b.root
	if k := len(b.open); k > 0 {
		parent = b.open[k-1]
	}
	parent.AppendChild(parent, c)
}

// feed tokenizes raw HTML and adds its tokens; inline says whether it was written
// inside a line of text.
func (b *treeBuilder) feed(r *rawText, inline bool) {
	z := html.NewTokenizer(bytes.NewReader(r.buf))
	at := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		raw := bytes.Clone(z.Raw())
		off := r.offset(at)
		at += len(raw)
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			b.start(z.Token(), raw, off, inline)
		case html.EndTagToken:
			b.end(z.Token().Data, raw)
		case html.TextToken:
			t := &HTMLText{Value: []byte(z.Token().Data), Raw: raw}
			t.SetPos(off)
			b.append(t)
		default: // comments, doctypes
			h := &HTMLHidden{Raw: raw, Comment: tt == html.CommentToken}
			h.SetPos(off)
			b.append(h)
		}
	}
}

func (b *treeBuilder) start(tok html.Token, raw []byte, off int, inline bool) {
	el := &HTMLElement{Tag: tok.Data, Raw: raw, Offset: off, Written: attrsOf(tok.Attr), inline: inline || phrasingTag(tok.Data)}
	el.SetPos(off)
	el.Action, el.Attrs = b.policy.decide(tok)
	for k := len(b.open); k > 0 && impliedEnd(el.Tag, b.open[k-1].Tag); k = len(b.open) {
		b.open = b.open[:k-1]
	}
	b.append(el)
	if !voidTag(el.Tag) {
		b.open = append(b.open, el)
	}
}

// end closes the innermost open element of the tag, and those inside it; an end tag
// that closes nothing is kept hidden.
func (b *treeBuilder) end(tag string, raw []byte) {
	for k := len(b.open) - 1; k >= 0; k-- {
		if b.open[k].Tag == tag {
			b.open[k].RawEnd = raw
			b.open = b.open[:k]
			return
		}
	}
	b.append(&HTMLHidden{Raw: raw})
}
