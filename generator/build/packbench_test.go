package build_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// packBenchDocs is the size of the synthetic ISMS whose full pack is about 2,000 pages
// (470 documents give 1,041).
const packBenchDocs = 900

// BenchmarkSignedPack2000Pages renders and signs (with the development signer, as a
// build without key material does) the full pack of a synthetic ISMS of about 2,000
// pages: issue 13's target is at most 2 s and 300 MiB. Besides the time it reports the
// pages, the bytes allocated per pack (alloc-MiB/op) and the memory the Go runtime holds
// from the operating system at its high-water mark (sys-MiB: runtime.MemStats.Sys, which
// never shrinks, so it bounds the process's Go memory from above; it includes the
// resolved graph the pack is rendered from).
func BenchmarkSignedPack2000Pages(b *testing.B) {
	src := b.TempDir()
	if err := synth.Generate(src, packBenchDocs); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	g, err := build.Resolve(ctx, nil, src, resolve.Options{Date: buildDate})
	if err != nil {
		b.Fatal(err)
	}
	opt := build.Options{Source: src, Date: buildDate, Version: "bench", NoTSA: true}
	signer, err := build.LoadSigner(g.Site, opt)
	if err != nil {
		b.Fatal(err)
	}
	var cfg model.PackConfig
	for _, p := range build.PackConfigs(g) {
		if p.Name == "full" {
			cfg = p
		}
	}
	if cfg.Name == "" {
		b.Fatal("the synthetic site has no pack named full")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	pages, runs := 0, 0
	for b.Loop() {
		pf, err := build.RenderPack(ctx, g, cfg, opt, signer)
		if err != nil {
			b.Fatal(err)
		}
		if len(pf.PDF) == 0 {
			b.Fatal("empty pack")
		}
		pages = pf.Pages
		runs++
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(runs)/(1<<20), "alloc-MiB/op")
	b.ReportMetric(float64(after.Sys)/(1<<20), "sys-MiB")
}
