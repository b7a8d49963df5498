package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// tree writes the raw HTML of a body as a compact outline: an element as
// tag[attr=value](children) with a ~ for an unwrapped one and a ! for a dropped one,
// HTML text in quotes, Markdown text as it is, hidden HTML as #; other Markdown nodes
// by kind.
func tree(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *HTMLElement:
				b.WriteString(c.Tag + [...]string{"", "~", "!"}[c.Action])
				for _, a := range c.Attrs {
					fmt.Fprintf(&b, "[%s=%s]", a.Key, a.Val)
				}
				b.WriteString("(")
				walk(c)
				b.WriteString(")")
				continue
			case *HTMLText:
				if s := strings.TrimSpace(string(c.Value)); s != "" {
					fmt.Fprintf(&b, "%q", s)
				}
			case *HTMLHidden:
				b.WriteString("#")
			case *ast.Text:
				b.Write(c.Segment.Value(src))
			case *ast.RawHTML, *ast.HTMLBlock:
				b.WriteString("RAW")
			default:
				b.WriteString(c.Kind().String() + "(")
				walk(c)
				b.WriteString(")")
			}
		}
	}
	walk(n)
	return b.String()
}

func TestRawHTMLTrees(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"badges in a centred paragraph",
			"<p align=\"center\">\n  <a href=\"./other.md\"><img src=\"https://img.shields.io/b.svg\" alt=\"build passing\"></a>\n</p>\n",
			`p[align=center](a[href=./other.md](img[src=https://img.shields.io/b.svg][alt=build passing]()))`},
		{"inline tags pair up across goldmark's nodes",
			"Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy.<br>\nNext",
			`Paragraph(Press kbd(Ctrl)+kbd(C) to copy.br()Next)`},
		{"details spans blocks with Markdown between",
			"<details>\n<summary>More</summary>\n\nHidden **content**.\n\n</details>\n",
			`details(summary("More")Paragraph(Hidden Emphasis(content).))`},
		{"comments are hidden, block and inline",
			"<!-- TODO: internal note secret-7731 -->\n\nA <!-- secret-7731 --> b\n",
			`#Paragraph(A # b)`},
		{"a script goes with its content, block and inline",
			"<script>alert(1)</script>\n\nx <script>alert(2)</script> y\n",
			`script!("alert(1)")Paragraph(x script!(alert(2)) y)`},
		{"a javascript: link is unwrapped to its text",
			`<a href="javascript:alert(1)">x</a> and <a href="data:text/html,hi">y</a>`,
			`Paragraph(a~(x) and a~(y))`},
		{"event handlers and styles are removed",
			"<div onclick=\"x\" style=\"color:red\" align=\"middle\">\ndiv text\n</div>\n",
			`div("div text")`},
		{"iframes, objects and forms",
			"<iframe src=\"https://evil.example/\">fallback</iframe>\n\n<form action=\"/x\"><input name=\"q\"><button>Send</button></form>\n",
			`iframe!("fallback")form~(input~()button~("Send"))`},
		{"a local image keeps its width",
			`<img src="logo.png" width="100" onerror="alert(1)">`,
			`img[src=logo.png][width=100]()`},
		{"an image with a javascript: src keeps only its alt text",
			`<img src="javascript:alert(1)" alt="logo">`,
			`img~()`},
		{"end tags that close nothing are hidden; open tags end with their container",
			"a </kbd> <b>bold\n\nnext",
			`Paragraph(a # b(bold))Paragraph(next)`},
		{"list items and table cells end each other",
			"<ul><li>one<li>two</ul>\n\n<table><tr><td align=\"right\" colspan=\"2\">a<td>b<tr><td>c</table>\n",
			`ul(li("one")li("two"))table(tr(td[align=right][colspan=2]("a")td("b"))tr(td("c")))`},
		{"raw HTML inside a Markdown link",
			`[<a href="z.md">q</a>](w.md)`,
			`Paragraph(Link(a[href=z.md](q)))`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			if got := tree(NewParser().Parse(src), src); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// Links and images written as raw HTML are references to resolve, at the position of
// their tag; those inside an element the allowlist drops are not.
func TestOutlineFindsRawHTMLReferences(t *testing.T) {
	src := []byte("Intro <a href=\"x.md#a\">x</a>\n\n<p>\n<img src=\"logo.png\">\n</p>\n\n<script><a href=\"no.md\"></a></script>\n\n<a href=\"javascript:x\">j</a>\n")
	refs, _ := Outline(NewParser().Parse(src))
	var got []string
	for _, n := range refs {
		if d, ok := LinkDestination(n); ok {
			got = append(got, fmt.Sprintf("link %s @%d", d, NodeOffset(n, src)))
		}
		if d, ok := ImageSource(n); ok {
			got = append(got, fmt.Sprintf("image %s @%d", d, NodeOffset(n, src)))
		}
	}
	want := []string{"link x.md#a @6", "image logo.png @34"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("references %v, want %v", got, want)
	}
}

func TestWithoutComments(t *testing.T) {
	src := []byte("Keep <!-- inline secret --> this.\n\n<!--\nblock secret\n-->\n\n> quoted <!-- across\n> lines secret -->\n> end\n\n`<!-- code stays -->`\n")
	got := string(WithoutComments(src, NewParser().Parse(src)))
	if strings.Contains(got, "secret") || !strings.Contains(got, "Keep  this.") || !strings.Contains(got, "> end") || !strings.Contains(got, "<!-- code stays -->") {
		t.Errorf("without comments:\n%s", got)
	}
}
