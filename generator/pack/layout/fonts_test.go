package layout

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func TestGlyphCoverage(t *testing.T) {
	f, err := LoadFonts(fpdf.New("P", "mm", "A4", ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	sans, bold := f.primary(Style{}), f.primary(Style{Bold: true})
	for _, r := range "Aaß€ąęłżźćńóśΩαЖж–—“”•×→↓" {
		if f.faceFor(r, sans) != sans || f.faceFor(r, bold) != bold {
			t.Errorf("the Go font does not draw %q", r)
		}
	}
	// Symbols and emoji come from the fallbacks, whatever the style.
	for _, r := range "✅❌⚠🔐🚀♔" {
		if fc := f.faceFor(r, sans); fc == sans || !fc.use.Face().Has(r) {
			t.Errorf("no fallback draws %q", r)
		}
	}
	if len(f.TakeMissing()) != 0 {
		t.Error("drawable characters reported missing")
	}
	f.faceFor('漢', sans)
	f.faceFor('\U000E0001', sans)
	if got := string(f.TakeMissing()); got != "漢\U000E0001" {
		t.Errorf("missing = %q", got)
	}
	for in, want := range map[string]string{
		"plain ASCII":        "plain ASCII",
		"tab\there":          "tab here",
		"soft\u00adhyphen":   "softhyphen",
		"CJK 漢字 emoji 🚀":     "CJK 漢字 emoji 🚀",
		"⚠️ warning":         "⚠ warning",
		"Zażółć gęślą jaźń":  "Zażółć gęślą jaźń",
		"no\u00a0break":      "no break",
		"bad \xff byte":      "bad   byte",
		"zero\u200bwidth":    "zerowidth",
		"Ελληνικά Кириллица": "Ελληνικά Кириллица",
	} {
		if got := f.clean(in, false); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := f.clean("a\tb", true); got != "a    b" {
		t.Errorf("mono tab: %q", got)
	}
	segs := f.segments("ok ✅ 🔐 done", Style{})
	if len(segs) != 5 || segs[0].text != "ok " || segs[1].text != "✅" || segs[3].text != "🔐" {
		t.Errorf("segments: %+v", segs)
	}
}

func TestUTF16Bytes(t *testing.T) {
	// fpdf's converter decodes 3-byte sequences arithmetically: a surrogate so encoded
	// becomes that UTF-16 code unit.
	if got := UTF16Bytes("a🔐"); got != "a\xed\xa0\xbd\xed\xb4\x90" {
		t.Errorf("UTF16Bytes = %q", got)
	}
}
