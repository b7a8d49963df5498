package browsertest

import (
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// Printing a register gives a landscape page with every column, and every printed page
// of a register and of a policy carries the organisation, the document's ID and its
// classification (read back from Chromium's PDF with pdftotext and pdfinfo).
func testPrintPages(t *testing.T, e *env) {
	tooltest.Need(t, "pdftotext")
	pdfinfo := tooltest.Need(t, "pdfinfo")
	org := e.site.Graph.Site.Config.Organisation
	ctx, m := e.tab(t)
	for _, tc := range []struct {
		path, id  string
		landscape bool
		columns   []string
	}{
		{"soa.html", "SOA", true, []string{"Control", "Title", "Theme", "Applicable", "Reasons", "Justification", "Status", "Owner", "Documents", "Evidence", "Risks", "Target"}},
		{firstDocument(t, e.site, "policy"), "", false, nil},
	} {
		do(t, ctx, chromedp.Navigate(e.url(tc.path)))
		file := printPDF(t, ctx)
		info, _ := exec.Command(pdfinfo, file).Output()
		size := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+)`).FindStringSubmatch(string(info))
		if len(size) != 3 {
			t.Fatalf("pdfinfo gives no page size for %s:\n%s", tc.path, info)
		}
		w, _ := strconv.ParseFloat(size[1], 64)
		h, _ := strconv.ParseFloat(size[2], 64)
		if (w > h) != tc.landscape {
			t.Errorf("%s prints %s × %s pt, want landscape %v", tc.path, size[1], size[2], tc.landscape)
		}
		pages := pdfPages(t, file)
		class := strings.ToUpper(eval[string](t, ctx, `document.querySelector(".site-header .classification").textContent.trim()`))
		for i, p := range pages {
			if !strings.Contains(p, org) || !strings.Contains(p, class) || (tc.id != "" && !strings.Contains(p, tc.id)) {
				t.Errorf("%s: printed page %d of %d lacks the organisation, the ID %s or the classification %s:\n%.300s", tc.path, i+1, len(pages), tc.id, class, p)
			}
		}
		text := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
		for _, col := range tc.columns {
			if !strings.Contains(text, col) {
				t.Errorf("%s: the printed register has no column %q", tc.path, col)
			}
		}
	}
	clean(t, m)
}

func ptr[T any](v T) *T { return &v }
