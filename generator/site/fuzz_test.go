package site

import (
	"bytes"
	"testing"

	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/docfuzz"
)

// FuzzRenderHTML renders one document body to HTML as its page does, and to search
// text as the index does, from arbitrary Markdown. No input may panic, and raw HTML
// stays escaped (sites have unsafe_html off by default). The seeds in
// testdata/fuzz/FuzzRenderHTML are hostile inputs that once panicked a renderer or
// might: empty and nested footnotes, deep nesting, huge tables, empty headings, links
// and images, task lists, HTML blocks, very long words.
func FuzzRenderHTML(f *testing.F) {
	s := docfuzz.New(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		g, e, ok := s.Graph(body)
		if !ok {
			return // a build would stop at load or resolve
		}
		r := &renderer{g: g, pub: newPublisher(g), lexers: &lexerCache{}}
		html, _, err := r.newMarkdown().render(e.Doc, urls.Of(e))
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		if bytes.Contains(bytes.ToLower([]byte(html)), []byte("<script")) {
			t.Errorf("raw HTML got through:\n%s", html)
		}
		bodySections(e.Doc, g, r.pub)
	})
}
