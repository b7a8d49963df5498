package inline

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/yuin/goldmark/ast"
)

// hooks records the links and unknown nodes the converter hands over.
type hooks struct {
	links []string
	nodes []string
}

func (h *hooks) Link(c *Converter, n ast.Node, dest string, st layout.Style, out *[]layout.Span) {
	h.links = append(h.links, dest)
	c.LinkText(n, st, 7, "", out) // every link leads to internal link 7
}

func (h *hooks) Node(c *Converter, n ast.Node, st layout.Style, link int, url string, out *[]layout.Span) bool {
	if r, ok := n.(*markdown.Ref); ok {
		h.nodes = append(h.nodes, r.ID)
		*out = append(*out, layout.Span{Text: "<" + r.ID + ">", Style: st, Link: link, URL: url})
		return true
	}
	return false
}

// spans converts the first paragraph of src.
func spans(t *testing.T, src string) ([]layout.Span, *hooks) {
	t.Helper()
	b := []byte(src)
	doc := markdown.NewParser().Parse(b)
	p := doc.FirstChild()
	if p == nil {
		t.Fatalf("%q: no block", src)
	}
	h := &hooks{}
	return New(b, h).Spans(p, layout.Style{Size: 10, Color: layout.ColText}), h
}

func text(sp []layout.Span) string {
	var b strings.Builder
	for _, s := range sp {
		if s.Break {
			b.WriteString("|")
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// find returns the span whose text is want.
func find(t *testing.T, sp []layout.Span, want string) layout.Span {
	t.Helper()
	for _, s := range sp {
		if s.Text == want {
			return s
		}
	}
	t.Fatalf("no span %q in %q", want, text(sp))
	return layout.Span{}
}

// TestInlineStyles checks that emphasis, strong, strikethrough and code spans style
// their text and nothing else, and that escapes and entities are resolved.
func TestInlineStyles(t *testing.T) {
	sp, _ := spans(t, "plain *it* **bold** ~~gone~~ `co\nde` \\*star\\* &amp;")
	if got, want := text(sp), "plain it bold gone co de *star* &"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if s := find(t, sp, "plain "); s.Style.Bold || s.Style.Italic || s.Style.Mono {
		t.Errorf("plain text styled: %+v", s.Style)
	}
	if s := find(t, sp, "it"); !s.Style.Italic || s.Style.Bold {
		t.Errorf("*it*: %+v", s.Style)
	}
	if s := find(t, sp, "bold"); !s.Style.Bold || s.Style.Italic {
		t.Errorf("**bold**: %+v", s.Style)
	}
	if s := find(t, sp, "gone"); !s.Style.Strike {
		t.Errorf("~~gone~~ not struck: %+v", s.Style)
	}
	code := find(t, sp, "co de")
	if !code.Style.Mono || code.Style.Size >= 10 || code.Style.Color == layout.ColText {
		t.Errorf("code span: %+v, want monospaced, smaller, coloured", code.Style)
	}
}

// TestInlineBreaks checks hard breaks (two spaces, backslash, <br>) become break spans
// and a soft break a space.
func TestInlineBreaks(t *testing.T) {
	sp, _ := spans(t, "one  \ntwo\\\nthree<br>four\nfive")
	if got, want := text(sp), "one|two|three|four five"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// TestInlineLinks checks that links go to the hooks, that the text of a link is in it,
// and that nothing inside a link is a link of its own.
func TestInlineLinks(t *testing.T) {
	sp, h := spans(t, "[see *this* [[POL-01]] ![badge](b.png)](doc.md) <https://example.org> and [[RSK-02]] <a href=\"x.md\">raw</a>")
	if got, want := strings.Join(h.links, " "), "doc.md x.md"; got != want {
		t.Errorf("links handed to the hooks: %q, want %q", got, want)
	}
	if got, want := strings.Join(h.nodes, " "), "POL-01 RSK-02"; got != want {
		t.Errorf("nodes handed to the hooks: %q, want %q", got, want)
	}
	for _, w := range []string{"see ", "this", "<POL-01>", "badge", "raw"} {
		if s := find(t, sp, w); s.Link != 7 {
			t.Errorf("%q inside a link has link %d, want 7", w, s.Link)
		}
	}
	if s := find(t, sp, "this"); !s.Style.Italic {
		t.Errorf("emphasis lost inside a link: %+v", s.Style)
	}
	auto := find(t, sp, "https://example.org")
	if auto.URL != "https://example.org" || auto.Style.Color != layout.ColLink {
		t.Errorf("autolink: %+v", auto)
	}
	if s := find(t, sp, "<RSK-02>"); s.Link != 0 || s.URL != "" {
		t.Errorf("a reference outside a link is in one: %+v", s)
	}
}

// TestInlineImagesAndHTML checks that an image outside a link reads as its alt text,
// marked, and that inline HTML styles its content (sub/sup raised and lowered).
func TestInlineImagesAndHTML(t *testing.T) {
	sp, _ := spans(t, "![a diagram](d.png) H<sub>2</sub>O x<sup>2</sup> <kbd>Ctrl</kbd> <b>b</b>")
	if s := find(t, sp, "[image: a diagram]"); !s.Style.Italic || s.Style.Color != layout.ColMuted {
		t.Errorf("image: %+v", s.Style)
	}
	sub, sup := find(t, sp, "2"), sp[0]
	for _, s := range sp {
		if s.Text == "2" && s.Style.Rise > 0 {
			sup = s
		}
	}
	if sub.Style.Rise >= 0 || sup.Style.Rise <= 0 || sub.Style.Size >= 10 || sup.Style.Size >= 10 {
		t.Errorf("sub %+v, sup %+v: want lowered and raised, smaller", sub.Style, sup.Style)
	}
	if s := find(t, sp, "Ctrl"); !s.Style.Mono || !s.Style.Bold {
		t.Errorf("kbd: %+v", s.Style)
	}
	if s := find(t, sp, "b"); !s.Style.Bold {
		t.Errorf("<b>: %+v", s.Style)
	}
}

func TestCollapseSpace(t *testing.T) {
	if got := CollapseSpace("a \n\t b  c"); got != "a b c" {
		t.Errorf("got %q", got)
	}
}
