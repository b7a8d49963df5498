package pack

import (
	"strings"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/pack/layout"
)

// span is a piece of inline content in one style: what the Markdown walker and the
// table builders produce and the line breaker consumes.
type span struct {
	text string
	st   layout.Style
	link int    // internal link (fpdf link ID), 0 for none
	url  string // external link
	br   bool   // a hard line break; text is ignored
}

// run is a piece of a laid-out line in one style and link.
type run struct {
	text string
	st   layout.Style
	x, w float64 // offset from the line start and width
	link int
	url  string
}

// line is one laid-out line.
type line struct {
	runs []run
	w, h float64
}

// marker is a list marker drawn beside the first line of a list item.
type marker struct {
	text string
	st   layout.Style
	x    float64
}

// breaker fills lines greedily, breaking at spaces; a word longer than a line is
// broken between characters so nothing ever runs past the margin.
type breaker struct {
	r       *renderer
	width   float64
	lines   []line
	cur     line
	curSize float64
	word    []run
	wordW   float64
	space   *run // the space before the pending word
	size    float64
}

// layout breaks spans into lines of at most width millimetres.
func (r *renderer) layout(spans []span, width float64) []line {
	b := &breaker{r: r, width: width}
	for _, s := range spans {
		if s.br {
			b.placeWord()
			b.size = max(b.size, s.st.Size)
			b.newline()
			continue
		}
		b.size = max(b.size, s.st.Size)
		text := r.Clean(s.text, s.st.Mono)
		for {
			i := strings.IndexByte(text, ' ')
			seg := text
			if i >= 0 {
				seg = text[:i]
			}
			if seg != "" {
				w := r.Measure(seg, s.st)
				b.word = append(b.word, run{text: seg, st: s.st, w: w, link: s.link, url: s.url})
				b.wordW += w
			}
			if i < 0 {
				break
			}
			b.placeWord()
			b.space = &run{text: " ", st: s.st, w: r.Measure(" ", s.st), link: s.link, url: s.url}
			text = text[i+1:]
		}
	}
	b.placeWord()
	if len(b.cur.runs) > 0 || len(b.lines) == 0 {
		b.newline()
	}
	return b.lines
}

func (b *breaker) newline() {
	size := b.curSize
	if size == 0 {
		size = b.size
	}
	if size == 0 {
		size = layout.SizeBody
	}
	b.cur.h = layout.LineHeight(size)
	b.lines = append(b.lines, b.cur)
	b.cur, b.curSize = line{}, 0
	b.space = nil
}

func (b *breaker) add(ru run) {
	ru.x = b.cur.w
	if n := len(b.cur.runs); n > 0 {
		last := &b.cur.runs[n-1]
		if last.st == ru.st && last.link == ru.link && last.url == ru.url {
			last.text += ru.text
			last.w += ru.w
			b.cur.w += ru.w
			return
		}
	}
	b.cur.runs = append(b.cur.runs, ru)
	b.cur.w += ru.w
	b.curSize = max(b.curSize, ru.st.Size)
}

func (b *breaker) placeWord() {
	if len(b.word) == 0 {
		return
	}
	sw := 0.0
	if b.space != nil && len(b.cur.runs) > 0 {
		sw = b.space.w
	}
	switch {
	case b.cur.w+sw+b.wordW <= b.width+layout.Eps:
		if sw > 0 {
			b.add(*b.space)
		}
		b.addWord()
	case b.wordW <= b.width+layout.Eps:
		b.newline()
		b.addWord()
	default:
		if len(b.cur.runs) > 0 {
			b.newline()
		}
		b.splitWord()
	}
	b.word, b.wordW, b.space = b.word[:0], 0, nil
}

func (b *breaker) addWord() {
	for _, ru := range b.word {
		b.add(ru)
	}
}

// splitWord places a word wider than a line, filling each line and breaking, where it
// can, after a path or URL separator rather than in the middle of a name.
func (b *breaker) splitWord() {
	for _, ru := range b.word {
		text := ru.text
		for text != "" {
			n, w := 0, 0.0
			cut, cutW := 0, 0.0 // the last separator that fits
			for n < len(text) {
				c, size := utf8.DecodeRuneInString(text[n:])
				cw := b.r.Measure(string(c), ru.st)
				if b.cur.w+w+cw > b.width+layout.Eps && (n > 0 || len(b.cur.runs) > 0) {
					break
				}
				n += size
				w += cw
				if strings.ContainsRune("/-_.?&=#:", c) {
					cut, cutW = n, w
				}
			}
			if n == 0 {
				b.newline()
				continue
			}
			if n < len(text) && cut > n/2 {
				n, w = cut, cutW
			}
			part := ru
			part.text, part.w = text[:n], w
			b.add(part)
			text = text[n:]
			if text != "" {
				b.newline()
			}
		}
	}
}

// emit draws lines in the flow at the current indent, breaking pages between lines.
// align is L, C or R.
func (r *renderer) emit(lines []line, align string) {
	for _, ln := range lines {
		r.Ensure(ln.h)
		r.decorate(ln.h)
		x := r.Left()
		switch align {
		case "C":
			x += (r.Width() - ln.w) / 2
		case "R":
			x += r.Width() - ln.w
		}
		r.drawLine(ln, x, r.Y)
		r.Y += ln.h
	}
}

// para lays out and draws a paragraph of spans.
func (r *renderer) para(spans []span, align string) {
	r.emit(r.layout(spans, r.Width()), align)
}

// drawLine draws a laid-out line with its top left corner at (x, y).
func (r *renderer) drawLine(ln line, x, y float64) {
	for _, ru := range ln.runs {
		r.DrawText(x+ru.x, y-ru.st.Rise, ln.h, ru.text, ru.st, ru.link, ru.url)
		if ru.st.Strike {
			r.HLine(x+ru.x, x+ru.x+ru.w, y+ln.h/2, ru.st.Color, 0.25)
		}
	}
}

// decorate draws, beside a line about to be drawn at r.y, the pending list marker and
// the bars of enclosing block quotes.
func (r *renderer) decorate(h float64) {
	for _, m := range r.markers {
		r.Text(m.x, r.Y+(h-layout.LineHeight(m.st.Size))/2, 12, m.text, m.st, "L", 0, "")
	}
	r.markers = r.markers[:0]
	for _, x := range r.bars {
		r.VLine(x, r.Y, r.Y+h, layout.ColQuote, 0.8)
	}
}

// linesHeight sums the heights of lines.
func linesHeight(lines []line) float64 {
	h := 0.0
	for _, l := range lines {
		h += l.h
	}
	return h
}

// plain returns spans of one style.
func plain(text string, st layout.Style) []span { return []span{{text: text, st: st}} }
