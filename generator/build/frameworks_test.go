package build_test

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// rowOf returns the table row of a page that links the page href ("" when none does).
func rowOf(page, href string) string {
	i := strings.Index(page, `href="`+href+`"`)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(page[:i], "<tr")
	end := strings.Index(page[i:], "</tr>")
	if start < 0 || end < 0 {
		return ""
	}
	return page[start : i+end]
}

var badge = regexp.MustCompile(`class="badge coverage-([a-z-]+)"`)

// TestExampleNIS2Coverage: the example enables NIS2, and its coverage page says what a
// reader works out by hand from the SoA and the two crosswalks (ENISA's, built in, and
// data/mappings/kestrel-nis2.yaml).
func TestExampleNIS2Coverage(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := runBuild(t, exampleRoot, dest, func(o *build.Options) { o.NoPack = true }); err != nil {
		t.Fatal(err)
	}
	files := allFiles(t, dest)
	page := string(files["coverage/nis2.html"])
	if page == "" {
		t.Fatal("no coverage page coverage/nis2.html")
	}
	for _, tc := range []struct {
		id, level string
		shows     []string
	}{
		// ENISA maps event reporting onto A.6.8 alone, which the SoA marks implemented.
		{"NIS2-3.3.1", "covered", []string{"A.6.8.html", ">implemented<"}},
		// The risk-management framework: A.5.7 is only partial and no document declares
		// clause 6.1.1.
		{"NIS2-2.1.1", "partial", []string{"A.5.7.html", ">partial<", "clause 6.1.1", "declared by no document"}},
		// ENISA leaves 12.5.1 unmapped; Kestrel's crosswalk maps it onto A.5.11 and A.6.5.
		{"NIS2-12.5.1", "covered", []string{"A.5.11.html", "A.6.5.html"}},
		// Kestrel's crosswalk: 9.2.a is a subset of A.8.24 (implemented).
		{"NIS2-9.2.a", "covered", []string{"A.8.24.html"}},
	} {
		row := rowOf(page, "../controls/"+tc.id+".html")
		if row == "" {
			t.Errorf("the coverage page has no row for %s", tc.id)
			continue
		}
		if m := badge.FindStringSubmatch(row); m == nil || m[1] != tc.level {
			t.Errorf("%s: coverage %v, want %s\n%s", tc.id, m, tc.level, row)
		}
		for _, s := range tc.shows {
			if !strings.Contains(row, s) {
				t.Errorf("%s: row lacks %q\n%s", tc.id, s, row)
			}
		}
		req := string(files["controls/"+tc.id+".html"])
		if !strings.Contains(req, `class="badge coverage-`+tc.level+`"`) {
			t.Errorf("the page of %s does not show its coverage %s", tc.id, tc.level)
		}
	}
	if n := strings.Count(page, "<tr") - 1; n != 349 {
		t.Errorf("the coverage page has %d requirement rows, want the 349 of the NIS2 catalogue", n)
	}
	for _, s := range []string{"reused under CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "ENISA"} {
		if !strings.Contains(page, s) {
			t.Errorf("the coverage page lacks the attribution %q", s)
		}
	}
	if !strings.Contains(string(files["controls/A.6.8.html"]), "NIS2-3.3.1.html") {
		t.Error("A.6.8's page does not list the NIS2 requirements mapped onto it")
	}
	csv := string(files["exports/coverage-nis2.csv"])
	if !strings.HasPrefix(csv, "requirement,title,group,coverage,soa_status,mapped_to,documents,evidence\r\n") {
		t.Errorf("exports/coverage-nis2.csv: %.200s", csv)
	}
	if soa := string(files["soa.html"]); strings.Contains(soa, "NIS2-") {
		t.Error("the SoA lists NIS2 requirements, which the crosswalks cover")
	}
}

// TestSOC2OnlySiteBuilds: a SOC 2-only programme builds: its catalogue's controls have
// pages with the user's own description and guidance, its SoA has no Annex A row, and a
// pack prints its coverage (coverage:soc2).
func TestSOC2OnlySiteBuilds(t *testing.T) {
	s := isms.SOC2(t)
	s.Files["data/site.yaml"] += "packs:\n  - name: soc2\n    contents: [SOA, \"coverage:soc2\"]\n"
	dest, res := buildFixture(t, s, func(o *build.Options) { o.NoPack = false })
	if errs, warns := res.Errors(); errs != 0 || warns != 0 {
		t.Errorf("readiness: %d errors, %d warnings: %v", errs, warns, res.Findings)
	}
	files := allFiles(t, dest)
	ctl := string(files["controls/CC6.1.html"])
	for _, want := range []string{"Our licensed wording of the criterion", "Points of focus, in our own words", "Logical and physical access controls", "SOC 2 Trust Services Criteria"} {
		if !strings.Contains(ctl, want) {
			t.Errorf("controls/CC6.1.html lacks %q", want)
		}
	}
	if _, ok := files["controls/A.5.1.html"]; ok {
		t.Error("Annex A is not in force, yet A.5.1 has a page")
	}
	if soa := string(files["soa.html"]); strings.Contains(soa, "A.5.1") || !strings.Contains(soa, "CC7.2") {
		t.Error("the SoA of a SOC 2-only site must list CC6.1 and CC7.2 and no Annex A control")
	}
	cov := string(files["coverage/soc2.html"])
	if m := badge.FindStringSubmatch(rowOf(cov, "../controls/CC7.2.html")); m == nil || m[1] != "partial" {
		t.Errorf("CC7.2 (planned in its own row): coverage %v, want partial", m)
	}
	text, err := exec.Command(tooltest.Need(t, "pdftotext"), filepath.Join(dest, "packs", "soc2.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"SOC 2 Trust Services Criteria (2017, revised 2022): coverage", "CC6.1", "own SoA row: planned"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
}
