package main

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestReadinessPageAgreesWithCheck builds a site with findings and compares the
// readiness page's findings with `check --format json`: both come from one rule run.
func TestReadinessPageAgreesWithCheck(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/risks.yaml": `method: {likelihood: [{value: 1}, {value: 2}, {value: 3}], impact: [{value: 1}, {value: 2}, {value: 3}], acceptance: 3}
risks:
  - {id: R-1, title: Laptop theft, likelihood: 3, impact: 3, treatment: retain}
`,
	}))
	code, out, errs := runCLI(t, "check", "--source", src, "--date", "2026-11-22", "--format", "json")
	if code != 1 {
		t.Fatalf("check: exit %d\n%s", code, errs)
	}
	var findings []struct {
		Rule, Path string
		Line, Col  int
	}
	if err := json.Unmarshal([]byte(out), &findings); err != nil || len(findings) == 0 {
		t.Fatalf("check json: %v\n%s", err, out)
	}
	var fromCheck []string
	for _, f := range findings {
		pos := f.Path
		if f.Line > 0 {
			pos += ":" + itoa(f.Line)
			if f.Col > 0 {
				pos += ":" + itoa(f.Col)
			}
		}
		fromCheck = append(fromCheck, f.Rule+" "+pos)
	}
	if code, _, errs := runCLI(t, "build", "--source", src, "--date", "2026-11-22", "--no-pack", "--quiet"); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	page, err := os.ReadFile(filepath.Join(src, "public", "readiness.html"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`<td><code>([a-z0-9-]+)</code></td>\s*<td><code class="pos">([^<]*)</code></td>`)
	var fromPage []string
	for _, m := range row.FindAllStringSubmatch(string(page), -1) {
		fromPage = append(fromPage, m[1]+" "+html.UnescapeString(m[2]))
	}
	sort.Strings(fromCheck)
	sort.Strings(fromPage)
	if strings.Join(fromCheck, "\n") != strings.Join(fromPage, "\n") {
		t.Errorf("readiness page findings:\n%s\n\ncheck --format json:\n%s", strings.Join(fromPage, "\n"), strings.Join(fromCheck, "\n"))
	}
	for _, rule := range []string{"risk-no-owner", "risk-retain-unaccepted"} {
		if !strings.Contains(strings.Join(fromPage, "\n"), rule) {
			t.Errorf("expected finding %s on the readiness page", rule)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
