package site

import (
	"bytes"
	"html/template"
	"testing"
)

// htmlWriter escapes as html/template does, in a text node, a quoted attribute, a URL
// attribute and a URL's fragment: compared on strings made to hit every rule.
func TestHTMLWriterEscapesAsHTMLTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`{{.}}|<a title="{{.}}" href="{{.}}"><a href="#{{.}}">`))
	cases := []string{
		"", "plain", `<script>alert("x")</script>`, "a & b", "it's", "C++ & A+B", "\x00nul",
		"100%", "%41%zz%4", "../policies/pol-1.html#scope", "a b/ü?x=1&y=2", "javascript:alert(1)",
		"JavaScript:x", "mailto:a@b", "https://example.com/a b", "HTTP://x", "data:text/html,x",
		"a/b:c", "\ufdd0\ufffe\xff\xfe", "tab\tnew\nline", "`back` ~tilde~ [x] {y} |z| ^",
		"\"'<>&+", "ísö 27001 — “quoted”",
	}
	for c := range 128 {
		cases = append(cases, "x"+string(rune(c))+"y")
	}
	for _, s := range cases {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		w := htmlWriter{&got}
		w.text(s)
		w.raw(`|<a title="`)
		w.text(s)
		w.raw(`" href="`)
		w.url(s)
		w.raw(`"><a href="#`)
		w.urlPart(s)
		w.raw(`">`)
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	}
}
