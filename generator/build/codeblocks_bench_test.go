package build_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// codeBlockDocs is the number of documents of the code-block benchmark; each gets two
// Mermaid diagrams and two code blocks without a language.
const codeBlockDocs = 100

// withCodeBlocks appends, to every document under dir/content, two ```mermaid blocks
// and two fenced blocks without a language, each with text of its own.
func withCodeBlocks(tb testing.TB, dir string) (mermaid, plain int) {
	tb.Helper()
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var add strings.Builder
		for i := range 2 {
			n := mermaid + 1
			fmt.Fprintf(&add, "\n## Flow %d\n\n```mermaid\nflowchart LR\n  A%d[Request %d] --> B{Approved?}\n  B -->|yes| C[Grant access]\n  B -->|no| D[Refuse and record]\n```\n", n, n, i)
			mermaid++
			fmt.Fprintf(&add, "\nThe log line of step %d:\n\n```\n2026-11-%02d 10:%02d:00 access granted to user-%d by approver-%d\n```\n", n, 1+n%28, n%60, n, i)
			plain++
		}
		return os.WriteFile(p, append(b, add.String()...), 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return mermaid, plain
}

// BenchmarkCodeBlocks builds (in memory, site and packs) a generated ISMS, and the same
// ISMS with 200 Mermaid diagrams and 200 code blocks without a language added, in the
// same iterations, and reports how much longer the second build takes ("ratio").
// Chroma's lexer lookup for an unknown or empty language is slow (it matches the name
// against every lexer's file patterns), so looking it up per block made this ratio many
// times over; the lookups are cached per render, misses included.
func BenchmarkCodeBlocks(b *testing.B) {
	base, blocks := b.TempDir(), b.TempDir()
	for _, dir := range []string{base, blocks} {
		if err := synth.Generate(dir, codeBlockDocs); err != nil {
			b.Fatal(err)
		}
	}
	if m, p := withCodeBlocks(b, blocks); m != 2*codeBlockDocs || p != 2*codeBlockDocs {
		b.Fatalf("added %d diagrams and %d code blocks, want %d of each", m, p, 2*codeBlockDocs)
	}
	ctx := context.Background()
	buildIn := func(dir string) time.Duration {
		start := time.Now()
		if _, err := build.Render(ctx, build.Options{Source: dir, Date: buildDate, Version: "bench"}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	// The first builds create each site's development signing key.
	buildIn(base)
	buildIn(blocks)
	var without, with time.Duration
	b.ResetTimer()
	for b.Loop() {
		without += buildIn(base)
		with += buildIn(blocks)
	}
	n := float64(b.N)
	b.ReportMetric(float64(without.Milliseconds())/n, "ms/build-without")
	b.ReportMetric(float64(with.Milliseconds())/n, "ms/build-with")
	b.ReportMetric(float64(with)/float64(without), "ratio")
}
