package site_test

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// A heat map lists every risk of a cell as a link (never "+N"), names both axes in the
// scale's words, draws the acceptance threshold with a legend, and the register shows
// each risk's movement from inherent to residual.
func TestHeatMapsInform(t *testing.T) {
	var risks strings.Builder
	risks.WriteString(`method:
  likelihood: [{value: 1, name: Rare}, {value: 2, name: Possible}, {value: 3, name: Likely}]
  impact: [{value: 1, name: Minor}, {value: 2, name: Moderate}, {value: 3, name: Severe}]
  acceptance: 3
  bands: [{max: 2, name: Low}, {max: 4, name: Medium}, {max: 9, name: High}]
risks:
`)
	for i := 1; i <= 7; i++ { // seven risks in one cell: more than a cell's first line
		fmt.Fprintf(&risks, "  - {id: R-%d, title: Risk %d, owner: IT lead, likelihood: 3, impact: 3, treatment: modify, controls: [A.8.1], residual: {likelihood: 1, impact: 2}}\n", i, i)
	}
	risks.WriteString("  - {id: R-9, title: Rising risk, owner: IT lead, likelihood: 1, impact: 1, treatment: retain, accepted_by: CEO, accepted: 2026-01-10, residual: {likelihood: 2, impact: 1}}\n")
	out := render(t, fixture.Minimal().With(fixture.Files{"data/risks.yaml": risks.String()}))
	p := page(t, out, "risks/index.html")
	svgs := regexp.MustCompile(`(?s)<svg class="heatmap".*?</svg>`).FindAllString(p, -1)
	if len(svgs) != 2 {
		t.Fatalf("%d heat maps, want inherent and residual", len(svgs))
	}
	inherent, residual := svgs[0], svgs[1]
	for i := 1; i <= 7; i++ {
		link := fmt.Sprintf(`<a href="R-%d.html"><text class="hm-risk"`, i)
		if !strings.Contains(inherent, link) || !strings.Contains(residual, link) {
			t.Errorf("R-%d is not a link in both heat maps", i)
		}
	}
	if strings.Contains(p, "hm-more") || regexp.MustCompile(`>\+\d+<`).MatchString(inherent) {
		t.Error(`a heat map cell says "+N" instead of listing its risks`)
	}
	if !strings.Contains(inherent, "Likely likelihood × Severe impact = level 9 (High): 7 risks") {
		t.Error("the cell Likely × Severe does not say in the scale's words that it holds 7 risks")
	}
	for _, want := range []string{"Likelihood →", "Impact →", ">Rare<", ">Likely<", ">Minor<", ">Severe<",
		`class="hm-appetite" d="M`, "Acceptance threshold: levels up to 3 are acceptable"} {
		if !strings.Contains(inherent, want) {
			t.Errorf("the inherent heat map lacks %q", want)
		}
	}
	if strings.Count(inherent, `class="hm-appetite"`) != 2 { // the path and the legend's line
		t.Errorf("the heat map draws the acceptance threshold %d times, want a path and its legend", strings.Count(inherent, `class="hm-appetite"`))
	}
	movement := regexp.MustCompile(`(?s)<table class="register movement".*?</table>`).FindString(p)
	for _, want := range []string{
		`Likely × Severe = <span class="badge band-high">9 High</span>`,
		`Rare × Moderate = <span class="badge band-low">2 Low</span>`,
		"↓ down 7", "↑ up 1",
	} {
		if !strings.Contains(movement, want) {
			t.Errorf("the movement table lacks %q", want)
		}
	}
}

// The risk register names each level in the scale's words, with the method's operator,
// as the pack's risk register does, for the inherent and the residual level alike.
func TestRiskRegisterNamesLevels(t *testing.T) {
	for _, tc := range []struct{ formula, op string }{{"multiply", "×"}, {"add", "+"}} {
		risks := `method:
  formula: ` + tc.formula + `
  likelihood: [{value: 1, name: Rare}, {value: 2, name: Possible}, {value: 3, name: Likely}]
  impact: [{value: 1, name: Minor}, {value: 2, name: Moderate}, {value: 3, name: Severe}]
  acceptance: 9
  bands: [{max: 2, name: Low}, {max: 4, name: Medium}, {max: 9, name: High}]
risks:
  - {id: R-1, title: One, owner: IT lead, likelihood: 3, impact: 2, treatment: modify, controls: [A.8.1], residual: {likelihood: 1, impact: 2}}
`
		out := render(t, fixture.Minimal().With(fixture.Files{"data/risks.yaml": risks}))
		register := html.UnescapeString(regexp.MustCompile(`(?s)<table class="register risks".*?</table>`).FindString(page(t, out, "risks/index.html")))
		for _, want := range []string{
			`<abbr title="Likely">3</abbr>`, `<abbr title="Moderate">2</abbr>`,
			`<span class="scale-words">Likely ` + tc.op + ` Moderate</span>`,
			`<span class="scale-words">Rare ` + tc.op + ` Moderate</span>`,
		} {
			if !strings.Contains(register, want) {
				t.Errorf("%s: the risk register lacks %q", tc.formula, want)
			}
		}
	}
}
