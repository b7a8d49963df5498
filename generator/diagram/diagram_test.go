package diagram_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

const flowDoc = "---\ntitle: Access\n---\n# Access\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```go\nx := 1\n```\n\n" +
	"- In a list:\n\n  ~~~ Mermaid\n  ---\n  title: Joiners and leavers\n  ---\n  flowchart TD\n    J --> L\n  ~~~\n\n" +
	"```mermaid\r\npie title Pets adopted\r\n  \"Dogs\" : 3\r\n```\n"

// loadDoc loads a one-document site and returns the document.
func loadDoc(t *testing.T, body string, extra fixture.Files) (*model.Site, *model.Document) {
	t.Helper()
	files := fixture.Minimal().With(fixture.Files{"content/policies/access.md": body}).With(extra)
	s, err := load.Load(context.Background(), fixture.Write(t, files))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Documents {
		if d.Path == "content/policies/access.md" {
			return s, d
		}
	}
	t.Fatal("document not loaded")
	return nil, nil
}

func TestFind(t *testing.T) {
	_, d := loadDoc(t, flowDoc, nil)
	ds := diagram.Find(d)
	if len(ds) != 3 {
		t.Fatalf("found %d diagrams, want 3 (the go block is code)", len(ds))
	}
	for i, want := range []struct {
		pos, source, title, label string
	}{
		{"content/policies/access.md:6:1", "flowchart LR\n  A --> B\n", "", "Diagram 1"},
		{"content/policies/access.md:17:3", "---\ntitle: Joiners and leavers\n---\nflowchart TD\n  J --> L\n", "Joiners and leavers", "Joiners and leavers"},
		{"content/policies/access.md:25:1", "pie title Pets adopted\n  \"Dogs\" : 3\n", "Pets adopted", "Pets adopted"},
	} {
		g := ds[i]
		if g.N != i+1 || g.Pos.String() != want.pos || g.Source != want.source || g.Title() != want.title || g.Label() != want.label {
			t.Errorf("diagram %d: N %d at %s, source %q, title %q, label %q; want %s, %q, %q, %q", i+1, g.N, g.Pos, g.Source, g.Title(), g.Label(), want.pos, want.source, want.title, want.label)
		}
	}
	// CRLF sources hash as their LF twins, so a Windows checkout finds the same images.
	_, lf := loadDoc(t, strings.ReplaceAll(flowDoc, "\r\n", "\n"), nil)
	if a, b := ds[2].Hash(), diagram.Find(lf)[2].Hash(); a != b || len(a) != 64 {
		t.Errorf("hash of CRLF source %s, of LF source %s", a, b)
	}
	if ds[0].Hash() == ds[1].Hash() {
		t.Error("different sources hash the same")
	}
}

func TestTitle(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"flowchart LR\n  A --> B\n", ""},
		{"---\ntitle: \"Incident flow\"\nconfig:\n  theme: forest\n---\nflowchart LR\n", "Incident flow"},
		{"%% a comment\ngantt\n  title Release plan\n  dateFormat YYYY-MM-DD\n", "Release plan"},
		{"pie title Pets\n  \"Dogs\" : 1\n", "Pets"},
		{"sequenceDiagram\n  accTitle: Login sequence\n  A->>B: hi\n", "Login sequence"},
		{"xychart-beta\n  title \"Sales\"\n", "Sales"},
		{"flowchart LR\n  title[Title node] --> B\n", ""},
	} {
		if got := diagram.Title(c.src); got != c.want {
			t.Errorf("Title(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestNames(t *testing.T) {
	if got := diagram.BesidePath("content/policies/access.md", 2); got != "content/policies/access.diagram-2.png" {
		t.Errorf("BesidePath = %s", got)
	}
	h := strings.Repeat("ab", 32)
	if got := diagram.CachePath(h); got != ".ismsgen/diagrams/"+h+".png" {
		t.Errorf("CachePath = %s", got)
	}
	for name, want := range map[string]bool{h + ".png": true, h + ".PNG": false, h[:62] + ".png": false, strings.ToUpper(h) + ".png": false, h + ".png.tmp": false, "../" + h[3:] + ".png": false} {
		if diagram.IsCacheName(name) != want {
			t.Errorf("IsCacheName(%q) = %v", name, !want)
		}
	}
	if diagram.Anchor(3) != "diagram_3" {
		t.Errorf("Anchor(3) = %s", diagram.Anchor(3))
	}
}

func pngBytes(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Lookup prefers the declared image, then the one beside the document, then the cache;
// without any it says what to do, at the diagram's line.
func TestLookup(t *testing.T) {
	img := pngBytes(t)
	body := "---\ntitle: Access\n---\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```mermaid\nflowchart LR\n  %% image: flows/second.png\n  C --> D\n```\n\n```mermaid\nflowchart LR\n  E --> F\n```\n"
	site, d := loadDoc(t, body, fixture.Files{
		"content/policies/access.diagram-1.png": img,
		"content/policies/access.diagram-2.png": img, // the declared image wins over this one
		"content/policies/flows/second.png":     img,
	})
	ds := diagram.Find(d)
	third := ds[2]
	site.Files[diagram.CachePath(third.Hash())] = []byte(img)
	for i, want := range []struct {
		path   string
		origin diagram.Origin
	}{
		{"content/policies/access.diagram-1.png", diagram.Beside},
		{"content/policies/flows/second.png", diagram.Declared},
		{diagram.CachePath(third.Hash()), diagram.Cached},
	} {
		got, why, _ := diagram.Lookup(site.Files, d, ds[i])
		if got.Path != want.path || got.Origin != want.origin || why != "" || len(got.Data) == 0 {
			t.Errorf("diagram %d: image %s (origin %d, %q), want %s (%d)", i+1, got.Path, got.Origin, why, want.path, want.origin)
		}
	}
	if w := diagram.Warnings(site.Files, d); len(w) != 0 {
		t.Errorf("warnings with every image present: %v", w)
	}

	delete(site.Files, diagram.CachePath(third.Hash()))
	delete(site.Files, "content/policies/flows/second.png")
	site.Files["content/policies/access.diagram-1.png"] = []byte("not a png")
	want := []string{
		"content/policies/access.md:4:1: diagram has no image for the PDF: run ismsgen diagrams (or add content/policies/access.diagram-1.png)",
		"content/policies/access.md:11:3: diagram has no image for the PDF: content/policies/flows/second.png (named by %% image:) is missing or not a readable PNG",
		"content/policies/access.md:15:1: diagram has no image for the PDF: run ismsgen diagrams (or add content/policies/access.diagram-3.png)",
	}
	if got := diagram.Warnings(site.Files, d).Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWithDPI(t *testing.T) {
	src := pngBytes(t)
	out, err := diagram.WithDPI([]byte(src), 192)
	if err != nil {
		t.Fatal(err)
	}
	again, err := diagram.WithDPI(out, 192)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("a second WithDPI changed the PNG (%v)", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil || img.Bounds().Dx() != 4 {
		t.Fatalf("the PNG with pHYs does not decode: %v", err)
	}
	i := bytes.Index(out, []byte("pHYs"))
	if i < 0 || string(out[i+4:i+8]) != "\x00\x00\x1d\x87" || out[i+12] != 1 { // 7559 px/m
		t.Errorf("pHYs chunk % x", out[max(i, 0):max(i, 0)+13])
	}
	if _, err := diagram.WithDPI([]byte("GIF89a"), 192); err == nil {
		t.Error("WithDPI accepted a GIF")
	}
}
