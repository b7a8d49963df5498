package font

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

func TestParseAndSubset(t *testing.T) {
	f, err := Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "GoRegular" || f.UnitsPerEm != 2048 {
		t.Errorf("name %q, units %d", f.Name, f.UnitsPerEm)
	}
	g, ok := f.Glyph('A')
	if !ok || f.Advance(g) <= 0 {
		t.Fatal("no A")
	}
	sub := f.Subset(map[uint16]bool{g: true})
	if len(sub) >= len(goregular.TTF)/4 {
		t.Errorf("subset of one glyph is %d bytes of %d", len(sub), len(goregular.TTF))
	}
	// The subset keeps glyph A's outline under the same glyph ID, and empties others.
	sf := &Face{tables: map[string][]byte{}}
	if err := sf.readTables(sub); err != nil {
		t.Fatal(err)
	}
	if err := sf.parseMetrics(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sf.glyphData(g), f.glyphData(g)) {
		t.Error("glyph A changed")
	}
	b, _ := f.Glyph('B')
	if sf.glyphData(b) != nil {
		t.Error("glyph B kept")
	}
	if checksum(sub) != 0xB1B0AFBA {
		t.Errorf("font checksum %#x", checksum(sub))
	}
}

func TestFallbacksDrawEmojiAndSymbols(t *testing.T) {
	fb, err := Fallbacks()
	if err != nil {
		t.Fatal(err)
	}
	has := func(r rune) bool {
		for _, f := range fb {
			if f.Has(r) {
				return true
			}
		}
		return false
	}
	for _, r := range "✅❌⚠🔐🚀👍♔➜⌘" {
		if !has(r) {
			t.Errorf("no fallback has %q", r)
		}
	}
}

func TestUsageObjects(t *testing.T) {
	fb, _ := Fallbacks()
	u := NewUsage(fb[1]) // Noto Emoji
	cids, w := u.Encode("🔐a🔐")
	rs := []rune(cids)
	if len(rs) != 3 || rs[0] != 0xE000 || rs[1] != 'a' || rs[2] != 0xE000 || w <= 0 {
		t.Errorf("CIDs %U, width %v", rs, w)
	}
	o := u.Objects(10)
	if !strings.Contains(string(o[0]), "+NotoEmoji-Regular /Encoding /Identity-H /DescendantFonts [11 0 R] /ToUnicode 12 0 R") {
		t.Errorf("Type0: %s", o[0])
	}
	if !strings.Contains(string(o[1]), "/W [97 [") || !strings.Contains(string(o[1]), "57344 [") {
		t.Errorf("widths: %s", o[1])
	}
	if a, b := u.Objects(10), u.Objects(10); !bytes.Equal(a[6], b[6]) || !bytes.Equal(a[0], b[0]) {
		t.Error("objects differ between calls")
	}
}
