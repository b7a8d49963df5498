package build_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

var buildDate = model.NewDate(2026, 11, 22)

func runBuild(t testing.TB, src, dest string, mutate ...func(*build.Options)) (*build.Result, error) {
	t.Helper()
	opt := build.Options{Source: src, Dest: dest, Date: buildDate, Version: "test"}
	for _, m := range mutate {
		m(&opt)
	}
	return build.Run(context.Background(), opt)
}

// tree returns the SHA-256 of every file under dir.
func tree(t testing.TB, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var attrURL = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// crawl checks that every internal link and asset reference of every HTML page under
// dir resolves to a file, and that pages load nothing from outside the site.
func crawl(t *testing.T, dir string) (pages int) {
	t.Helper()
	files := tree(t, dir)
	for p := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		html := string(b)
		for _, tag := range regexp.MustCompile(`<(?:script|link|img|iframe)[^>]*>`).FindAllString(html, -1) {
			if strings.Contains(tag, "http:") || strings.Contains(tag, "https:") || strings.Contains(tag, `="//`) {
				t.Errorf("%s loads an external resource: %s", p, tag)
			}
		}
		for _, m := range attrURL.FindAllStringSubmatch(html, -1) {
			u := m[1]
			if u == "" || strings.HasPrefix(u, "#") || strings.Contains(u, ":") || strings.HasPrefix(u, "//") {
				continue
			}
			u = strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0]
			target := path.Clean(path.Join(path.Dir(p), u))
			if strings.HasSuffix(u, "/") {
				target = path.Join(target, "index.html")
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s links to %s (%s): no such file", p, m[1], target)
			}
		}
	}
	return pages
}

func TestMinimalSiteBuildsAndEveryLinkResolves(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	dest := filepath.Join(t.TempDir(), "public")
	res, err := runBuild(t, src, dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "policies/is.html", "soa.html", "controls/A.5.1.html", "risks/index.html",
		"risks/R-1.html", "treatment/index.html", "treatment/RTP-1.html", "evidence/index.html", "evidence/EV-1.html",
		"documents.html", "tags/index.html", "readiness.html", "404.html", "css/style.css", "css/chroma.css",
		"files/evidence/encryption.csv"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	if n := crawl(t, dest); n != res.Pages {
		t.Errorf("crawled %d pages, build reported %d", n, res.Pages)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "policies/is.html"))
	for _, want := range []string{"Example Ltd", "internal", "approved", `href="../controls/A.5.1.html"`, `href="../risks/R-1.html"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("policy page lacks %q", want)
		}
	}
}

func TestRawHTMLIsSanitisedAndCodeHighlighted(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/page.md": "---\ntitle: Page\n---\n<script>alert(1)</script>\n\nInline <b>bold</b> and [js](javascript:alert(1)).\n\n```go\nfunc main() {}\n```\n",
	}))
	dest := filepath.Join(t.TempDir(), "out")
	if _, err := runBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dest, "page.html"))
	s := string(b)
	if strings.Contains(s, "<script>alert") || strings.Contains(s, "alert(1)") || strings.Contains(s, "javascript:") {
		t.Errorf("the script or its text is on the page:\n%s", s)
	}
	if !strings.Contains(s, "Inline <b>bold</b> and") || !strings.Contains(s, `<span class="kd">func</span>`) {
		t.Errorf("allowed HTML or highlighted code missing:\n%s", s)
	}
}

func TestDrafts(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/d.md": "---\nid: POL-D\ntitle: Draft policy\ntype: policy\nstatus: draft\n---\nSee [[POL-IS]].\n",
		"content/p.md": "---\ntitle: Page\n---\nA page linking [[POL-D]].\n",
	}))
	dest := filepath.Join(t.TempDir(), "out")
	if _, err := runBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "d.html")); err == nil {
		t.Error("draft published without --drafts")
	}
	p, _ := os.ReadFile(filepath.Join(dest, "p.html"))
	if bytes.Contains(p, []byte(`href="d.html"`)) || !bytes.Contains(p, []byte("ref-unpublished")) {
		t.Error("link to an unpublished draft should be text")
	}
	crawl(t, dest)
	if _, err := runBuild(t, src, dest, func(o *build.Options) { o.Drafts = true }); err != nil {
		t.Fatal(err)
	}
	d, err := os.ReadFile(filepath.Join(dest, "d.html"))
	if err != nil || !bytes.Contains(d, []byte("banner-draft")) {
		t.Errorf("draft not published with a banner under --drafts (err %v)", err)
	}
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := runBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dest)
	fixture.WriteTo(t, src, fixture.Files{"content/broken.md": "---\ntitle: Broken\n---\n[[NOWHERE]]\n"})
	if _, err := runBuild(t, src, dest); err == nil || !strings.Contains(err.Error(), `content/broken.md:4:1: unresolved reference "NOWHERE"`) {
		t.Fatalf("broken build: err = %v", err)
	}
	after := tree(t, dest)
	if len(before) != len(after) {
		t.Fatalf("output changed: %d files before, %d after", len(before), len(after))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed after a failed build", p)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("temporary directories left beside the output: %v", entries)
	}
}

func TestBuildsAreByteIdentical(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, err := runBuild(t, src, a); err != nil {
		t.Fatal(err)
	}
	if _, err := runBuild(t, src, b); err != nil {
		t.Fatal(err)
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d", len(ta), len(tb))
	}
	for p, h := range ta {
		if tb[p] != h {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestRefusesToReplaceAForeignDirectory(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	dest := t.TempDir()
	os.WriteFile(filepath.Join(dest, "precious.txt"), []byte("keep me"), 0o644)
	if _, err := runBuild(t, src, dest); err == nil || !strings.Contains(err.Error(), "not an ismsgen output directory") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "precious.txt")); err != nil {
		t.Fatal("foreign file removed")
	}
	if _, err := runBuild(t, src, src); err == nil || !strings.Contains(err.Error(), "contains the site sources") {
		t.Fatalf("dest == source: err = %v", err)
	}
}

// TestLinksWarnBuilds: a site with broken links builds under links: warn; the page shows
// each broken link as marked text, the summary counts them, and the PDF pack builds.
func TestLinksWarnBuilds(t *testing.T) {
	f := fixture.Minimal()
	f["content/guide.md"] = "---\ntitle: Guide\n---\nSee [the old policy](old.md) and [a section](#nowhere).\n"
	dir := fixture.Write(t, f)
	var log strings.Builder
	_, err := build.Run(context.Background(), build.Options{Source: dir, Date: model.NewDate(2026, 11, 22), Links: model.LinksWarn, Log: &log})
	if err != nil {
		t.Fatalf("build under links: warn: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "guide.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span class="broken-link" title="Broken link: link to old.md: no such document`, `>the old policy</span>`, `>a section</span>`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(string(page), `href="old.md"`) {
		t.Error("the broken link is still a link")
	}
	if !strings.Contains(log.String(), "2 broken links shown as text") || !strings.Contains(log.String(), "warning: content/guide.md:4:5: link to old.md") {
		t.Errorf("log:\n%s", log.String())
	}
	// Without warn, the same site fails.
	if _, err := build.Run(context.Background(), build.Options{Source: dir, Date: model.NewDate(2026, 11, 22)}); err == nil {
		t.Error("broken links build under links: error")
	}
}
