package serve_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestWorkbooksWrittenOnDownload: the preview leaves the XLSX exports out of its
// rebuilds and writes one when it is downloaded. It is the workbook a build writes,
// it follows an edit of its register, and a workbook the site does not publish is 404.
func TestWorkbooksWrittenOnDownload(t *testing.T) {
	files := fixture.Minimal()
	p := start(t, files)
	ev, _ := p.subscribe()
	if r := p.get("/downloads.html"); r.status != 200 || !strings.Contains(r.body, `href="exports/risks.xlsx" download>XLSX</a> <span class="nowrap">(written when downloaded)</span>`) {
		t.Fatalf("downloads page (%d) does not link the workbook to be written on download:\n%s", r.status, r.body)
	}
	want, err := build.Render(context.Background(), build.Options{Source: p.src, Date: buildDate, NoPack: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	r := p.get("/exports/risks.xlsx")
	if r.status != 200 || r.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("workbook: %d %q", r.status, r.header.Get("Content-Type"))
	}
	if b := want.Files["exports/risks.xlsx"]; len(b) == 0 || r.body != string(b) {
		t.Errorf("the preview's workbook (%d bytes) is not the build's (%d bytes)", len(r.body), len(b))
	}
	for _, missing := range []string{"/exports/nothing.xlsx", "/exports/.xlsx", "/exports/risks/x.xlsx"} {
		if r := p.get(missing); r.status != 404 {
			t.Errorf("%s: %d, want 404", missing, r.status)
		}
	}
	p.write("data/risks.yaml", strings.Replace(files["data/risks.yaml"], "Laptop theft", "Laptop loss", 1))
	ev.changeOf("risks/index.html")
	after := p.get("/exports/risks.xlsx")
	if after.status != 200 || after.body == r.body {
		t.Errorf("workbook after editing its register: %d, unchanged %v", after.status, after.body == r.body)
	}
}
