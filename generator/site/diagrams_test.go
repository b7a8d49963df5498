package site_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// diagramSite has a policy with two Mermaid diagrams (one with markup in a label) and a
// plain code block, and a page without diagrams.
func diagramSite() fixture.Files {
	return fixture.Minimal().With(fixture.Files{
		"content/policies/access.md": "---\nid: POL-AC\ntitle: Access control policy\ntype: policy\nversion: \"1.0\"\nstatus: approved\n---\n" +
			"# Access control policy\n\n```mermaid\nflowchart LR\n  A[Request <b>access</b>] --> B{Approved?}\n```\n\nText.\n\n" +
			"```mermaid\nsequenceDiagram\n  User->>IT: asks\n```\n\n```\nplain code\n```\n",
		"content/about.md": "---\ntitle: About\n---\nNo diagrams here.\n\n```yaml\nkey: value\n```\n",
	})
}

var (
	figureRE = regexp.MustCompile(`<figure class="diagram" id="(diagram_\d+)" data-diagram="mermaid">\n<pre class="chroma diagram-source"><code class="language-mermaid">([^<]*)</code></pre>\n</figure>`)
	scriptRE = regexp.MustCompile(`<script defer src="([^"]*)"></script>`)
)

func scripts(html string) []string {
	var out []string
	for _, m := range scriptRE.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// A Mermaid block becomes a figure holding its source as a code block (what readers
// without JavaScript see), and only its page loads the diagram scripts, relative to it.
func TestDiagramFigures(t *testing.T) {
	out := render(t, diagramSite())
	html := page(t, out, "policies/access.html")
	figs := figureRE.FindAllStringSubmatch(html, -1)
	if len(figs) != 2 {
		t.Fatalf("policies/access.html has %d diagram figures, want 2:\n%s", len(figs), html)
	}
	if figs[0][1] != "diagram_1" || figs[1][1] != "diagram_2" {
		t.Errorf("figure ids %s, %s", figs[0][1], figs[1][1])
	}
	if want := "flowchart LR\n  A[Request &lt;b&gt;access&lt;/b&gt;] --&gt; B{Approved?}\n"; figs[0][2] != want {
		t.Errorf("first figure's source %q, want %q (escaped, not highlighted)", figs[0][2], want)
	}
	if !strings.Contains(html, "<pre class=\"chroma\"><code>plain code\n</code></pre>") {
		t.Error("the plain code block is not a code block any more")
	}
	if got, want := strings.Join(scripts(html), " "), "../js/site.js ../js/vendor/mermaid/mermaid.min.js ../js/diagrams.js"; got != want {
		t.Errorf("scripts of the diagram page: %s, want %s", got, want)
	}
	for _, p := range []string{"about.html", "index.html", "soa.html"} {
		if s := scripts(page(t, out, p)); len(s) != 1 {
			t.Errorf("%s loads %v, want only site.js (which carries search.js)", p, s)
		}
	}
	for _, f := range []string{"js/vendor/mermaid/mermaid.min.js", "js/vendor/mermaid/LICENSE", "js/diagrams.js"} {
		if len(out.Files[f]) == 0 {
			t.Errorf("the output has no %s", f)
		}
	}
}

// A site without diagrams does not carry the Mermaid build.
func TestNoDiagramsNoMermaid(t *testing.T) {
	out := render(t, fixture.Minimal())
	for p := range out.Files {
		if strings.HasPrefix(p, "js/vendor/mermaid/") {
			t.Errorf("a site without diagrams has %s", p)
		}
	}
}

// A theme whose baseof.html predates diagrams still gets the scripts on diagram pages.
func TestDiagramScriptsWithOldTheme(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "baseof.html"))
	if err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(string(base), "{{.DiagramScripts}}", "", 1)
	if old == string(base) {
		t.Fatal("baseof.html has no {{.DiagramScripts}}")
	}
	out := render(t, diagramSite().With(fixture.Files{
		"data/site.yaml":                   fixture.Minimal()["data/site.yaml"] + "theme: house\n",
		"themes/house/layouts/baseof.html": old,
	}))
	if got := scripts(page(t, out, "policies/access.html")); len(got) != 3 || got[2] != "../js/diagrams.js" {
		t.Errorf("diagram page with an old theme loads %v", got)
	}
	if got := scripts(page(t, out, "about.html")); len(got) != 1 {
		t.Errorf("page without diagrams with an old theme loads %v", got)
	}
}

// In the live preview, a render that reuses the diagram page keeps the Mermaid build.
func TestDiagramsIncremental(t *testing.T) {
	src := fixture.Write(t, diagramSite())
	l := load.New()
	prev := renderWith(t, l, src, nil)
	about := filepath.Join(src, "content", "about.md")
	if err := os.WriteFile(about, []byte("---\ntitle: About\n---\nStill no diagrams.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l.Changed(src, []string{about}, false)
	next := renderWith(t, l, src, prev)
	if string(next.Files["policies/access.html"]) != string(prev.Files["policies/access.html"]) {
		t.Fatal("the diagram page was rendered again; this test wants it reused")
	}
	if len(next.Files["js/vendor/mermaid/mermaid.min.js"]) == 0 {
		t.Error("the incremental render dropped the Mermaid build")
	}
}
