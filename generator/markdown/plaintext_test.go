package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// plainTextSrc has what the three readers of plain text treat differently: escapes and
// entities, hard breaks, code spans over two lines, autolinks, images in raw HTML,
// dropped and hidden HTML, tables and code blocks.
const plainTextSrc = "# Head *em* `code` [[POL-1]] [[POL-2|Label]] &amp; \\* <https://x.org> <img src=\"a.png\" alt=\"Alt\"> end\n\n" +
	"Line `one\ntwo`  \nhard <b>bold</b> <!-- c --> <script>x</script>\n\n" +
	"| a | `b` |\n|---|-----|\n| 1 | [[C-1]] |\n\n" +
	"```go\ncode block\n```\n"

func TestPlainTextOptions(t *testing.T) {
	src := []byte(plainTextSrc)
	doc := NewParser().Parse(src)
	heading := doc.FirstChild().(*ast.Heading)
	para := heading.NextSibling()
	for _, tc := range []struct {
		name string
		n    ast.Node
		opt  TextOptions
		want string
	}{
		{"site heading", heading, TextOptions{}, "Head em code POL-1 Label &amp; \\*   end"},
		{"pack heading", heading, TextOptions{Unescape: true, HardBreaks: true, CodeSpans: CodeSpanOneLine, AutoLinks: true, ImageAlt: true},
			"Head em code POL-1 Label & * https://x.org Alt end"},
		{"title heading", heading, TextOptions{HardBreaks: true, AutoLinks: true, SkipImages: true, IgnoreHTML: true}, "Head em code POL-1 Label &amp; \\* https://x.org  end"},
		{"site paragraph", para, TextOptions{}, "Line one\ntwohard bold  "},
		{"pack paragraph", para, TextOptions{Unescape: true, HardBreaks: true, CodeSpans: CodeSpanOneLine, AutoLinks: true, ImageAlt: true}, "Line one two hard bold  "},
		{"search document", doc, TextOptions{Blocks: true, CodeSpans: CodeSpanRaw, HardBreaks: true, Ref: func(r *Ref) string { return "<" + r.ID + ">" }},
			" Head em code <POL-1> <POL-2> &amp; \\*   Alt  end Line one\ntwo hard bold      a  · b  ;   1  · <C-1> code block\n"},
	} {
		if got := PlainText(tc.n, src, tc.opt); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	// A <pre>'s text (the pack's raw HTML): its line breaks, soft, hard and <br>, stay.
	pre := []byte("<pre>one &amp; <b>two</b><br>three\nfour  \nfive <script>x</script></pre>\n")
	if got := PlainText(NewParser().Parse(pre), pre, TextOptions{Unescape: true, LineBreaks: true}); got != "one & two\nthree\nfour  \nfive \n" {
		t.Errorf("line breaks kept: got %q", got)
	}
	inline := []byte("a<br>b\nc  \nd\n")
	if got := PlainText(NewParser().Parse(inline), inline, TextOptions{LineBreaks: true}); got != "a\nb\nc\nd" {
		t.Errorf("inline line breaks kept: got %q", got)
	}
	var b strings.Builder
	b.WriteString("before")
	AppendText(&b, heading, src, TextOptions{})
	if got := b.String(); !strings.HasPrefix(got, "beforeHead em") {
		t.Errorf("AppendText: got %q, want the text after what b held", got)
	}
}
