package site_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"io"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// render loads, resolves and renders a fixture site.
func render(t *testing.T, f fixture.Files) *site.Output {
	t.Helper()
	dir := fixture.Write(t, f)
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	out, err := site.Render(context.Background(), g, site.Options{Version: "test"})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return out
}

// page returns a rendered file as a string.
func page(t *testing.T, out *site.Output, p string) string {
	t.Helper()
	b, ok := out.Files[p]
	if !ok {
		t.Fatalf("no file %s in the output", p)
	}
	if p == urls.SearchData {
		// The index is compressed: tests read its JSON.
		var err error
		if b, err = site.DecodeSearchIndex(b); err != nil {
			t.Fatal(err)
		}
	}
	return string(b)
}

// The SoA and the treatment plan open with the summaries the packs print (one source:
// resolve's SoASummary and TreatmentSummary).
func TestRegisterSummariesMatchThePacks(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	out, err := site.Render(context.Background(), g, site.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"soa.html": g.SoASummary(), "treatment/index.html": g.TreatmentSummary()} {
		if !strings.Contains(page(t, out, p), `<p class="summary">`+want+`</p>`) {
			t.Errorf("%s does not open with %q", p, want)
		}
	}
}

// A Markdown table's alignment is a class on its cells (css/style.css aligns them), and
// cells and list items leave out the end tags HTML does not need.
func TestBodyTablesAndListsAreCompact(t *testing.T) {
	body := "\n| Role | Count | Review |\n|:--|--:|:-:|\n| Staff | 3 | yearly |\n\n- one\n- two\n\n"
	f := fixture.Minimal()
	f["content/policies/is.md"] = strings.Replace(f["content/policies/is.md"], "We protect information.", "We protect information.\n"+body, 1)
	p := page(t, render(t, f), "policies/is.html")
	for _, want := range []string{
		`<th class="left">Role<th class="right">Count<th class="center">Review</tr>`,
		`<td class="left">Staff<td class="right">3<td class="center">yearly</tr>`,
		"<li>one\n<li>two\n</ul>",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("the page lacks %q:\n%s", want, p)
		}
	}
	if strings.Contains(p, "text-align") {
		t.Error("a cell carries its alignment as a style")
	}
}

// A page links one stylesheet and one script: css/style.css carries the code colours and
// the print styles, js/site.js the search script; each part is a file of its own too.
func TestPagesLinkOneStylesheetAndOneScript(t *testing.T) {
	out := render(t, fixture.Minimal())
	p := page(t, out, "policies/is.html")
	if n := strings.Count(p, `rel="stylesheet"`); n != 1 || !strings.Contains(p, `<link rel="stylesheet" href="../css/style.css">`) {
		t.Errorf("the page links %d stylesheets, want css/style.css alone", n)
	}
	if n := strings.Count(p, "<script"); n != 1 || !strings.Contains(p, `<script defer src="../js/site.js"></script>`) {
		t.Errorf("the page has %d scripts, want js/site.js alone", n)
	}
	css, chroma, print := string(out.Files["css/style.css"]), string(out.Files["css/chroma.css"]), string(out.Files["css/print.css"])
	if chroma == "" || print == "" || !strings.Contains(css, chroma) || !strings.Contains(css, "@media print {\n"+print+"}\n") {
		t.Error("css/style.css does not carry css/chroma.css and, for print, css/print.css")
	}
	site, search := string(out.Files["js/site.js"]), string(out.Files["js/search.js"])
	if search == "" || !strings.HasSuffix(site, search) || !strings.Contains(search, "if (window.ISMSGEN_SEARCH_UI)") {
		t.Error("js/site.js does not end with js/search.js, or search.js would run twice on a page that loads both")
	}
}

// nav-index.js carries the navigation tree gzip-compressed and base64-encoded, as the
// search index: what js/site.js decodes when a reader lists a whole section.
func TestNavIndexIsCompressed(t *testing.T) {
	js := string(render(t, fixture.Minimal()).Files["nav-index.js"])
	const head = `window.ISMSGEN_NAV = {"gz":"`
	i := strings.Index(js, head)
	if i < 0 || !strings.HasSuffix(js, "\"};\n") {
		t.Fatalf("nav-index.js is not a compressed tree:\n%s", js)
	}
	gz, err := base64.StdEncoding.DecodeString(js[i+len(head) : len(js)-len("\"};\n")])
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(tree), `{"k":"policies","t":"Policies","i":[["POL-IS","Information security policy","policies/is.html"]]}`) {
		t.Errorf("the tree lacks the policies section: %s", tree)
	}
}

// A reference shown by its ID has its target's title as its tooltip (the ID is its text
// already); one shown by other words names the ID and the title.
func TestReferenceTooltips(t *testing.T) {
	p := page(t, render(t, fixture.Minimal()), "policies/is.html")
	if want := `<a class="ref" href="../controls/A.5.1.html" title="Policies for information security">A.5.1</a>`; !strings.Contains(p, want) {
		t.Errorf("the page lacks %s", want)
	}
}
