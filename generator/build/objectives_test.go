package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// An objective's page draws its results as an SVG chart made at build time: one point
// per result, coloured by whether it meets the target, the target as a line, and every
// value named in the chart's title.
func TestObjectiveChart(t *testing.T) {
	dest, _ := buildFixture(t, isms.New(t).WithEveryRegister(t))
	b, err := os.ReadFile(filepath.Join(dest, "objectives/O-1.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	svg := regexp.MustCompile(`(?s)<svg .*?</svg>`).FindString(page)
	if svg == "" {
		t.Fatal("objectives/O-1.html has no inline SVG chart")
	}
	if want := `<title id="chart-O-1-title">O-1: 9.5% on 2025-11-20, 4.5% on 2026-03-20; target at most 5%</title>`; !strings.Contains(svg, want) {
		t.Errorf("the chart's title does not name its values: want %s in\n%s", want, svg)
	}
	points := regexp.MustCompile(`<circle class="point (met|missed)"`).FindAllStringSubmatch(svg, -1)
	if len(points) != 2 || points[0][1] != "missed" || points[1][1] != "met" {
		t.Errorf("want a missed then a met point, got %v", points)
	}
	if !strings.Contains(svg, `<line class="target"`) {
		t.Error("the chart draws no target line")
	}
	if strings.Contains(svg, "http") {
		t.Error("the chart refers to an external URL")
	}
	// O-2 has one result: a chart with one point, in the middle.
	b, _ = os.ReadFile(filepath.Join(dest, "objectives/O-2.html"))
	if n := strings.Count(string(b), `<circle class="point`); n != 1 {
		t.Errorf("objectives/O-2.html: %d points, want 1", n)
	}
}
