package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
)

// exampleRoot is the repository root, which holds the example ISMS.
const exampleRoot = "../.."

// TestExampleBuildsAndEveryLinkResolves builds the shipped example and crawls it: every
// page the content contract promises exists and every internal link and asset resolves.
func TestExampleBuildsAndEveryLinkResolves(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := runBuild(t, exampleRoot, dest, func(o *build.Options) { o.NoPack = true })
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"index.html", "documents.html", "soa.html", "controls/index.html", "risks/index.html",
		"treatment/index.html", "evidence/index.html", "tags/index.html", "readiness.html", "404.html",
		"policies/information-security.html", "policies/access-control.html", "manual/scope.html",
		"controls/A.5.1.html", "controls/A.8.34.html", "controls/KD.1.html",
		"risks/R-001.html", "treatment/RTP-001.html", "evidence/EV-001.html",
		"exports/soa.csv", "exports/risks.csv", "exports/treatment.csv", "exports/documents.csv",
	} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Errorf("missing page %s", p)
		}
	}
	if n := crawl(t, dest); n != res.Pages {
		t.Errorf("crawled %d HTML pages, the build reported %d", n, res.Pages)
	}
	if errs, _ := res.Errors(); errs != 0 {
		for _, f := range res.Findings {
			t.Log(f)
		}
		t.Errorf("the example has %d readiness errors", errs)
	}
	// The draft policy is not published by default.
	if _, err := os.Stat(filepath.Join(dest, "policies/ai-tools.html")); err == nil {
		t.Error("draft policy published without --drafts")
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	for _, want := range []string{"Kestrel Data Ltd", "Statement of Applicability", "Risk register"} {
		if !strings.Contains(string(home), want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	soa, _ := os.ReadFile(filepath.Join(dest, "soa.html"))
	if got := strings.Count(string(soa), `class="ref" href="controls/`); got < 96 {
		t.Errorf("SoA links %d controls, want every one of the 96", got)
	}
}
