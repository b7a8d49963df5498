package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// codeStyle is the chroma style of code blocks: a light one, for paper.
const codeStyle = "github"

// Code block padding in millimetres.
const (
	codePadX = 2.0
	codePadY = 1.5
)

// tok is a highlighted piece of one source line.
type tok struct {
	text string
	st   Style
}

// Code draws a fenced code block: highlighted by chroma with the token colours of a
// light style, wrapped at the block's width and broken across pages between lines.
func (r *Doc) Code(lang, src string) {
	base := Style{Mono: true, Size: SizeCode, Color: ColCodeText}
	lines := r.highlight(lang, src, base)
	h := LineHeight(SizeCode)
	charW := r.Measure("M", base)
	maxChars := max(int((r.Width()-2*codePadX)/charW), 8)
	r.Gap(0.8)
	r.Ensure(2*codePadY + min(float64(len(lines)), 3)*h)
	x, w := r.Left(), r.Width()
	r.Decorate(codePadY)
	r.FillRect(x, r.Y, w, codePadY, ColCodeBg)
	r.Y += codePadY
	for _, l := range lines {
		for _, vis := range wrapTokens(l, maxChars) {
			if r.Y+h > r.Bottom() {
				r.NewPage()
			}
			r.Decorate(h)
			r.FillRect(x, r.Y, w, h, ColCodeBg)
			cx := x + codePadX
			for _, t := range vis {
				r.DrawText(cx, r.Y, h, t.text, t.st, 0, "")
				cx += float64(utf8.RuneCountInString(t.text)) * charW
			}
			r.Y += h
		}
	}
	r.Ensure(codePadY)
	r.Decorate(codePadY)
	r.FillRect(x, r.Y, w, codePadY, ColCodeBg)
	r.Y += codePadY + GapPara
}

// highlight splits source into lines of styled tokens, already cleaned for the mono
// font. An unknown language is shown plain.
func (r *Doc) highlight(lang, src string, base Style) [][]tok {
	lexer, sty := r.lexers.get(lang)
	var lines [][]tok
	var cur []tok
	add := func(text string, st Style) {
		if text == "" {
			return
		}
		text = r.Clean(text, true)
		if n := len(cur); n > 0 && cur[n-1].st == st {
			cur[n-1].text += text
			return
		}
		cur = append(cur, tok{text: text, st: st})
	}
	it, err := lexer.Tokenise(nil, src)
	if err != nil {
		it = chroma.Literator(chroma.Token{Type: chroma.Text, Value: src})
	}
	for t := it(); t != chroma.EOF; t = it() {
		st := base
		e := sty.Get(t.Type)
		if e.Colour.IsSet() {
			st.Color = RGB{R: int(e.Colour.Red()), G: int(e.Colour.Green()), B: int(e.Colour.Blue())}
		}
		st.Bold = e.Bold == chroma.Yes
		parts := strings.Split(t.Value, "\n")
		for i, p := range parts {
			if i > 0 {
				lines = append(lines, cur)
				cur = nil
			}
			add(p, st)
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	// A trailing newline the lexer added is not a line of the source.
	for len(lines) > 0 && len(lines[len(lines)-1]) == 0 && len(lines) > strings.Count(src, "\n")+1 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		lines = [][]tok{nil}
	}
	return lines
}

// wrapTokens breaks a source line into visual lines of at most n characters.
func wrapTokens(l []tok, n int) [][]tok {
	var out [][]tok
	var cur []tok
	used := 0
	for _, t := range l {
		text := t.text
		for text != "" {
			room := n - used
			if room == 0 {
				out = append(out, cur)
				cur, used = nil, 0
				room = n
			}
			cut, count := 0, 0
			for cut < len(text) && count < room {
				_, size := utf8.DecodeRuneInString(text[cut:])
				cut += size
				count++
			}
			cur = append(cur, tok{text: text[:cut], st: t.st})
			used += count
			text = text[cut:]
		}
	}
	return append(out, cur)
}
