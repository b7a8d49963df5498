package pack

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// diagramFiles is a site whose pack holds a policy with two Mermaid diagrams, the first
// titled, the second not.
func diagramFiles() fixture.Files {
	return fixture.Minimal().With(fixture.Files{
		"data/site.yaml": "organisation: Example Ltd\ntitle: Example ISMS\nbase_url: https://isms.example.com/\nclassification: internal\n" +
			"packs:\n  - {name: jml, title: JML pack, contents: [POL-JML]}\n",
		"content/policies/joiners.md": "---\nid: POL-JML\ntitle: Joiners policy\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\n" +
			"# Joiners policy\n\nBefore.\n\n```mermaid\n---\ntitle: Access for a joiner\n---\nflowchart LR\n  HR[HR records the start] --> IT{Role known?}\n```\n\n" +
			"Between.\n\n```mermaid\nsequenceDiagram\n  HR->>IT: Leaver on Friday\n```\n\nAfter.\n",
	})
}

// testPNG is a w×h PNG, at dpi when dpi > 0.
func testPNG(t *testing.T, w, h int, dpi float64) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.RGBA{200, 0, 0, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if dpi <= 0 {
		return b.String()
	}
	out, err := diagram.WithDPI(b.Bytes(), dpi)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// Without images, each diagram is a placeholder with its title (else "Diagram n") and
// its intranet address; the Mermaid source is nowhere in the pack.
func TestDiagramPlaceholders(t *testing.T) {
	g := resolveDir(t, fixture.Write(t, diagramFiles()))
	_, res := render(t, g, packConfig(t, g, "jml"))
	file := writePDF(t, res.PDF)
	txt := normalise(text(t, file))
	for _, want := range []string{
		"Before. Diagram: Access for a joiner Shown on the intranet: https://isms.example.com/policies/joiners.html#diagram_1 Between.",
		"Between. Diagram: Diagram 2 Shown on the intranet: https://isms.example.com/policies/joiners.html#diagram_2 After.",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("the pack does not say %q:\n%s", want, txt)
		}
	}
	for _, src := range []string{"flowchart", "sequenceDiagram", "-->", "Role known", "Leaver on Friday"} {
		if strings.Contains(txt, src) {
			t.Errorf("the pack shows Mermaid source %q", src)
		}
	}
	if list := imageRows(t, file); len(list) != 0 {
		t.Errorf("images in a pack without diagram images: %v", list)
	}
	j := readQPDF(t, file)
	found := false
	for n := range j.Pages {
		for _, l := range j.links(n + 1) {
			found = found || l.uri == "https://isms.example.com/policies/joiners.html#diagram_1"
		}
	}
	if !found {
		t.Error("the placeholder's intranet address is not a link")
	}
}

// With images (one cached by ismsgen diagrams at 192 dpi, one beside the document at 96
// dpi), the pack draws them at their resolution, with the title as caption, and lists
// them in its sources.
func TestDiagramImages(t *testing.T) {
	files := diagramFiles()
	dir := fixture.Write(t, files)
	g := resolveDir(t, dir)
	first := diagram.Find(g.Site.Documents[indexOf(t, g.Site.Documents, "content/policies/joiners.md")])[0]
	fixture.WriteTo(t, dir, fixture.Files{
		diagram.CachePath(first.Hash()):          testPNG(t, 480, 160, 192),
		"content/policies/joiners.diagram-2.png": testPNG(t, 300, 150, 0),
	})
	g = resolveDir(t, dir)
	plan, res := render(t, g, packConfig(t, g, "jml"))
	file := writePDF(t, res.PDF)
	txt := normalise(text(t, file))
	if strings.Contains(txt, "Diagram:") || strings.Contains(txt, "Shown on the intranet") {
		t.Errorf("the pack shows a placeholder although both diagrams have images:\n%s", txt)
	}
	if !strings.Contains(txt, "Before. Access for a joiner Between.") {
		t.Errorf("the first diagram's caption is missing:\n%s", txt)
	}
	rows := imageRows(t, file)
	want := []string{"480 160 192", "300 150 96"}
	if strings.Join(rows, ", ") != strings.Join(want, ", ") {
		t.Errorf("pdfimages -list: %v, want (width height x-ppi) %v", rows, want)
	}
	for _, p := range []string{diagram.CachePath(first.Hash()), "content/policies/joiners.diagram-2.png"} {
		if !contains(plan.Sources, p) {
			t.Errorf("the pack's sources do not list %s: %v", p, plan.Sources)
		}
	}
}

// imageRows returns "width height x-ppi" of each image pdfimages lists (soft masks left
// out).
func imageRows(t *testing.T, file string) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(runTool(t, "pdfimages", "-list", file), "\n") {
		f := strings.Fields(l)
		if len(f) > 13 && f[2] == "image" {
			out = append(out, f[3]+" "+f[4]+" "+f[12])
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func indexOf(t *testing.T, docs []*model.Document, p string) int {
	t.Helper()
	for i, d := range docs {
		if d.Path == p {
			return i
		}
	}
	t.Fatalf("no document %s", p)
	return -1
}
