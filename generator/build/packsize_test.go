package build_test

import (
	"context"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/sign"
)

// halfPackBytes is issue 19's size goal: the example's signed stage1 pack at most half
// of the 809,435 bytes it weighed before font subsetting (README, "Size").
const halfPackBytes = 404_717

// TestExampleSignedPackSize renders and signs the example's stage1 pack as a build does
// (the manifest attached, the development signer's certificate in the signature) and
// holds it to issue 19's goal.
func TestExampleSignedPackSize(t *testing.T) {
	ctx := context.Background()
	g, err := build.Resolve(ctx, nil, exampleRoot, resolve.Options{Date: buildDate})
	if err != nil {
		t.Fatal(err)
	}
	signer, _, err := sign.DevSigner(t.TempDir(), buildDate.Time())
	if err != nil {
		t.Fatal(err)
	}
	opt := build.Options{Source: exampleRoot, Date: buildDate, Version: "test", NoTSA: true}
	found := false
	for _, cfg := range build.PackConfigs(g) {
		pf, err := build.RenderPack(ctx, g, cfg, opt, signer)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes signed, %d pages", cfg.Name, len(pf.PDF), pf.Pages)
		if cfg.Name != "stage1" {
			continue
		}
		found = true
		if len(pf.PDF) > halfPackBytes {
			t.Errorf("the example's signed stage1 pack is %d bytes, more than %d", len(pf.PDF), halfPackBytes)
		}
	}
	if !found {
		t.Error("the example has no stage1 pack")
	}
}
