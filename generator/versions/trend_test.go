package versions_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/versions"
)

// trendTitle returns the title of a dashboard chart's trend on a page, or "".
func trendTitle(page []byte, chart string) string {
	m := regexp.MustCompile(`<svg class="chart trend" id="` + chart + `-trend"[^>]*><title[^>]*>([^<]*)</title>`).FindSubmatch(page)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// TestDashboardTrend builds three releases that change the SoA and a treatment action
// and checks that the current home page draws each chart's counts across them, from
// the releases' own figures, also when the releases come from the cache.
func TestDashboardTrend(t *testing.T) {
	r := makeReleases(t)
	runVersions(t, r.dir, true)
	out := tree(t, filepath.Join(r.dir, "public"))
	home := out["index.html"]

	for chart, want := range map[string]string{
		// isms-1.1 made A.5.15 not applicable.
		"chart-soa": "SoA implementation by theme across releases: isms-1.0: 3 implemented, 0 not applicable, 90 no SoA row; " +
			"isms-1.1: 2 implemented, 1 not applicable, 90 no SoA row; isms-2.0: 2 implemented, 1 not applicable, 90 no SoA row; " +
			"current: 2 implemented, 1 not applicable, 90 no SoA row",
		// isms-2.0 finished RTP-1.
		"chart-actions": "Treatment actions by status across releases: isms-1.0: 1 in-progress, 0 done; isms-1.1: 1 in-progress, 0 done; " +
			"isms-2.0: 0 in-progress, 1 done; current: 0 in-progress, 1 done",
		"chart-risks": "Residual risks by band across releases: isms-1.0: 1 within appetite; isms-1.1: 1 within appetite; " +
			"isms-2.0: 1 within appetite; current: 1 within appetite",
	} {
		if got := trendTitle(home, chart); got != want {
			t.Errorf("%s trend:\n got %q\nwant %q", chart, got, want)
		}
	}
	// The findings of each release are its own readiness check's, as of its tag date.
	findings := trendTitle(home, "chart-findings")
	for _, v := range []string{"isms-1.0", "isms-1.1", "isms-2.0", "current"} {
		if !regexp.MustCompile(`(^|; )` + regexp.QuoteMeta(v) + `: \d+ errors, \d+ warnings(;|$)`).MatchString(strings.TrimPrefix(findings, "Readiness findings by rule across releases: ")) {
			t.Errorf("findings trend has no counts for %s: %q", v, findings)
		}
	}
	// One point per version and count drawn: the SoA's three counts in four versions.
	svg := home[bytes.Index(home, []byte(`id="chart-soa-trend"`)):]
	svg = svg[:bytes.Index(svg, []byte("</svg>"))]
	if n := bytes.Count(svg, []byte("<circle ")); n != 12 {
		t.Errorf("SoA trend draws %d points, want 12", n)
	}
	if n := bytes.Count(svg, []byte("<polyline ")); n != 3 {
		t.Errorf("SoA trend draws %d lines, want 3", n)
	}
	// A release's own home page has no releases before it to draw.
	if bytes.Contains(out["versions/isms-2.0/index.html"], []byte(`class="chart trend"`)) {
		t.Error("a release's home page draws a trend")
	}

	// Built again, the releases come from the cache, and so must their figures.
	_, b, log := runVersions(t, r.dir, true)
	if got := b.Stats(); got != (versions.Stats{Releases: 3, Reused: 3}) {
		t.Fatalf("second build stats %+v, want 3 reused\n%s", got, log)
	}
	again := tree(t, filepath.Join(r.dir, "public"))["index.html"]
	if !bytes.Equal(again, home) {
		t.Errorf("the home page differs when the releases come from the cache:\n%s", trendTitle(again, "chart-soa"))
	}
}
