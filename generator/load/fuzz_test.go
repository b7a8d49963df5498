package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
)

// checkPositions fails when a diagnostic names another file, or a line the file does not
// have: an error must point at something the author can find.
func checkPositions(t *testing.T, path string, src []byte, errs diag.List) {
	t.Helper()
	// Lines as YAML counts them: a lone CR ends a line too (YAML 1.2, 5.4).
	lines := strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") +
		strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r") + 1
	for _, e := range errs {
		if e.Pos.Path != path {
			t.Errorf("%v: error for another file than %s", e, path)
		}
		if e.Pos.Line < 0 || e.Pos.Line > lines || e.Pos.Col < 0 {
			t.Errorf("%v: position outside the file's %d lines", e, lines)
		}
	}
}

// FuzzFrontMatter: any bytes as a document give a document or positioned errors, never
// a panic.
func FuzzFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: Access control\nid: POL-AC\ntype: policy\nstatus: approved\n---\n# Body\n\nSee [[A.5.15]].\n",
		"---\ntitle: x\n---\n",
		"---\n---\n",
		"---\ntitle: [unclosed\n---\n",
		"---\ntitle: x\nhistory:\n  - version: 1\n    date: 2026-13-40\n---\n",
		"\ufeff---\r\ntitle: CRLF\r\n---\r\nbody\r\n",
		"---\ntitle: x\n",
		"no front matter\n",
		"---\ntitle: x\n---\nSee[^a].\n\n[^a]:\n",
		"---\nparams: {a: {b: [1, 2, {c: d}]}}\ntitle: &a x\nsummary: *a\n---\n",
	} {
		f.Add([]byte(seed))
	}
	md := markdown.NewParser()
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, errs := parseDocument(md, "content/x.md", "x.md", src, false)
		if doc != nil && doc.Meta.Title == "" && len(errs) == 0 {
			t.Error("a document without a title and no error")
		}
		checkPositions(t, "content/x.md", src, errs)
		if doc == nil && len(errs) == 0 {
			t.Error("no document and no error")
		}
	})
}

// fuzzDataFile fuzzes one data file through the loader that reads it.
func fuzzDataFile(f *testing.F, path string, seeds ...string) {
	example, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(path)))
	if err == nil {
		f.Add(example)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("document: {id: X, status: approved}\n"))
	f.Add([]byte("- [unclosed\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var errs diag.List
		site := &model.Site{Root: t.TempDir(), Files: map[string][]byte{}}
		files := map[string][]byte{"data/site.yaml": []byte("organisation: Example Ltd\n"), path: src}
		d := dataLoader{site: site, files: files, errs: &errs, nodes: &nodeCache{},
			read: func(rel string) ([]byte, error) { return nil, os.ErrNotExist }}
		d.config()
		d.catalogues([]string{"data/controls/extra.yaml"})
		d.registers()
		var own diag.List
		for _, e := range errs {
			if e.Pos.Path == path {
				own = append(own, e)
			}
		}
		checkPositions(t, path, src, own)
	})
}

func FuzzSiteYAML(f *testing.F) {
	fuzzDataFile(f, "data/site.yaml", "organisation: x\npacks: [{name: a, contents: [SOA, 'type:policy']}]\n")
}
func FuzzSoAYAML(f *testing.F) {
	fuzzDataFile(f, "data/soa.yaml", "controls:\n  - control: A.5.1\n    applicable: yes\n    reasons: [risk]\n")
}
func FuzzRisksYAML(f *testing.F) {
	fuzzDataFile(f, "data/risks.yaml", "method: {likelihood: [{value: 1}], impact: [{value: 1}], bands: [{max: 1}]}\nrisks: [{id: R-1}]\n")
}
func FuzzTreatmentYAML(f *testing.F) {
	fuzzDataFile(f, "data/treatment.yaml", "actions: [{id: RTP-1, due: 2026-01-01, status: done}]\n")
}
func FuzzEvidenceYAML(f *testing.F) {
	fuzzDataFile(f, "data/evidence.yaml", "evidence: [{id: EV-1, file: ../../etc/passwd}, {id: EV-2, file: .ismsgen/dev-signing/signer-key.pem}]\n")
}
func FuzzCatalogueYAML(f *testing.F) {
	fuzzDataFile(f, "data/controls/extra.yaml", "catalogue: extra\ncontrols: [{id: X.1, title: t, theme: th}]\n")
}
