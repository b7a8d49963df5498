package build_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// A diagram without an image for the PDF is a warning, once however many packs hold its
// document, at the document and line; a build without packs does not warn.
func TestDiagramWarning(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/site.yaml": "organisation: Example Ltd\ntitle: Example ISMS\nclassification: internal\n" +
			"packs:\n  - {name: one, title: One, contents: [POL-IS, POL-JML]}\n  - {name: two, title: Two, contents: [POL-JML]}\n",
		"content/policies/joiners.md": "---\nid: POL-JML\ntitle: Joiners policy\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\n" +
			"# Joiners\n\n```mermaid\nflowchart LR\n  A --> B\n```\n",
	}))
	var log bytes.Buffer
	res, err := runBuild(t, src, filepath.Join(t.TempDir(), "public"), func(o *build.Options) { o.Log = &log })
	if err != nil {
		t.Fatal(err)
	}
	want := "warning: content/policies/joiners.md:10:1: diagram has no image for the PDF: run ismsgen diagrams (or add content/policies/joiners.diagram-1.png)\n"
	if n := strings.Count(log.String(), "diagram has no image"); n != 1 || !strings.Contains(log.String(), want) {
		t.Errorf("build log (want the warning once):\n%s", log.String())
	}
	if len(res.Warnings) != 1 {
		t.Errorf("Result.Warnings = %v", res.Warnings)
	}
	log.Reset()
	if _, err := runBuild(t, src, filepath.Join(t.TempDir(), "public"), func(o *build.Options) { o.Log = &log; o.NoPack = true }); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), "diagram") {
		t.Errorf("a build without packs warns about diagrams:\n%s", log.String())
	}
}
