package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/versions"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// printAuthor is the git author of the versioned site: a long name, so that the "Last
// changed" line is long.
const printAuthor = "Alexandra Montgomery-Fitzwilliam"

// versionedSite builds the rich fixture from a git repository with the git history
// read (as ismsgen build does in git), so that its pages carry the "Last changed" line,
// and serves it. It returns the server's URL, the commit's short hash and the site.
func versionedSite(t *testing.T) (origin, short string, s *builtSite) {
	t.Helper()
	gitPath := tooltest.Need(t, "git")
	home := t.TempDir()
	for k, v := range map[string]string{"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": filepath.Join(home, "gitconfig"), "HOME": home,
		"GIT_AUTHOR_NAME": printAuthor, "GIT_AUTHOR_EMAIL": "alexandra@example.com",
		"GIT_COMMITTER_NAME": printAuthor, "GIT_COMMITTER_EMAIL": "alexandra@example.com",
		"GIT_AUTHOR_DATE": "2026-03-02T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-03-02T12:00:00+00:00"} {
		t.Setenv(k, v)
	}
	dir := fixture.Write(t, richFixture().With(fixture.Files{".gitignore": "public/\n.ismsgen/\n"}))
	git := func(args ...string) string {
		out, err := exec.Command(gitPath, append([]string{"-C", dir}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "The ISMS")
	short = git("rev-parse", "--short", "HEAD")
	dest := t.TempDir()
	b := versions.New(build.Options{Source: dir, Dest: dest, Date: model.NewDate(2026, 11, 22), NoPack: true, Version: "test"}, versions.Options{})
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatalf("building the versioned site: %v", err)
	}
	return serve(t, dest).URL, short, &builtSite{Name: "versioned fixture", Dir: dest, Graph: res.Graph}
}

// emulateMedia makes the tab lay its pages out for a CSS media type ("" for screen).
func emulateMedia(t *testing.T, ctx context.Context, media string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		t.Fatal(err)
	}
}

// printPDF prints the page open in ctx as Chromium does (print to PDF, the CSS page
// size) into a file and returns its name.
func printPDF(t *testing.T, ctx context.Context) string {
	t.Helper()
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true)})
	if err != nil {
		t.Fatalf("printing: %v", err)
	}
	file := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(file, res.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// pdfPages returns a PDF's text page by page, as pdftotext -layout reads it.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command(tooltest.Need(t, "pdftotext"), "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f"), "\f")
}

// The "Last changed" line of a versioned build prints whole on the first page of a
// document and of a register: on one line, below the running header, not clipped.
func testPrintLastChanged(t *testing.T, e *env) {
	tooltest.Need(t, "pdftotext")
	origin, short, s := versionedSite(t)
	want := "Last changed on 2026-03-02 by " + printAuthor + " (commit " + short + ")"
	ve := &env{site: s, origin: origin, browser: e.browser}
	ctx, m := ve.tab(t)
	for _, p := range []string{firstDocument(t, s, "policy"), "soa.html"} {
		do(t, ctx, chromedp.Navigate(origin+"/"+p))
		if got := eval[string](t, ctx, `(document.querySelector(".last-change") || {}).textContent || ""`); got != want {
			t.Fatalf("%s: the versioned page's last-change line is %q, want %q", p, got, want)
		}
		pages := pdfPages(t, printPDF(t, ctx))
		line := regexp.MustCompile(`Last changed on[^\n]*`).FindString(pages[0])
		// pdftotext -layout spaces out the monospaced commit: compare without spaces.
		if got := strings.Join(strings.Fields(line), ""); got != strings.ReplaceAll(want, " ", "") {
			t.Errorf("%s: the first printed page has the line %q, want %q whole on one line:\n%.600s", p, got, want, pages[0])
		}
		// In print media the line lies below the running header, inside main, and
		// shows all of its text (nothing clipped or hidden under the header).
		emulateMedia(t, ctx, "print")
		geo := eval[map[string]float64](t, ctx, `(() => {
			const l = document.querySelector(".last-change"), mark = document.querySelector(".print-mark"), main = document.querySelector("main");
			const r = l.getBoundingClientRect(), mr = mark.getBoundingClientRect(), m = main.getBoundingClientRect();
			return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, markBottom: mr.bottom, mainLeft: m.left, mainRight: m.right,
				overflow: l.scrollWidth - l.clientWidth, lines: l.getClientRects().length, height: r.height};
		})()`)
		emulateMedia(t, ctx, "")
		if geo["top"] < geo["markBottom"] || geo["left"] < geo["mainLeft"]-0.5 || geo["right"] > geo["mainRight"]+0.5 || geo["overflow"] > 0 || geo["height"] == 0 {
			t.Errorf("%s: in print the last-change line is cut off or under the running header: %v", p, geo)
		}
	}
	clean(t, m)
}
