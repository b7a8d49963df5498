package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// assetSite is the isms fixture with the asset inventory's sample.
func assetSite(t *testing.T) *isms.Site {
	t.Helper()
	s := isms.New(t)
	s.Files["data/assets.yaml"] = isms.RowSamples()["assets"].File
	s.Edit(t, "data/risks.yaml", "    asset: Laptops\n", "    asset: [AS-1, IA-1]\n")
	return s
}

// With an asset inventory, a risk's asset: is a list of references (one ID allowed),
// shown as links both ways; the inventory's controls: make it a document of A.5.9.
func TestAssetsAreReferenced(t *testing.T) {
	dest, _ := buildFixture(t, assetSite(t))
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	risk := read("risks/R-1.html")
	for _, want := range []string{`href="../assets/AS-1.html">AS-1</a> Production database`, `href="../assets/IA-1.html"`} {
		if !strings.Contains(risk, want) {
			t.Errorf("risks/R-1.html lacks %s", want)
		}
	}
	for _, p := range []string{"assets/AS-1.html", "assets/IA-1.html"} {
		if !strings.Contains(read(p), `href="../risks/R-1.html"`) {
			t.Errorf("%s does not show the risk that names it", p)
		}
	}
	// IA-1 is held in AS-1: a link one way, a backlink the other.
	if !strings.Contains(read("assets/IA-1.html"), `<dt>Held in<dd><a class="ref" href="AS-1.html"`) {
		t.Error("assets/IA-1.html does not link the asset it is held in")
	}
	if !strings.Contains(read("assets/AS-1.html"), `href="IA-1.html"`) {
		t.Error("assets/AS-1.html does not show what it holds")
	}
	if !strings.Contains(read("controls/A.5.9.html"), `href="../assets/index.html"`) {
		t.Error("the page of A.5.9 does not cite the asset inventory, whose controls: list it")
	}
	s := assetSite(t)
	s.Edit(t, "data/risks.yaml", "    asset: [AS-1, IA-1]\n", "    asset: AS-1\n")
	dest, _ = buildFixture(t, s)
	if b, _ := os.ReadFile(filepath.Join(dest, "risks/R-1.html")); !strings.Contains(string(b), `href="../assets/AS-1.html"`) {
		t.Error("asset: AS-1 (one ID, not a list) does not link the asset")
	}
}

// Without an asset inventory, a risk's asset: stays free text, as before there was one.
func TestAssetWithoutInventoryIsText(t *testing.T) {
	dest, _ := buildFixture(t, isms.New(t))
	b, err := os.ReadFile(filepath.Join(dest, "risks/R-1.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "<dt>Asset<dd>Laptops</div>") {
		t.Errorf("the risk's asset is not shown as its text")
	}
}

// Mistakes in the inventory and in references to it are errors at their key, all at
// once.
func TestAssetErrors(t *testing.T) {
	s := assetSite(t)
	s.Edit(t, "data/risks.yaml", "    asset: [AS-1, IA-1]\n", "    asset: [AS-1, AS-9]\n")
	s.Edit(t, "data/assets.yaml", "    held_in: [AS-1]\n", "    held_in: [R-1]\n")
	s.Edit(t, "data/assets.yaml", "    type: platform\n", "    type: mainframe\n")
	s.Edit(t, "data/assets.yaml", "availability: medium}", "availability: extreme}")
	s.Edit(t, "data/assets.yaml", "document:\n", "document:\n  type: policy\n")
	_, err := build.Run(t.Context(), build.Options{Source: s.Write(t), Dest: filepath.Join(t.TempDir(), "public"), NoPack: true})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	for _, want := range []string{
		s.Pos(t, "data/risks.yaml", "AS-9") + `: asset: unresolved reference "AS-9"`,
		s.Pos(t, "data/assets.yaml", "R-1") + ": held_in: R-1 is a risk, not an asset",
		s.Pos(t, "data/assets.yaml", "mainframe") + `: invalid asset type "mainframe": want one of information, application, service, platform, device, physical, people, facility`,
		s.Pos(t, "data/assets.yaml", "extreme") + `: invalid need "extreme": want one of low, medium, high`,
		s.Pos(t, "data/assets.yaml", "policy") + `: type "policy": a register kept as data is of type register`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the errors lack %q:\n%v", want, err)
		}
	}
}
