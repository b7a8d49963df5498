package synth

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// TestGenerateResolves checks that a generated site loads and resolves without errors
// and has what benchmarks rely on.
func TestGenerateResolves(t *testing.T) {
	for _, n := range []int{1, 14, 60} {
		dir := t.TempDir()
		if err := Generate(dir, n); err != nil {
			t.Fatal(err)
		}
		g, err := build.Resolve(context.Background(), nil, dir, resolve.Options{Date: model.NewDate(2026, 11, 20)})
		if err != nil {
			t.Fatalf("%d documents: %v", n, err)
		}
		docs := 0
		for _, e := range g.Documents() {
			if e.Kind == resolve.KindDocument {
				docs++
			}
		}
		if docs != n {
			t.Errorf("%d documents generated, %d published", n, docs)
		}
		if got := len(g.Site.SoA.Controls); got != 93 {
			t.Errorf("SoA has %d rows, want 93", got)
		}
		if got, want := len(g.Site.Risks.Risks), max(n/10, 3); got != want {
			t.Errorf("%d risks, want %d", got, want)
		}
		for _, ev := range g.Site.Evidence.Evidence {
			if ev.SHA256 == "" {
				t.Errorf("evidence %s: file not read: %s", ev.ID, ev.FileError)
			}
		}
	}
}

// TestGenerateDeterministic checks that two runs write the same bytes.
func TestGenerateDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 30); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, 30); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", rel)
		}
		n++
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walk: %v (%d files)", err, n)
	}
}

func TestGenerateRejectsZero(t *testing.T) {
	if err := Generate(t.TempDir(), 0); err == nil {
		t.Error("Generate with 0 documents succeeded")
	}
}
