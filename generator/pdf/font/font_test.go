package font

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"slices"
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
	// The outline is kept, without the hinting instructions (nor fpgm, prep, cvt).
	orig, kept := f.glyphData(g), sf.glyphData(g)
	n := 10 + 2*int(binary.BigEndian.Uint16(orig))
	il := int(binary.BigEndian.Uint16(orig[n:]))
	if il == 0 || !bytes.Equal(kept[:n], orig[:n]) || binary.BigEndian.Uint16(kept[n:]) != 0 ||
		!bytes.Equal(bytes.TrimRight(kept[n+2:], "\x00"), bytes.TrimRight(orig[n+2+il:], "\x00")) {
		t.Error("glyph A changed")
	}
	for _, tb := range []string{"fpgm", "prep", "cvt "} {
		if sf.tables[tb] != nil {
			t.Errorf("the subset keeps %q", tb)
		}
	}
	if sf.Advance(g) != f.Advance(g) {
		t.Errorf("advance of A %v, was %v", sf.Advance(g), f.Advance(g))
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

// A composite glyph loses its instructions and keeps its components.
func TestUnhintedComposite(t *testing.T) {
	g := []byte{0xff, 0xff, 0, 1, 0, 2, 0, 3, 0, 4, // -1 contours, bounding box
		0x00, 0x21, 0, 5, 0, 10, 0, 20, // words, more components: glyph 5 at (10, 20)
		0x01, 0x08, 0, 6, 3, 4, 0x40, 0x00, // instructions, a scale: glyph 6 at (3, 4)
		0, 3, 1, 2, 3, // three bytes of instructions
	}
	want := append(append([]byte(nil), g[:18]...), 0x00, 0x08, 0, 6, 3, 4, 0x40, 0x00)
	if got := unhinted(g); !bytes.Equal(got, want) {
		t.Errorf("got %x\nwant %x", got, want)
	}
	if !slices.Equal(components(want), []uint16{5, 6}) {
		t.Errorf("components %v", components(want))
	}
	if short := g[:20]; !bytes.Equal(unhinted(short), short) {
		t.Error("a truncated glyph was changed")
	}
}
