package build_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// The downloads page lists every pack the build made with the pages pdfinfo counts, its
// size, SHA-256, classification, signer and build date, says how to verify it, and links
// every register's CSV export; the header of every page and the home page link it.
func TestDownloadsPageListsPacksAndExports(t *testing.T) {
	s := isms.New(t).WithEveryRegister(t)
	s.Files["data/site.yaml"] += "packs:\n  - {name: audit, title: Audit pack, contents: [SOA, REG-RISK]}\n  - {name: staff, title: Staff handbook, contents: [\"type:policy\"]}\n"
	dest, _ := buildFixture(t, s, func(o *build.Options) { o.NoPack = false })
	files := allFiles(t, dest)
	page := string(files["downloads.html"])
	if page == "" {
		t.Fatal("no downloads.html")
	}
	text := pageText(page)
	pdfinfo := tooltest.Need(t, "pdfinfo")
	for _, name := range []string{"audit", "staff"} {
		pdf := files["packs/"+name+".pdf"]
		out, err := exec.Command(pdfinfo, filepath.Join(dest, "packs", name+".pdf")).Output()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v", name, err)
		}
		pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(string(out))
		sum := sha256.Sum256(pdf)
		row := regexp.MustCompile(`(?s)<tr>\s*<td><a href="packs/` + name + `\.pdf">.*?</tr>`).FindString(page)
		if row == "" {
			t.Fatalf("the downloads page has no row linking packs/%s.pdf", name)
		}
		for _, want := range []string{
			`<td>` + pages[1] + `</td>`, model.ByteSize(int64(len(pdf))), hex.EncodeToString(sum[:]),
			`href="packs/` + name + `.manifest.json"`, "development certificate", `<time>` + isms.Date + `</time>`, "classification-",
		} {
			if !strings.Contains(row, want) {
				t.Errorf("the row of pack %s lacks %q:\n%s", name, want, row)
			}
		}
	}
	for _, want := range []string{"Audit pack", "Staff handbook", "ismsgen verify audit.pdf", "--allow-development", "pdfsig audit.pdf"} {
		if !strings.Contains(text, want) {
			t.Errorf("the downloads page does not say %q", want)
		}
	}
	for _, kind := range export.Kinds() {
		csv := "exports/" + kind + ".csv"
		if _, ok := files[csv]; !ok {
			t.Errorf("no %s", csv)
			continue
		}
		if !strings.Contains(page, `href="`+csv+`" download`) {
			t.Errorf("the downloads page does not link %s", csv)
		}
		if strings.Contains(page, `<tr><td>`+kind+`</td>`) {
			t.Errorf("the downloads page names the export %s by its kind, not its title", kind)
		}
	}
	for _, p := range []string{"index.html", "soa.html", "policies/is.html"} {
		if b, ok := files[p]; ok && !strings.Contains(string(b), `class="header-link" href="`+strings.Repeat("../", strings.Count(p, "/"))+`downloads.html"`) {
			t.Errorf("the header of %s does not link the downloads page", p)
		}
	}
	if !strings.Contains(page, `<a href="readiness.html">Acknowledgement coverage</a>`) {
		t.Error("the downloads page does not name the acknowledgements export and link the readiness page that shows the coverage")
	}
	if !strings.Contains(string(files["index.html"]), `<a href="downloads.html">The PDF audit packs`) {
		t.Error("the home page does not link the downloads page")
	}
}

// Without packs the downloads page still lists them: as built on first download in the
// live preview, as not built by build --no-pack (and then without a link).
func TestDownloadsPageWithoutPacks(t *testing.T) {
	for _, lazy := range []bool{true, false} {
		t.Run(fmt.Sprint("lazy=", lazy), func(t *testing.T) {
			s := isms.New(t)
			s.Files["data/site.yaml"] += "packs:\n  - {name: audit, title: Audit pack, contents: [SOA]}\n"
			dest, _ := buildFixture(t, s, func(o *build.Options) { o.LazyPacks = lazy })
			page := string(allFiles(t, dest)["downloads.html"])
			linked := strings.Contains(page, `href="packs/audit.pdf"`)
			switch {
			case lazy && (!linked || !strings.Contains(page, "built when first downloaded")):
				t.Errorf("the preview's downloads page does not link the pack to build on first download:\n%s", pageText(page))
			case !lazy && (linked || !strings.Contains(page, "not built by this build")):
				t.Errorf("build --no-pack's downloads page links a pack it did not build, or does not say so:\n%s", pageText(page))
			}
		})
	}
}

// pageText is a page's main content as text.
func pageText(page string) string {
	if i := strings.Index(page, "<main"); i >= 0 {
		page = page[i:]
	}
	return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(page, " ")), " ")
}
