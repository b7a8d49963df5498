package build_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// BenchmarkBuild1000Docs builds the site (no packs) of a generated ISMS of 1,000
// documents from scratch: load, resolve, check, render, write.
func BenchmarkBuild1000Docs(b *testing.B) {
	src := b.TempDir()
	if err := synth.Generate(src, 1000); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for b.Loop() {
		if _, err := runBuild(b, src, dest, func(o *build.Options) { o.NoPack = true }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild1000DocsInMemory renders the same ISMS in memory with a warm parse
// cache, as the live preview does after an edit.
func BenchmarkRebuild1000DocsInMemory(b *testing.B) {
	src := b.TempDir()
	if err := synth.Generate(src, 1000); err != nil {
		b.Fatal(err)
	}
	opt := build.Options{Source: src, Date: buildDate, NoPack: true, Loader: load.New()}
	if _, err := build.Render(context.Background(), opt); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := build.Render(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildExample builds the shipped example (site only).
func BenchmarkBuildExample(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := runBuild(b, exampleRoot, dest, func(o *build.Options) { o.NoPack = true }); err != nil {
			b.Fatal(err)
		}
	}
}
