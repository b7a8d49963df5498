package pack

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func TestGlyphCoverage(t *testing.T) {
	f, err := loadFonts(fpdf.New("P", "mm", "A4", ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "Aaß€ąęłżźćńóśΩαЖж–—“”•×→↓" {
		if !f.has(r, false) {
			t.Errorf("sans lacks %q", r)
		}
	}
	for _, r := range "漢字テ🚀" {
		if f.has(r, false) || f.has(r, true) {
			t.Errorf("fonts claim %q", r)
		}
	}
	for in, want := range map[string]string{
		"plain ASCII":        "plain ASCII",
		"tab\there":          "tab here",
		"soft\u00adhyphen":   "softhyphen",
		"CJK 漢字 emoji 🚀":     "CJK ?? emoji ?",
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
}
