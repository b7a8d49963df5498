package main

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// diagramSite has a pack of two policies with three Mermaid diagrams, two of them the
// same source (drawn once).
func diagramSite(t *testing.T) string {
	t.Helper()
	doc := func(id, title, body string) string {
		return "---\nid: " + id + "\ntitle: " + title + "\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\n# " + title + "\n\n" + body
	}
	flow := "```mermaid\n---\ntitle: Access for a joiner\n---\nflowchart LR\n  HR[HR records the start date] --> IT{Role known?}\n  IT -->|yes| G[Grant the role's access]\n  IT -->|no| Q[Ask the line manager]\n```\n"
	return fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/site.yaml": "organisation: Example Ltd\ntitle: Example ISMS\nbase_url: https://isms.example.com/\nclassification: internal\n" +
			"packs:\n  - {name: jml, title: JML pack, contents: [POL-JML, POL-MOV]}\n",
		"content/policies/joiners.md": doc("POL-JML", "Joiners policy", "Joining:\n\n"+flow+"\nLeaving:\n\n```mermaid\nsequenceDiagram\n  HR->>IT: Leaver on Friday\n  IT-->>HR: Accounts disabled\n```\n"),
		"content/policies/movers.md":  doc("POL-MOV", "Movers policy", "The same flow:\n\n"+flow),
	}))
}

// cached returns the images in the site's diagram cache, by name.
func cached(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, ".ismsgen", "diagrams"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, ".ismsgen", "diagrams", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func tool(t *testing.T, path string, args ...string) string {
	t.Helper()
	out, err := exec.Command(path, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", path, args, err)
	}
	return string(out)
}

// TestDiagramsCommand: without the cache a pack shows placeholders (title and intranet
// address, not the source); ismsgen diagrams draws each distinct diagram once into the
// cache; a second run draws nothing and needs no browser; then the pack holds the images.
func TestDiagramsCommand(t *testing.T) {
	tooltest.Need(t, "chromium")
	pdftotext, pdfimages := tooltest.Need(t, "pdftotext"), tooltest.Need(t, "pdfimages") // before PATH changes
	dir := diagramSite(t)
	pack := func() (text, images string) {
		t.Helper()
		if code, _, stderr := runCLI(t, "pack", "--source", dir, "--date", "2026-11-22", "--quiet"); code != 0 {
			t.Fatalf("pack: exit %d: %s", code, stderr)
		}
		pdf := filepath.Join(dir, "public", "packs", "jml.pdf")
		return strings.Join(strings.Fields(tool(t, pdftotext, pdf, "-")), " "), tool(t, pdfimages, "-list", pdf)
	}

	text, images := pack()
	for _, want := range []string{"Diagram: Access for a joiner", "https://isms.example.com/policies/joiners.html#diagram_1", "Diagram: Diagram 2", "https://isms.example.com/policies/movers.html#diagram_1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the pack without images does not show %q", want)
		}
	}
	for _, src := range []string{"flowchart", "sequenceDiagram", "Role known", "Leaver on Friday"} {
		if strings.Contains(text, src) {
			t.Errorf("the pack shows Mermaid source %q", src)
		}
	}
	if imageCount(images) != 0 {
		t.Errorf("the pack without images has images:\n%s", images)
	}

	code, stdout, stderr := runCLI(t, "diagrams", "--source", dir)
	if code != 0 {
		t.Fatalf("diagrams: exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "diagrams: 3 in 2 documents: 2 drawn, 0 already in .ismsgen/diagrams") {
		t.Errorf("first run says:\n%s", stdout)
	}
	first := cached(t, dir)
	if len(first) != 2 {
		t.Fatalf("the cache holds %d files, want 2 (the same source once): %v", len(first), first)
	}
	for name, b := range first {
		if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s is not a PNG", name)
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		// Drawn at twice the CSS size: a few hundred CSS pixels, at most the 1000 allowed.
		if err != nil || cfg.Width < 300 || cfg.Width > 2030 || cfg.Height < 150 || cfg.Height > 2000 || len(b) < 2000 {
			t.Errorf("%s: %dx%d, %d bytes (%v): not a plausible diagram", name, cfg.Width, cfg.Height, len(b), err)
		}
	}

	// A second run draws nothing, and so needs no browser at all.
	t.Setenv("PATH", t.TempDir())
	code, stdout, stderr = runCLI(t, "diagrams", "--source", dir)
	if code != 0 || !strings.Contains(stdout, "0 drawn, 2 already in .ismsgen/diagrams") {
		t.Errorf("second run: exit %d:\n%s%s", code, stdout, stderr)
	}
	for name, b := range cached(t, dir) {
		if !bytes.Equal(b, first[name]) {
			t.Errorf("the second run changed %s", name)
		}
	}

	text, images = pack()
	if strings.Contains(text, "Diagram:") || strings.Contains(text, "Shown on the intranet") {
		t.Errorf("the pack still shows placeholders:\n%s", text)
	}
	if n := imageCount(images); n != 3 {
		t.Errorf("the pack has %d images, want the 3 diagrams:\n%s", n, images)
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "public", "packs", "jml.manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name := range first {
		if !strings.Contains(string(manifest), ".ismsgen/diagrams/"+name) {
			t.Errorf("the manifest does not list %s", name)
		}
	}

	// --prune removes an image no diagram uses, and only that.
	stale := strings.Repeat("0", 64) + ".png"
	if err := os.WriteFile(filepath.Join(dir, ".ismsgen", "diagrams", stale), first[firstKey(first)], 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "diagrams", "--source", dir, "--prune")
	if code != 0 || !strings.Contains(stdout, "removed .ismsgen/diagrams/"+stale) {
		t.Errorf("--prune: exit %d:\n%s%s", code, stdout, stderr)
	}
	if got := cached(t, dir); len(got) != 2 || got[stale] != nil {
		t.Errorf("after --prune the cache holds %d files", len(got))
	}
}

// imageCount counts the images pdfimages -list lists.
func imageCount(list string) int {
	n := 0
	for _, l := range strings.Split(list, "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[2] == "image" {
			n++
		}
	}
	return n
}

func firstKey(m map[string][]byte) string {
	for k := range m {
		return k
	}
	return ""
}

func TestDiagramsHelp(t *testing.T) {
	code, stdout, _ := runCLI(t, "diagrams", "--help")
	if code != 0 || !strings.Contains(stdout, "Usage: ismsgen diagrams") || !strings.Contains(stdout, "-chrome") {
		t.Errorf("diagrams --help: exit %d:\n%s", code, stdout)
	}
	if code, stdout, _ := runCLI(t, "help"); code != 0 || !strings.Contains(stdout, "diagrams") {
		t.Errorf("help does not list diagrams:\n%s", stdout)
	}
}

// Without a browser, ismsgen diagrams says what to install; a --chrome that is not a
// program is a usage error.
func TestDiagramsWithoutChrome(t *testing.T) {
	dir := diagramSite(t)
	t.Setenv("PATH", t.TempDir())
	code, _, stderr := runCLI(t, "diagrams", "--source", dir)
	if code != 1 || !strings.Contains(stderr, "no Chromium or Google Chrome found on PATH") || !strings.Contains(stderr, "apt-get install chromium") || !strings.Contains(stderr, "--chrome PATH") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "diagrams", "--source", dir, "--chrome", filepath.Join(dir, "no-such-browser"))
	if code != 2 || !strings.Contains(stderr, "no-such-browser") {
		t.Errorf("--chrome to nothing: exit %d: %s", code, stderr)
	}
	if len(cached(t, dir)) != 0 {
		t.Error("files written without a browser")
	}
}

// A diagram Mermaid cannot draw is an error at its line; the others are still drawn.
func TestDiagramsBadSource(t *testing.T) {
	tooltest.Need(t, "chromium")
	dir := diagramSite(t)
	bad := filepath.Join(dir, "content", "policies", "bad.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: Bad\n---\nText.\n\n```mermaid\nthis is not a diagram\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "diagrams", "--source", dir)
	if code != 1 || !strings.Contains(stderr, "content/policies/bad.md:6:1: Mermaid cannot draw this diagram: ") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if n := len(cached(t, dir)); n != 2 {
		t.Errorf("%d images drawn beside the bad diagram, want 2", n)
	}
}
