package pack

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/pdf"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/fonttest"
)

// unicodeDoc is a controlled document written as GitHub users write: emoji in headings
// and text, symbols, and characters no font of the pack has.
const unicodeDoc = `---
id: POL-UNI
title: "🔐 Secrets policy"
type: policy
version: "1.0"
status: approved
approver: CEO
approved: 2026-01-10
---
# 🔐 Secrets policy

## ⚠️ Warning signs

Status: ✅ done, ❌ not done, ⚠ check, ♔ chess, ➜ arrow, ⌘ key, 🚀 launch, 👍 thumbs.

Code: ` + "`🔐 vault`" + `

| State | Meaning |
|---|---|
| ✅ | implemented |

## 漢字 glossary

CJK text: 漢字 and ancient 𓀀 glyphs.
`

func unicodePack(t *testing.T) (string, *Result) {
	t.Helper()
	f := fixture.Minimal().With(fixture.Files{"content/policies/uni.md": unicodeDoc})
	g := resolveDir(t, fixture.Write(t, f))
	_, res := render(t, g, model.PackConfig{Name: "uni", Title: "Pack 🔐 ✅", Contents: []model.Ref{{ID: "POL-UNI"}}})
	return writePDF(t, res.PDF), res
}

// Every character survives into the PDF: emoji and symbols are drawn with the fallback
// fonts and extracted as themselves; characters no font has are boxes that still
// extract as themselves, and are reported once for the document.
func TestEveryCharacterSurvives(t *testing.T) {
	file, res := unicodePack(t)
	all := normalise(text(t, file))
	for _, want := range []string{"🔐 Secrets policy", "⚠ Warning signs", "Status: ✅ done, ❌ not done, ⚠ check, ♔ chess, ➜ arrow, ⌘ key, 🚀 launch, 👍 thumbs.",
		"🔐 vault", "✅ implemented", "漢字 glossary", "CJK text: 漢字 and ancient 𓀀 glyphs."} {
		if !strings.Contains(all, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	if strings.Contains(all, "?") {
		t.Errorf("a character became a question mark:\n%s", all)
	}
	var mine []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "uni.md") {
			mine = append(mine, w.Error())
		}
	}
	if len(mine) != 1 || !strings.Contains(mine[0], "content/policies/uni.md:1:1: ") ||
		!strings.Contains(mine[0], "字 (U+5B57), 漢 (U+6F22), 𓀀 (U+13000); drawn as a box") {
		t.Errorf("warnings: %q", mine)
	}
}

// Every font is embedded as a subset (ABCDEF+Name), the fallbacks included: a few
// glyphs of Noto Emoji (886 KB) and Noto Sans Symbols 2 (657 KB) weigh a few KB.
func TestFontsAreEmbeddedSubsets(t *testing.T) {
	file, res := unicodePack(t)
	f, err := pdf.Read(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	fontFiles := 0
	for _, n := range f.Numbers() {
		m := regexp.MustCompile(`^<</Length (\d+) /Length1 (\d+) `).FindSubmatch(f.Object(n))
		if m == nil {
			continue
		}
		fontFiles++
		if packed, _ := strconv.Atoi(string(m[1])); packed > 24_000 {
			t.Errorf("font file %d is %d bytes compressed: not a subset", n, packed)
		}
	}
	if fontFiles < 4 {
		t.Errorf("%d font files", fontFiles)
	}
	out := runTool(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	row := regexp.MustCompile(`^[A-Z]{6}\+(\S+)\s+CID TrueType\s+(?:Identity-H|Custom)\s+yes yes yes\s`)
	names := map[string]bool{}
	for _, l := range lines {
		m := row.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("font not an embedded subset with a ToUnicode map: %s", l)
			continue
		}
		names[m[1]] = true
	}
	for _, n := range []string{"GoRegular", "NotoSansSymbols2-Regular", "NotoEmoji-Regular"} {
		if !names[n] {
			t.Errorf("pdffonts lacks %s:\n%s", n, out)
		}
	}
	if check := runTool(t, "qpdf", "--check", file); !strings.Contains(check, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", check)
	}
}

// Bookmarks and the document information are UTF-16 with surrogate pairs for characters
// beyond the Basic Multilingual Plane, so emoji read correctly.
func TestBookmarksAndInfoAreUTF16(t *testing.T) {
	file, res := unicodePack(t)
	var titles []string
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			titles = append(titles, o.Title)
			walk(o.Kids)
		}
	}
	walk(readQPDF(t, file).Outlines)
	joined := strings.Join(titles, "|")
	for _, want := range []string{"🔐 Secrets policy", "⚠️ Warning signs", "漢字 glossary"} {
		if !strings.Contains(joined, want) {
			t.Errorf("bookmarks lack %q: %q", want, titles)
		}
	}
	if info := runTool(t, "pdfinfo", file); !strings.Contains(info, "Pack 🔐 ✅") {
		t.Errorf("pdfinfo title:\n%s", info)
	}
	// The raw strings: FEFF, then D83D DD10 for 🔐, in the Info and in the outline (the
	// objects, read out of their object streams).
	f, err := pdf.Read(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	var objs []byte
	for _, n := range f.Numbers() {
		objs = append(append(objs, f.Object(n)...), '\n')
	}
	if !bytes.Contains(objs, []byte("/Title <FEFF005000610063006B0020D83DDD10")) {
		t.Error("the Info's Title is not UTF-16 with a surrogate pair")
	}
	if !bytes.Contains(objs, []byte("/Title (\xfe\xff\xd8\x3d\xdd\x10\x00 \x00S\x00e\x00c")) {
		t.Error("the outline's title is not UTF-16 with a surrogate pair")
	}
	if got := layout.UTF16Bytes("🔐"); got != "\xed\xa0\xbd\xed\xb4\x90" {
		t.Errorf("layout.UTF16Bytes(🔐) = %q", got)
	}
}

// The same sources give the same bytes, fonts and all.
func TestUnicodePackIsReproducible(t *testing.T) {
	_, a := unicodePack(t)
	_, b := unicodePack(t)
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Error("two renders differ")
	}
}

// The organisation's fonts (pdf: fonts:) are tried before the fallbacks: a house font
// with CJK characters draws them, and they are no longer reported.
func TestOrganisationFonts(t *testing.T) {
	f := fixture.Minimal().With(fixture.Files{
		"content/policies/uni.md": unicodeDoc,
		"data/site.yaml":          "organisation: Example Ltd\ntitle: Example ISMS\npdf:\n  fonts: [fonts/house.ttf]\n",
		"fonts/house.ttf":         string(fonttest.HouseFont(map[rune]rune{'漢': 'H', '字': 'Z'})),
	})
	g := resolveDir(t, fixture.Write(t, f))
	_, res := render(t, g, model.PackConfig{Name: "uni", Title: "Pack", Contents: []model.Ref{{ID: "POL-UNI"}}})
	file := writePDF(t, res.PDF)
	if fonts := runTool(t, "pdffonts", file); !regexp.MustCompile(`(?m)^[A-Z]{6}\+Font\s.*yes yes yes`).MatchString(fonts) {
		t.Errorf("the house font is not embedded:\n%s", fonts)
	}
	if all := normalise(text(t, file)); !strings.Contains(all, "CJK text: 漢字 and ancient 𓀀 glyphs.") {
		t.Errorf("text: %s", all)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), "has 𓀀 (U+13000); drawn") {
		t.Errorf("warnings: %v", res.Warnings)
	}
}

// A face that draws more than 255 characters keeps two-byte codes (Identity-H) while
// the faces that draw fewer get one-byte codes, and the text of both extracts whole.
func TestManyCharactersKeepTwoByteCodes(t *testing.T) {
	var words []string // Latin Extended-A and Cyrillic, eight letters a word
	for _, r := range [][2]rune{{0x100, 0x17f}, {0x400, 0x45f}} {
		for c := r[0]; c < r[1]; c += 8 {
			var w strings.Builder
			for k := c; k < min(c+8, r[1]); k++ {
				w.WriteRune(k)
			}
			words = append(words, w.String())
		}
	}
	doc := "---\nid: POL-MANY\ntitle: Many letters\ntype: policy\nversion: \"1.0\"\nstatus: approved\napprover: CEO\napproved: 2026-01-10\n---\n" +
		"# Many letters\n\n" + strings.Join(words, " ") + "\n\n**Bold face**\n"
	f := fixture.Minimal().With(fixture.Files{"content/policies/many.md": doc})
	g := resolveDir(t, fixture.Write(t, f))
	_, res := render(t, g, model.PackConfig{Name: "many", Title: "Many", Contents: []model.Ref{{ID: "POL-MANY"}}})
	file := writePDF(t, res.PDF)
	all := normalise(text(t, file))
	for _, want := range append(words, "Bold face") {
		if !strings.Contains(all, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	fonts := runTool(t, "pdffonts", file)
	if !regexp.MustCompile(`(?m)^[A-Z]{6}\+GoRegular\s+CID TrueType\s+Identity-H\s+yes yes yes`).MatchString(fonts) ||
		!regexp.MustCompile(`(?m)^[A-Z]{6}\+Go-Bold\s+CID TrueType\s+Custom\s+yes yes yes`).MatchString(fonts) {
		t.Errorf("pdffonts:\n%s", fonts)
	}
	if check := runTool(t, "qpdf", "--check", file); !strings.Contains(check, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", check)
	}
}
