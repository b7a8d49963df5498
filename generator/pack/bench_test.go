package pack

import (
	"context"
	"testing"
)

// BenchmarkPack1000Pages renders the complete pack of a synthetic ISMS of 470
// documents: about 1,000 pages.
func BenchmarkPack1000Pages(b *testing.B) {
	g, _ := synthGraph(b, 470)
	p, err := PlanPack(g, packConfig(b, g, "full"))
	if err != nil {
		b.Fatal(err)
	}
	pages := 0
	for b.Loop() {
		res, err := Render(context.Background(), g, p, Options{Date: testDate, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages")
}
