package font

import (
	"bytes"
	"compress/zlib"
	"io"
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
	// Two characters: one-byte codes, 'a' its own, the emoji the first free code (128).
	if !strings.Contains(string(o[0]), "+NotoEmoji-Regular /Encoding 13 0 R /DescendantFonts [11 0 R] /ToUnicode 12 0 R") {
		t.Errorf("Type0: %s", o[0])
	}
	if !strings.Contains(string(o[1]), "/W [97 [") || !strings.Contains(string(o[1]), "128 [") ||
		!strings.Contains(string(o[1]), "/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>") {
		t.Errorf("CID font: %s", o[1])
	}
	if !strings.HasPrefix(string(o[3]), "<</Length ") || !strings.Contains(string(o[3]), "/Type /CMap /CMapName /Identity-OneByte-H /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /WMode 0 ") {
		t.Errorf("encoding CMap: %s", o[3][:min(len(o[3]), 200)])
	}
	if cmap := inflate(t, o[3]); !strings.Contains(cmap, "<00> <FF>\nendcodespacerange") || !strings.Contains(cmap, "/WMode 0 def") {
		t.Errorf("encoding CMap:\n%s", cmap)
	}
	if tu := inflate(t, o[2]); !strings.Contains(tu, "<61> <0061>") || !strings.Contains(tu, "<80> <D83DDD10>") {
		t.Errorf("ToUnicode:\n%s", tu)
	}
	recode, ok := u.OneByte()
	if !ok || string(recode([]byte{0, 'a', 0xE0, 0, 0, 'a'})) != "a\x80a" {
		t.Errorf("OneByte: %v", ok)
	}
	if a, b := u.Objects(10), u.Objects(10); !bytes.Equal(a[6], b[6]) || !bytes.Equal(a[0], b[0]) {
		t.Error("objects differ between calls")
	}
}

// A face that draws more than 255 characters keeps two-byte CIDs (Identity-H), its own
// characters' numbers.
func TestUsageTwoByte(t *testing.T) {
	f, err := Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	u := NewUsage(f)
	var b strings.Builder
	for _, r := range f.Runes() {
		if r > 0x20 && b.Len() < 4000 {
			b.WriteRune(r)
		}
	}
	u.Encode(b.String())
	if len(u.gid) <= 255 {
		t.Fatalf("only %d characters", len(u.gid))
	}
	if _, ok := u.OneByte(); ok {
		t.Error("one-byte codes for more than 255 characters")
	}
	o := u.Objects(10)
	if !strings.Contains(string(o[0]), "/Encoding /Identity-H ") || !strings.Contains(string(o[1]), "/CIDSystemInfo 13 0 R") ||
		string(o[3]) != "<</Registry (Adobe) /Ordering (Identity) /Supplement 0>>" {
		t.Errorf("objects: %s\n%s\n%s", o[0], o[1], o[3])
	}
	if tu := inflate(t, o[2]); !strings.Contains(tu, "<0000> <FFFF>") || !strings.Contains(tu, "<0041> <0041>") {
		t.Errorf("ToUnicode: %s", tu[:300])
	}
}

// inflate returns the data of a Flate stream object's body.
func inflate(t *testing.T, body []byte) string {
	t.Helper()
	_, data, ok := bytes.Cut(body, []byte(">>\nstream\n"))
	if !ok {
		t.Fatalf("not a stream: %.100s", body)
	}
	zr, err := zlib.NewReader(bytes.NewReader(bytes.TrimSuffix(data, []byte("\nendstream"))))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
