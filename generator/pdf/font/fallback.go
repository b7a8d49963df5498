package font

import _ "embed"

// The fallback fonts, tried in this order for a character the text's own font lacks.
// Both are Google's Noto fonts under the SIL Open Font License 1.1 (fallback/OFL.txt):
// Noto Sans Symbols 2 (from Debian's fonts-noto-core) for symbols, arrows, chess, dingbats
// and technical signs such as ✅ ❌ ⚠; Noto Emoji, the monochrome emoji font (from the
// npm package @expo-google-fonts/noto-emoji, weight 400), for emoji such as 🔐. A
// monochrome font prints on any printer and is TrueType outlines, which a PDF embeds
// as it embeds text fonts; colour emoji fonts are bitmaps or layered glyphs PDF fonts
// cannot carry.
var (
	//go:embed fallback/NotoSansSymbols2-Regular.ttf
	symbolsTTF []byte
	//go:embed fallback/NotoEmoji-Regular.ttf
	emojiTTF []byte
)

// Fallbacks parses the fallback fonts, in the order they are tried.
func Fallbacks() ([]*Face, error) {
	var out []*Face
	for _, b := range [][]byte{symbolsTTF, emojiTTF} {
		f, err := Parse(b)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
