package build_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestGitHubRepositoryBuildsAsItIs builds testdata/github-repo.txtar, an ISMS written
// as plain GitHub Markdown (documents at the root, README.md per folder, links to PDFs,
// spreadsheets and folders, .github/ and templates/), with content_dir: ., ignore: and
// links: warn, and no other change.
func TestGitHubRepositoryBuildsAsItIs(t *testing.T) {
	files := fixture.ReadTxtar(t, "testdata/github-repo.txtar")
	src := fixture.Write(t, files)
	var log bytes.Buffer
	res, err := runBuild(t, src, "", func(o *build.Options) { o.Log = &log })
	if err != nil {
		t.Fatalf("build: %v\n%s", err, log.String())
	}
	dest := filepath.Join(src, "public")

	// Every broken link, once per target, at its position, with what would fix it.
	var warnings []string
	for _, line := range strings.Split(log.String(), "\n") {
		if w, ok := strings.CutPrefix(line, "warning: "); ok {
			warnings = append(warnings, w)
		}
	}
	wantWarnings := []string{
		`CONTRIBUTING.md:4:37: link to .github/PULL_REQUEST_TEMPLATE.md: no such document (looked for .github/PULL_REQUEST_TEMPLATE.md) (.github is a hidden directory, which ismsgen never reads)`,
		`CONTRIBUTING.md:5:28: link to templates/policy-template.md: no such document (looked for templates/policy-template.md) (templates is left out of the site by ignore: "templates/**" in data/site.yaml)`,
		`README.md:12:3: link to records/: records/ is a folder without a README.md: link to a file in it, or add records/README.md (and 1 more link to the same target: procedures/incident-response.md:5:64)`,
		`README.md:15:3: link to templates/: no such folder (looked for templates/) (templates is left out of the site by ignore: "templates/**" in data/site.yaml)`,
		`policies/access-control-policy.md:7:30: link to ../forms/offboarding-checklist.docx: no such file (looked for forms/offboarding-checklist.docx)`,
		`procedures/README.md:4:3: link to access-review.md: no such document (looked for procedures/access-review.md)`,
	}
	if !slices.Equal(warnings, wantWarnings) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(wantWarnings, "\n"))
	}
	if !strings.Contains(log.String(), "7 broken links shown as text") {
		t.Errorf("summary: %s", log.String())
	}

	// Each file without front matter is reported once, at its line 1; the policy with
	// front matter is controlled.
	var uncontrolled []string
	for _, f := range res.Findings {
		if f.Rule == check.RuleDocUncontrolled {
			uncontrolled = append(uncontrolled, f.Pos.String()+" "+f.Message)
		}
	}
	var wantUncontrolled []string
	for _, p := range []string{"CONTRIBUTING.md", "README.md", "evidence/README.md", "policies/README.md", "policies/acceptable-use.md",
		"policies/access-control-policy.md", "procedures/README.md", "procedures/incident-response.md", "records/2026-01-management-review.md"} {
		wantUncontrolled = append(wantUncontrolled, p+":1:1 add front matter with id, version, status, owner to bring it under document control")
	}
	if !slices.Equal(uncontrolled, wantUncontrolled) {
		t.Errorf("doc-uncontrolled:\n%s\nwant:\n%s", strings.Join(uncontrolled, "\n"), strings.Join(wantUncontrolled, "\n"))
	}

	// The pages: each document where a git host shows it, folders' README.md as their
	// index.html (evidence/, a generated register's folder, as readme.html), the root
	// README.md as the home page, and a page per sidebar section.
	out := tree(t, dest)
	var pages []string
	controls := 0
	for p := range out {
		switch {
		case strings.HasPrefix(p, "controls/"):
			controls++
		case strings.HasSuffix(p, ".html"):
			pages = append(pages, p)
		}
	}
	slices.Sort(pages)
	wantPages := []string{
		"404.html", "CONTRIBUTING.html", "documents.html", "downloads.html", "evidence/readme.html", "index.html", "owners/ciso.html",
		"policies/acceptable-use.html", "policies/access-control-policy.html", "policies/index.html", "policies/information-security-policy.html",
		"procedures/incident-response.html", "procedures/index.html", "readiness.html", "records/2026-01-management-review.html",
		"search.html", "sections/pages.html", "sections/policies.html", "tags/index.html",
	}
	if !slices.Equal(pages, wantPages) {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(pages, "\n"), strings.Join(wantPages, "\n"))
	}
	if want := len(res.Graph.Site.Catalogue) + 1; controls != want {
		t.Errorf("%d control pages, want %d", controls, want)
	}

	// The files copied from the repository: the linked attachments and the image, byte
	// for byte; nothing else (not LICENSE, not an unlinked export, not ignored drafts).
	var copied []string
	for p := range out {
		if src, ok := files[p]; ok {
			copied = append(copied, p)
			if content, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p))); string(content) != src {
				t.Errorf("%s copied as %q", p, content)
			}
		}
	}
	slices.Sort(copied)
	wantCopied := []string{
		"evidence/2026-q1-access-review.pdf", "forms/access-request.pdf", "policies/images/org-chart.png",
		"records/minutes-2026-01.pdf", "registers/risk-assessment.xlsx", "registers/user-access-review.xlsx",
	}
	if !slices.Equal(copied, wantCopied) {
		t.Errorf("copied:\n%s\nwant:\n%s", strings.Join(copied, "\n"), strings.Join(wantCopied, "\n"))
	}

	// .github, templates, drafts, data and the output are never content.
	never := func(p string) bool {
		for _, prefix := range []string{".github/", "templates/", "data/", "public/", "site/", ".ismsgen/"} {
			if strings.HasPrefix(p, prefix) {
				return true
			}
		}
		return p == "drafts/remote-work.md" // drafts/*.md; drafts/notes.txt is content (unlinked, so not copied)
	}
	for _, p := range res.Graph.Site.Content {
		if never(p) {
			t.Errorf("%s is content", p)
		}
	}
	for p := range out {
		if never(p) || strings.HasPrefix(p, "files/") {
			t.Errorf("%s is in the output", p)
		}
	}

	// Every link of every page leads to a file of the site; the home page is the
	// README's, and links to folders and attachments lead where a git host would.
	crawl(t, dest)
	home := string(readOut(t, dest, "index.html"))
	for _, want := range []string{
		"<h1>Acme Information Security Management System</h1>",
		`<a href="policies/index.html">Policies</a>`,
		`<a href="procedures/index.html">Procedures</a>`,
		`<a href="evidence/readme.html">Evidence</a>`,
		`<a href="registers/risk-assessment.xlsx">Risk assessment workbook</a>`,
		`<span class="broken-link" title="Broken link: link to records/: records/ is a folder without a README.md`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	ac := string(readOut(t, dest, "policies/access-control-policy.html"))
	for _, want := range []string{
		"<h1>Access Control Policy</h1>",
		`<a href="../forms/access-request.pdf">access request form</a>`,
		`<a href="../registers/user-access-review.xlsx#Q1">user access review</a>`,
		`Back to <a href="index.html">all policies</a>.`,
	} {
		if !strings.Contains(ac, want) {
			t.Errorf("access control policy page lacks %s", want)
		}
	}

	// A second build reads the same sources, not the first build's output, and makes
	// the same site; so does a build after one into another directory of the site.
	again, err := runBuild(t, src, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.Graph.Site.Content, res.Graph.Site.Content) || !maps.Equal(tree(t, dest), out) {
		t.Error("the second build differs from the first")
	}
	if _, err := runBuild(t, src, filepath.Join(src, "site")); err != nil {
		t.Fatal(err)
	}
	third, err := runBuild(t, src, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(third.Graph.Site.Content, res.Graph.Site.Content) {
		t.Errorf("a build read another build's output as content: %v", third.Graph.Site.Content)
	}
}

// readOut reads a file of the output.
func readOut(t *testing.T, dest, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
