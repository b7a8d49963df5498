package pack

import "testing"

// maxExamplePackBytes bounds the example's stage1 pack as Render writes it (unsigned, no
// manifest): 388,456 bytes when measured (2026-12-02, 158 pages), plus 1.7%. Signed,
// with its manifest, it is about 11 KB more, and issue 19's goal, 404,717 bytes signed,
// is held by build's TestExampleSignedPackSize. Stroking each table cell's border
// (+35 KB), two-byte codes for every font (+34 KB), the diagram in RGB (+57 KB) or
// the fonts' hinting (+23 KB) fail it (README, "Size").
const maxExamplePackBytes = 395_000

func TestExamplePackSize(t *testing.T) {
	g, cfg := exampleGraph(t)
	if cfg.Name != "stage1" {
		t.Skip("the example has no stage1 pack")
	}
	p, err := PlanPack(g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Render(t.Context(), g, p, Options{Date: testDate, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stage1: %d bytes", len(res.PDF))
	if len(res.PDF) > maxExamplePackBytes {
		t.Errorf("the example's stage1 pack is %d bytes, more than %d", len(res.PDF), maxExamplePackBytes)
	}
}
