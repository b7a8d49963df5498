package site_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"golang.org/x/net/html"
)

// docBody returns the tokens of a page's document body (the element with class
// doc-body) in a compact form: start tags with their attributes, end tags, text with
// white space collapsed. It reads the tokens as written, not the tree a browser would
// repair them into.
func docBody(t *testing.T, page string) string {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	depth := 0 // of div elements, once inside the body
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		if depth == 0 {
			if tt == html.StartTagToken && tok.Data == "div" && attr(tok, "class") == "doc-body" {
				depth = 1
			}
			continue
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			if tok.Data == "div" {
				depth++
			}
			b.WriteString("<" + tok.Data)
			for _, a := range tok.Attr {
				b.WriteString(" " + a.Key + "=" + a.Val)
			}
			b.WriteString(">")
		case html.EndTagToken:
			if tok.Data == "div" {
				if depth--; depth == 0 {
					return b.String()
				}
			}
			b.WriteString("</" + tok.Data + ">")
		case html.TextToken:
			if strings.TrimSpace(tok.Data) != "" {
				b.WriteString(collapse(tok.Data))
			}
		case html.CommentToken:
			b.WriteString("<!--" + tok.Data + "-->")
		}
	}
	t.Fatal("the page has no complete doc-body")
	return ""
}

// collapse turns every run of white space into one space.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// nestedAnchors counts the <a> start tags written inside another <a>.
func nestedAnchors(page string) int {
	z := html.NewTokenizer(strings.NewReader(page))
	open, nested := 0, 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return nested
		case html.StartTagToken, html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "a" {
				if tt == html.EndTagToken {
					open = max(open-1, 0)
				} else {
					if open > 0 {
						nested++
					}
					open++
				}
			}
		}
	}
}

// A document written for GitHub shows what GitHub would show of its raw HTML, no more:
// allowed elements with allowed attributes, links resolved as Markdown links are, local
// images from the site and external ones as their alt text, nothing of comments,
// scripts, event handlers, styles or frames, and never an <a> inside an <a>.
func TestRawHTMLIsSanitised(t *testing.T) {
	out := render(t, fixture.GitHubStyle())
	body := page(t, out, "github/index.html")
	want := strings.Join([]string{
		`<p align=center><a href=wide.html>ISMS approved</a><img src=logo.png width=100 alt= loading=lazy></p>`,
		`<p><a href=wide.html>build passing</a></p>`,
		`<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy.<br> Water is H<sub>2</sub>O and energy E=mc<sup>2</sup>.</p>`,
		`<details><summary>Show the procedure</summary><p>The <strong>hidden</strong> steps, see <a class=ref ref-title href=../policies/is.html>Information security policy</a>.</p></details>`,
		` external `,
		`<p>Text with an inline comment.</p>`,
		`<p>x</p>`,
		`<div> Styled text </div>`,
		`<p>Nested: <a href=wide.html>a Information security policy b</a>, <a href=wide.html>a https://example.com/auto b</a>, <a href=wide.html>raw</a>, <a href=wide.html>Information security policy</a>.</p>`,
	}, "")
	if got := docBody(t, body); got != want {
		t.Errorf("the body shows\n%s\nwant\n%s", got, want)
	}
	if n := nestedAnchors(body); n != 0 {
		t.Errorf("%d <a> inside an <a>", n)
	}
	for p, b := range out.Files {
		for _, leak := range []string{fixture.Secret, "alert(1)", "onclick", "<iframe", "<script>alert"} {
			if strings.Contains(string(b), leak) {
				t.Errorf("%s contains %q", p, leak)
			}
		}
	}
	idx := page(t, out, "search-index.js")
	for _, want := range []string{"Press Ctrl+C to copy", "Show the procedure", "ISMS approved", "Styled text"} {
		if !strings.Contains(idx, want) {
			t.Errorf("the search index lacks %q", want)
		}
	}
	for _, tag := range []string{"kbd", "details", "<p", "&lt;", "\\u003c"} {
		if strings.Contains(idx, tag) {
			t.Errorf("the search index holds %q", tag)
		}
	}
}

// With unsafe_html: true the author's HTML is written as it is (comments stay in the
// source, never on screen), except that links and images point where the site has
// their targets.
func TestUnsafeHTMLIsWrittenAsIs(t *testing.T) {
	f := fixture.GitHubStyle()
	f["data/site.yaml"] += "unsafe_html: true\n"
	out := render(t, f)
	body := page(t, out, "github/index.html")
	for _, want := range []string{
		`<!-- TODO: internal note ` + fixture.Secret + ` -->`,
		`<script>alert(1)</script>`,
		`<div onclick="x" style="color:red">`,
		`<a href="wide.html"><img src="https://img.shields.io/badge/ISMS-approved-green" alt="ISMS approved"></a>`,
		`<img src="logo.png" width="100">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(body, "&lt;kbd") || strings.Contains(body, `class="raw-html"`) {
		t.Error("raw HTML is shown as source")
	}
}
