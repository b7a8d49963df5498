package build_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// Marks of the confidential content in withheldSite: none may reach the output.
const (
	secretTitle = "Falcon board minutes"
	secretText  = "falcon-merger-7731"
	secretFile  = "42 of 42 laptops encrypted."
	secretTag   = "falcon-tag"
)

// withheldSite is the isms fixture with a confidential document (REC-MR, with an
// image of its own) and a confidential evidence register, referenced from internal
// documents, and (publish) the site limited to internal.
func withheldSite(t *testing.T, publish bool) *isms.Site {
	t.Helper()
	s := isms.New(t)
	review := "content/records/review.md"
	s.Files[review] = strings.ReplaceAll(s.Files[review], "Management review", secretTitle)
	classify(t, s, review, "confidential")
	s.Edit(t, review, "Decisions.", "Decisions on "+secretText+", see [[REC-KPI]].\n\n![Deal structure](deal.png)")
	s.Files["content/records/deal.png"] = "\x89PNG " + secretText
	// Overdue for review on the fixture's date: a finding on REC-MR.
	s.Edit(t, review, "review_cycle: 12m\n", "review: 2026-02-01\ntags: ["+secretTag+"]\n")
	classify(t, s, "data/evidence.yaml", "confidential")
	s.Edit(t, "content/records/audit.md", "Audit results.", "Audit results, reported in [[REC-MR]] and the [minutes](review.md); evidence [[EV-1]].")
	if publish {
		s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\npublish:\n  max_classification: internal\n")
	}
	return s
}

// allFiles returns every output file by slash path.
func allFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for p := range tree(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = b
	}
	// The search index is compressed: tests read (and search for leaks in) its JSON.
	if js, ok := out[urls.SearchData]; ok {
		b, err := site.DecodeSearchIndex(js)
		if err != nil {
			t.Fatal(err)
		}
		out[urls.SearchData] = b
	}
	return out
}

// Nothing of a withheld document or register reaches the output: no page, no search
// entry, no text, no CSV row, no evidence file; every page is labelled at most the limit.
func TestPublishLeavesOutWhatIsClassifiedAbove(t *testing.T) {
	dest, res := buildFixture(t, withheldSite(t, true))
	files := allFiles(t, dest)
	for _, p := range []string{"records/review.html", "evidence/EV-1.html", "evidence/index.html",
		"files/evidence/encryption.txt", "tags/" + secretTag + ".html"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s is published", p)
		}
	}
	for p, b := range files {
		for _, secret := range []string{secretTitle, secretText, secretFile, secretTag} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains %q", p, secret)
			}
		}
	}
	js := string(files[urls.SearchData])
	var index struct{ E []struct{ I, U string } }
	if err := json.Unmarshal([]byte(js[strings.Index(js, "{"):strings.LastIndex(js, "}")+1]), &index); err != nil {
		t.Fatal(err)
	}
	for _, e := range index.E {
		if e.I == "REC-MR" || e.I == "EV-1" || e.I == "REG-EVIDENCE" {
			t.Errorf("the search index has an entry for %s (%s)", e.I, e.U)
		}
	}
	if len(index.E) == 0 {
		t.Error("the search index is empty")
	}
	csv := string(files["exports/documents.csv"])
	for _, line := range strings.Split(csv, "\n") {
		if strings.HasPrefix(line, "REC-MR,") || strings.HasPrefix(line, "REG-EVIDENCE,") {
			t.Errorf("documents.csv lists a withheld document: %s", line)
		}
	}
	if !strings.Contains(csv, "\nREC-AUDIT,") {
		t.Errorf("documents.csv lacks the published REC-AUDIT:\n%s", csv)
	}
	if n := crawl(t, dest); n != res.Pages {
		t.Errorf("crawled %d pages, the build reported %d", n, res.Pages)
	}
	for p := range files {
		if strings.HasSuffix(p, ".html") && label(t, dest, p) != "internal" {
			t.Errorf("%s is labelled %s, above the published limit", p, label(t, dest, p))
		}
	}
}

// A reference to a withheld item shows its ID alone and links its placeholder page,
// which says what it is and how it is classified, not what it is called.
func TestReferencesToWithheldItemsLinkAPlaceholder(t *testing.T) {
	dest, _ := buildFixture(t, withheldSite(t, true))
	b, err := os.ReadFile(filepath.Join(dest, "records/audit.html"))
	if err != nil {
		t.Fatal(err)
	}
	body := parseHTML(t, b).first(tagClass("div", "doc-body"))
	want := map[string]string{ // link text → target
		"REC-MR":  "../withheld/REC-MR.html",
		"minutes": "../withheld/REC-MR.html",
		"EV-1":    "../withheld/EV-1.html",
	}
	for _, a := range body.all(tag("a")) {
		if w, ok := want[a.text()]; ok {
			if a.Attr["href"] != w {
				t.Errorf("link %q goes to %s, want %s", a.text(), a.Attr["href"], w)
			}
			delete(want, a.text())
		}
	}
	for text := range want {
		t.Errorf("records/audit.html has no link %q", text)
	}
	for page, kind := range map[string]string{"withheld/REC-MR.html": "document", "withheld/EV-1.html": "evidence record"} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatalf("placeholder %s: %v", page, err)
		}
		main := parseHTML(t, b).first(tag("main")).text()
		if w := "This " + kind + " is classified confidential and not published on this intranet."; !strings.Contains(main, w) {
			t.Errorf("%s says %q, want %q", page, main, w)
		}
	}
	// The SoA lists EV-1 for every control: by ID, linking the placeholder.
	soa, _ := os.ReadFile(filepath.Join(dest, "soa.html"))
	if !bytes.Contains(soa, []byte(`href="withheld/EV-1.html">EV-1</a>`)) {
		t.Error("the SoA does not link EV-1's placeholder")
	}
}

// The readiness checks run on everything: the findings are those of the same site
// built without a limit, and the readiness page counts the withheld document for
// clause 9.3.
func TestPublishLimitLeavesTheChecksWhole(t *testing.T) {
	_, all := buildFixture(t, withheldSite(t, false))
	dest, limited := buildFixture(t, withheldSite(t, true))
	if !reflect.DeepEqual(all.Findings, limited.Findings) {
		t.Errorf("findings differ under publish.max_classification:\nwithout: %v\nwith:    %v", all.Findings, limited.Findings)
	}
	if len(limited.Findings) == 0 {
		t.Fatal("the fixture has no finding on REC-MR")
	}
	b, _ := os.ReadFile(filepath.Join(dest, urls.Readiness))
	// The finding on REC-MR is listed, by ID only.
	findings := parseHTML(t, b).first(tagClass("table", "findings")).text()
	if want := "A finding on REC-MR, which is classified confidential and not published on this intranet."; !strings.Contains(findings, want) ||
		strings.Contains(findings, "was due for review") {
		t.Errorf("the readiness page's findings:\n%s\nwant %q instead of the message", findings, want)
	}
	for _, tr := range parseHTML(t, b).first(tagClass("table", "coverage")).all(tag("tr")) {
		if cells := tr.all(tag("td")); len(cells) == 4 && cells[0].text() == "9.3" {
			if got := cells[3].text(); got != "REC-MR" {
				t.Errorf("clause 9.3 is covered by %q on the readiness page, want REC-MR", got)
			}
			return
		}
	}
	t.Error("the readiness page has no row for clause 9.3")
}

// The build summary says how many items were left out, and the log lists them.
func TestBuildSummaryNamesWhatWasLeftOut(t *testing.T) {
	var log bytes.Buffer
	_, res := buildFixture(t, withheldSite(t, true), func(o *build.Options) { o.Log = &log })
	out := log.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	summary := lines[len(lines)-1]
	if !strings.HasPrefix(summary, "built ") || !strings.Contains(summary, ", 2 left out above internal in ") {
		t.Errorf("summary line %q does not say 2 left out above internal", summary)
	}
	for _, want := range []string{
		"left out of the site, classified above internal",
		"  REC-MR: confidential record, content/records/review.md",
		"  REG-EVIDENCE: confidential register, data/evidence.yaml, with its 1 evidence record",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the build log lacks %q:\n%s", want, out)
		}
	}
	if len(res.Withheld) != 2 {
		t.Errorf("Result.Withheld has %d entries, want 2", len(res.Withheld))
	}
	log.Reset()
	buildFixture(t, withheldSite(t, false), func(o *build.Options) { o.Log = &log })
	if strings.Contains(log.String(), "left out") {
		t.Errorf("a build without a limit says something was left out:\n%s", log.String())
	}
}

// Packs keep their own limit: one limited to internal holds nothing of REC-MR, and the
// build warns about one that is not limited, since the site holds it in packs/.
func TestPublishLimitAndPacks(t *testing.T) {
	s := withheldSite(t, true)
	s.Files["data/site.yaml"] += "packs:\n  - name: staff\n    contents: [\"type:record\"]\n    max_classification: internal\n" +
		"  - name: audit\n    contents: [\"type:record\"]\n"
	var log bytes.Buffer
	dest, _ := buildFixture(t, s, func(o *build.Options) { o.NoPack, o.Log = false, &log })
	out := log.String()
	for _, want := range []string{
		"pack staff: 3 documents, ", ", internal, signed, in ", "; 1 left out above internal: REC-MR\n",
		"pack audit: 4 documents, ", ", confidential, signed, in ",
		"warning: pack audit is classified confidential, above publish.max_classification internal, and is written to packs/audit.pdf all the same",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the build log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "warning: pack staff") {
		t.Errorf("the build warns about the limited pack:\n%s", out)
	}
	bin := tooltest.Need(t, "pdftotext")
	text, err := exec.Command(bin, filepath.Join(dest, "packs", "staff.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{secretTitle, secretText} {
		if strings.Contains(strings.Join(strings.Fields(string(text)), " "), secret) {
			t.Errorf("the staff pack prints %q", secret)
		}
	}
}

// A site limited to public, whose default is internal, publishes only public items, and
// labels every page public.
func TestPublicOnlySite(t *testing.T) {
	s := isms.New(t)
	classify(t, s, "content/policies/is-policy.md", "public")
	classify(t, s, "content/manual/scope.md", "public")
	s.Edit(t, "data/site.yaml", "title: Test ISMS\n", "title: Test ISMS\nclassification: internal\npublish:\n  max_classification: public\n")
	dest, res := buildFixture(t, s)
	files := allFiles(t, dest)
	for _, p := range []string{"policies/is-policy.html", "manual/scope.html", "controls/A.5.1.html", "index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("%s is not published", p)
		}
	}
	for _, p := range []string{"records/kpi.html", "soa.html", "risks/index.html"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s is published", p)
		}
	}
	for p := range files {
		if strings.HasSuffix(p, ".html") && label(t, dest, p) != "public" {
			t.Errorf("%s is labelled %s", p, label(t, dest, p))
		}
	}
	if n := crawl(t, dest); n != res.Pages {
		t.Errorf("crawled %d pages, the build reported %d", n, res.Pages)
	}
}
