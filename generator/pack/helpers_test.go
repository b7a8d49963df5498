package pack

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/synth"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// testDate is the build date of every test pack.
var testDate = model.NewDate(2026, 11, 20)

// synthGraph generates and resolves a synthetic site of n documents.
func synthGraph(t testing.TB, n int) (*resolve.Graph, string) {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(dir, n); err != nil {
		t.Fatal(err)
	}
	return resolveDir(t, dir), dir
}

// resolveDir loads and resolves a site as build.Resolve does (build imports this
// package, so its tests cannot import build).
func resolveDir(t testing.TB, dir string) *resolve.Graph {
	t.Helper()
	site, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	g, err := resolve.Resolve(site, resolve.Options{Date: testDate})
	if err != nil {
		t.Fatalf("resolve %s: %v", dir, err)
	}
	return g
}

// packConfig returns the named pack of a site.
func packConfig(t testing.TB, g *resolve.Graph, name string) model.PackConfig {
	t.Helper()
	for _, p := range g.Site.Config.Packs {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("site has no pack %q", name)
	return model.PackConfig{}
}

// render plans and renders a pack.
func render(t testing.TB, g *resolve.Graph, cfg model.PackConfig) (*Plan, *Result) {
	t.Helper()
	p, err := PlanPack(g, cfg)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	res, err := Render(context.Background(), g, p, Options{Date: testDate, Version: "test", Release: "isms-test"})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return p, res
}

// writePDF writes a PDF to a temporary file and returns its path.
func writePDF(t testing.TB, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// runTool runs an external tool and returns its standard output.
func runTool(t testing.TB, tool string, args ...string) string {
	t.Helper()
	bin := tooltest.Need(t, tool)
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s\n%s", tool, strings.Join(args, " "), err, out, msg)
	}
	return string(out)
}

// text returns the text of a PDF (or of pages first..last when given) by pdftotext.
func text(t testing.TB, file string, pages ...int) string {
	t.Helper()
	args := []string{"-layout"}
	if len(pages) == 2 {
		args = append(args, "-f", itoa(pages[0]), "-l", itoa(pages[1]))
	}
	return runTool(t, "pdftotext", append(args, file, "-")...)
}

func itoa(n int) string { return strconv.Itoa(n) }

// pageTexts returns the text of every page of a PDF (index 0 is page 1).
func pageTexts(t testing.TB, file string) []string {
	t.Helper()
	return strings.Split(runTool(t, "pdftotext", "-layout", file, "-"), "\f")
}

// normalise collapses white space, so text wrapped across lines still matches.
func normalise(s string) string { return strings.Join(strings.Fields(s), " ") }

// exampleGraph returns the repository's own example ISMS once it has site settings and
// an SoA, else a synthetic site, and the pack to test on it.
func exampleGraph(t testing.TB) (*resolve.Graph, model.PackConfig) {
	t.Helper()
	root := filepath.Join("..", "..")
	_, err1 := os.Stat(filepath.Join(root, "data", "site.yaml"))
	_, err2 := os.Stat(filepath.Join(root, "data", "soa.yaml"))
	if err1 == nil && err2 == nil {
		g := resolveDir(t, root)
		for _, p := range g.Site.Config.Packs {
			if p.Name == "stage1" {
				return g, p
			}
		}
		if len(g.Site.Config.Packs) > 0 {
			return g, g.Site.Config.Packs[0]
		}
		return g, DefaultPack()
	}
	t.Log("the example ISMS is not complete yet: testing on a synthetic one")
	g, _ := synthGraph(t, 30)
	return g, packConfig(t, g, "stage1")
}

// qpdfJSON is the part of qpdf --json output the tests read.
type qpdfJSON struct {
	Pages []struct {
		Object string `json:"object"`
	} `json:"pages"`
	Outlines []outline        `json:"outlines"`
	QPDF     []map[string]any `json:"qpdf"`
}

type outline struct {
	Title string    `json:"title"`
	Dest  []any     `json:"dest"`
	Kids  []outline `json:"kids"`
}

// readQPDF reads a PDF's pages, outline and objects through qpdf --json.
func readQPDF(t testing.TB, file string) *qpdfJSON {
	t.Helper()
	out := runTool(t, "qpdf", "--json", "--json-key=pages", "--json-key=outlines", "--json-key=qpdf", file)
	var j qpdfJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	return &j
}

// pageOf returns the 1-based page number of a page object reference, or 0.
func (j *qpdfJSON) pageOf(ref any) int {
	s, _ := ref.(string)
	for i, p := range j.Pages {
		if p.Object == s {
			return i + 1
		}
	}
	return 0
}

// object returns the value of an indirect object.
func (j *qpdfJSON) object(ref string) map[string]any {
	if len(j.QPDF) < 2 {
		return nil
	}
	o, _ := j.QPDF[1]["obj:"+ref].(map[string]any)
	v, _ := o["value"].(map[string]any)
	return v
}

// link is a link annotation of a page.
type link struct {
	rect     [4]float64 // x1, y1, x2, y2 in PDF space
	destPage int        // internal links
	uri      string     // external links
}

// links returns the link annotations of page n (1-based).
func (j *qpdfJSON) links(n int) []link {
	page := j.object(j.Pages[n-1].Object)
	annots, _ := page["/Annots"].([]any)
	var out []link
	for _, a := range annots {
		d, ok := a.(map[string]any)
		if !ok {
			if ref, ok := a.(string); ok {
				d = j.object(ref)
			}
		}
		var l link
		if r, ok := d["/Rect"].([]any); ok && len(r) == 4 {
			for i := range 4 {
				l.rect[i], _ = r[i].(float64)
			}
		}
		if dest, ok := d["/Dest"].([]any); ok && len(dest) > 0 {
			l.destPage = j.pageOf(dest[0])
		}
		if act, ok := d["/A"].(map[string]any); ok {
			l.uri, _ = act["/URI"].(string)
			l.uri = strings.TrimPrefix(l.uri, "u:")
		}
		out = append(out, l)
	}
	return out
}

// word is a word of pdftotext -bbox output, in top-down coordinates.
type word struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	pageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// words returns the words of pages first..last with their boxes, and the page sizes.
func words(t testing.TB, file string, first, last int) ([]word, [][2]float64) {
	t.Helper()
	out := runTool(t, "pdftotext", "-bbox", "-f", itoa(first), "-l", itoa(last), file, "-")
	var ws []word
	var sizes [][2]float64
	page := first - 1
	for _, l := range strings.Split(out, "\n") {
		if m := pageRE.FindStringSubmatch(l); m != nil {
			page++
			sizes = append(sizes, [2]float64{atof(m[1]), atof(m[2])})
			continue
		}
		if m := wordRE.FindStringSubmatch(l); m != nil {
			ws = append(ws, word{page: page, xMin: atof(m[1]), yMin: atof(m[2]), xMax: atof(m[3]), yMax: atof(m[4]), text: html.UnescapeString(m[5])})
		}
	}
	return ws, sizes
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
