package pack

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/internal/synth"
)

const (
	longWord = "Pneumonoultramicroscopicsilicovolcanoconiosis"
	longURL  = "https://example.com/a/very/long/path/that/goes/on/and/on/without/any/space/at/all/segment-0123456789/segment-abcdefghij/segment-klmnopqrst/segment-uvwxyz/index.html?query=one&other=two"
)

// stressDoc is a document with everything that tends to overflow a page or lose text.
func stressDoc() string {
	var b strings.Builder
	b.WriteString(`---
id: TST-STRESS
title: Stress test document
type: standard
version: "1.0"
status: approved
approved: 2026-01-01
---

## Scripts

Greek: Ελληνικό κείμενο δοκιμής. Cyrillic: Проверка кириллицы. Polish: Zażółć gęślą jaźń. German: Größenänderung der Straße.

CJK: 漢字テスト and emoji 🚀 end-of-cjk.

## Long words

Word: ` + strings.Repeat(longWord, 6) + ` done.

Link: [example](` + longURL + `) and bare <` + longURL + `>.

References: [[MAN-0001]] and [[A.5.1|the first control]].

## Long table

| HeaderKeyColumn | Value | Notes |
|---|---|---|
`)
	for i := 1; i <= 150; i++ {
		fmt.Fprintf(&b, "| row-%03d | value %d with *some* words | notes for row %d that wrap in a narrow column perhaps |\n", i, i, i)
	}
	b.WriteString("\n## Long code\n\n```go\n")
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&b, "fmt.Println(\"line-%03d\") // comment\n", i)
	}
	b.WriteString("var s = \"" + strings.Repeat("0123456789", 30) + "\"\n```\n")
	b.WriteString(`
## layout.Image

![Big figure](big.png)

after-image-marker

![Small photo](photo.jpg)

## Other blocks

- nested
  - deeper
    1. ordered one
    2. ordered two
- [x] done task
- [ ] open task

> A quote with **bold** and ~~strike~~ text.

A footnote[^note] and inline ` + "`code`" + `.

<div class="raw">raw html</div>

---

[^note]: The note text.
`)
	return b.String()
}

// bigPNG returns a PNG far larger than a page at 96 dpi.
func bigPNG(t testing.TB) []byte {
	t.Helper()
	pal := color.Palette{color.RGBA{200, 60, 60, 255}, color.RGBA{60, 60, 200, 255}}
	img := image.NewPaletted(image.Rect(0, 0, 1600, 2600), pal)
	for y := 0; y < 2600; y++ {
		for x := 0; x < 1600; x++ {
			img.Pix[y*1600+x] = uint8((y / 100) % 2)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// smallJPEG returns a small photo-like JPEG.
func smallJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for y := range 200 {
		for x := range 300 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestStress renders long tables, code, words and URLs, a huge image and several
// scripts, and checks that nothing is lost and nothing leaves the page.
func TestStress(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, 3); err != nil {
		t.Fatal(err)
	}
	stress := filepath.Join(dir, "content", "stress")
	if err := os.MkdirAll(stress, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stress, "stress.md"), []byte(stressDoc()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stress, "big.png"), bigPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stress, "photo.jpg"), smallJPEG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	g := resolveDir(t, dir)
	_, res := render(t, g, model.PackConfig{Name: "stress", Title: "Stress pack", Contents: []model.Ref{{ID: "TST-STRESS"}}})
	file := writePDF(t, res.PDF)
	if os.Getenv("PACK_KEEP") != "" {
		_ = os.WriteFile(os.Getenv("PACK_KEEP"), res.PDF, 0o644)
	}

	if check := runTool(t, "qpdf", "--check", file); !strings.Contains(check, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", check)
	}
	raw := runTool(t, "pdftotext", file, "-")
	flat := normalise(raw)
	squeezed := strings.Join(strings.Fields(raw), "")

	for _, want := range []string{"Ελληνικό κείμενο δοκιμής", "Проверка кириллицы", "Zażółć gęślą jaźń", "Größenänderung der Straße",
		"CJK: 漢字テスト and emoji 🚀 end-of-cjk", "raw html", "The note text.", "after-image-marker",
		"https://isms.synthetic.example/manual/man-0001.html", "https://isms.synthetic.example/controls/A.5.1.html",
		"[x] done task", "[ ] open task", "ordered two", "Small photo"} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(raw, "<div") {
		t.Error("raw HTML is printed as source")
	}
	// The CJK characters are in no font: drawn as boxes, extracted as themselves, and
	// reported once for the document.
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), "字 (U+5B57), 漢 (U+6F22); drawn as a box") || strings.Contains(res.Warnings[0].Error(), "🚀") {
		t.Errorf("warnings: %v", res.Warnings)
	}
	for _, want := range []string{strings.Repeat(longWord, 6), longURL, strings.Repeat("0123456789", 30)} {
		if !strings.Contains(squeezed, want) {
			t.Errorf("text lacks the long string %.40s…", want)
		}
	}
	for i := 1; i <= 150; i++ {
		if !strings.Contains(flat, fmt.Sprintf("row-%03d value %d", i, i)) {
			t.Errorf("table row %d lost", i)
		}
	}
	for i := 1; i <= 200; i++ {
		if !strings.Contains(flat, fmt.Sprintf(`fmt.Println("line-%03d") // comment`, i)) {
			t.Errorf("code line %d lost", i)
		}
	}

	// The header row is repeated on every page the table spans.
	pages := strings.Split(runTool(t, "pdftotext", "-layout", file, "-"), "\f")
	rowPages, headers := 0, 0
	for _, p := range pages {
		if regexp.MustCompile(`row-\d{3}`).MatchString(p) {
			rowPages++
		}
		headers += strings.Count(p, "HeaderKeyColumn")
	}
	if rowPages < 3 || headers != rowPages {
		t.Errorf("table spans %d pages with %d header rows", rowPages, headers)
	}

	// No word leaves the text area.
	ws, sizes := words(t, file, 1, res.Pages)
	const margin = layout.MarginSide * 72 / 25.4
	for _, w := range ws {
		size := sizes[w.page-1]
		if w.xMin < margin-1 || w.xMax > size[0]-margin+1 || w.yMax > size[1] {
			t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f leaves the text area", w.page, w.text, w.xMin, w.xMax, w.yMax)
		}
	}

	// The image is scaled into the page.
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	runTool(t, "qpdf", "--qdf", "--object-streams=disable", file, qdf)
	b, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	ms := regexp.MustCompile(`q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /I`).FindAllSubmatch(b, -1)
	if len(ms) != 2 {
		t.Fatalf("found %d image placements, want 2", len(ms))
	}
	for _, m := range ms {
		w, h, x, y := atof(string(m[1])), atof(string(m[2])), atof(string(m[3])), atof(string(m[4]))
		if x < margin-0.5 || x+w > 595.28-margin+0.5 || y < layout.MarginBottom*72/25.4-0.5 || y+h > 841.89-layout.MarginTop*72/25.4+0.5 {
			t.Errorf("image placed at %.1f,%.1f size %.1f×%.1f: outside the text area", x, y, w, h)
		}
	}
	// The external link is clickable.
	j := readQPDF(t, file)
	uris := map[string]bool{}
	for n := range j.Pages {
		for _, l := range j.links(n + 1) {
			uris[l.uri] = true
		}
	}
	for _, want := range []string{longURL, "https://isms.synthetic.example/manual/man-0001.html"} {
		if !uris[want] {
			t.Errorf("no link to %s among %d URIs", want, len(uris))
		}
	}
	if list := runTool(t, "pdfimages", "-list", file); !strings.Contains(list, "1600  2600") || !strings.Contains(list, "jpeg") {
		t.Errorf("pdfimages -list:\n%s", list)
	}
}
