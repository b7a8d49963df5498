package site_test

import (
	"context"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// renderSynth renders a synthetic ISMS of n documents in memory.
func renderSynth(t *testing.T, n int) *site.Output {
	t.Helper()
	dir := t.TempDir()
	if err := synth.GenerateOptions(dir, synth.Scale(n)); err != nil {
		t.Fatal(err)
	}
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	out, err := site.Render(context.Background(), g, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPageSizeDoesNotGrowWithTheSite: a document's page is about the same size in an
// ISMS of 2,000 documents as in one of 200 — the navigation lists a bounded window, not
// every document — so the output grows linearly with the site.
func TestPageSizeDoesNotGrowWithTheSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-document site (-short skips it)")
	}
	small, large := renderSynth(t, 200), renderSynth(t, 2000)
	for _, p := range []string{"policies/pol-0003.html", "records/rec-0007.html", "controls/A.5.15.html", "risks/R-001.html", "index.html"} {
		a, b := len(small.Files[p]), len(large.Files[p])
		if a == 0 || b == 0 {
			t.Errorf("%s: missing (%d, %d bytes)", p, a, b)
			continue
		}
		t.Logf("%s: %d bytes at 200 documents, %d at 2,000", p, a, b)
		if p == "controls/A.5.15.html" {
			continue // lists the documents that implement the control: its content grows
		}
		if ratio := float64(b) / float64(a); ratio > 1.10 || ratio < 0.90 {
			t.Errorf("%s is %d bytes at 2,000 documents and %d at 200 (%.2fx)", p, b, a, ratio)
		}
	}
}
