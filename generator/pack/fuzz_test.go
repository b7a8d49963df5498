package pack

import (
	"bytes"
	"context"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/docfuzz"
)

// FuzzRenderPDF renders one document's Markdown as its section of a PDF pack, from
// arbitrary Markdown. No input may fail: Render turns a panic into an "internal error"
// against the document, which is a bug here. The seeds in testdata/fuzz/FuzzRenderPDF
// are hostile inputs that once panicked a renderer or might: empty and nested
// footnotes, deep nesting, huge tables, empty headings, links and images, task lists,
// HTML blocks, very long words.
func FuzzRenderPDF(f *testing.F) {
	s := docfuzz.New(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		g, e, ok := s.Graph(body)
		if !ok {
			return // a build would stop at load or resolve
		}
		p, err := PlanPack(g, model.PackConfig{Name: "fuzz", Contents: []model.Ref{{ID: e.ID}}})
		if err != nil {
			t.Fatalf("plan: %v", err)
		}
		res, err := Render(context.Background(), g, p, Options{Date: testDate})
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		if !bytes.HasPrefix(res.PDF, []byte("%PDF-")) {
			t.Fatalf("not a PDF: %.20q", res.PDF)
		}
	})
}
