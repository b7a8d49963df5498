package layout

import (
	"strings"
	"unicode/utf8"
)

// Span is a piece of inline content in one style: what the Markdown walker and the
// table builders produce and the line breaker consumes.
type Span struct {
	Text  string
	Style Style
	Link  int    // internal link (fpdf link ID), 0 for none
	URL   string // external link
	Break bool   // a hard line break; text is ignored
}

// Run is a piece of a laid-out line in one style and link.
type Run struct {
	Text  string
	Style Style
	X, W  float64 // offset from the line start and width
	Link  int
	URL   string
}

// Line is one laid-out line.
type Line struct {
	Runs []Run
	W, H float64
}

// Marker is a list marker drawn beside the first line of a list item.
type Marker struct {
	Text  string
	Style Style
	X     float64
}

// breaker fills lines greedily, breaking at spaces; a word longer than a line is
// broken between characters so nothing ever runs past the margin.
type breaker struct {
	r       *Doc
	width   float64
	lines   []Line
	cur     Line
	curSize float64
	word    []Run
	wordW   float64
	space   *Run // the space before the pending word
	size    float64
}

// Lines breaks spans into lines of at most width millimetres.
func (r *Doc) Lines(spans []Span, width float64) []Line {
	b := &breaker{r: r, width: width}
	for _, s := range spans {
		if s.Break {
			b.placeWord()
			b.size = max(b.size, s.Style.Size)
			b.newline()
			continue
		}
		b.size = max(b.size, s.Style.Size)
		text := r.Clean(s.Text, s.Style.Mono)
		for {
			i := strings.IndexByte(text, ' ')
			seg := text
			if i >= 0 {
				seg = text[:i]
			}
			if seg != "" {
				w := r.Measure(seg, s.Style)
				b.word = append(b.word, Run{Text: seg, Style: s.Style, W: w, Link: s.Link, URL: s.URL})
				b.wordW += w
			}
			if i < 0 {
				break
			}
			b.placeWord()
			b.space = &Run{Text: " ", Style: s.Style, W: r.Measure(" ", s.Style), Link: s.Link, URL: s.URL}
			text = text[i+1:]
		}
	}
	b.placeWord()
	if len(b.cur.Runs) > 0 || len(b.lines) == 0 {
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
		size = SizeBody
	}
	b.cur.H = LineHeight(size)
	b.lines = append(b.lines, b.cur)
	b.cur, b.curSize = Line{}, 0
	b.space = nil
}

func (b *breaker) add(ru Run) {
	ru.X = b.cur.W
	if n := len(b.cur.Runs); n > 0 {
		last := &b.cur.Runs[n-1]
		if last.Style == ru.Style && last.Link == ru.Link && last.URL == ru.URL {
			last.Text += ru.Text
			last.W += ru.W
			b.cur.W += ru.W
			return
		}
	}
	b.cur.Runs = append(b.cur.Runs, ru)
	b.cur.W += ru.W
	b.curSize = max(b.curSize, ru.Style.Size)
}

func (b *breaker) placeWord() {
	if len(b.word) == 0 {
		return
	}
	sw := 0.0
	if b.space != nil && len(b.cur.Runs) > 0 {
		sw = b.space.W
	}
	switch {
	case b.cur.W+sw+b.wordW <= b.width+Eps:
		if sw > 0 {
			b.add(*b.space)
		}
		b.addWord()
	case b.wordW <= b.width+Eps:
		b.newline()
		b.addWord()
	default:
		if len(b.cur.Runs) > 0 {
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
		text := ru.Text
		for text != "" {
			n, w := 0, 0.0
			cut, cutW := 0, 0.0 // the last separator that fits
			for n < len(text) {
				c, size := utf8.DecodeRuneInString(text[n:])
				cw := b.r.Measure(string(c), ru.Style)
				if b.cur.W+w+cw > b.width+Eps && (n > 0 || len(b.cur.Runs) > 0) {
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
			part.Text, part.W = text[:n], w
			b.add(part)
			text = text[n:]
			if text != "" {
				b.newline()
			}
		}
	}
}

// Emit draws lines in the flow at the current indent, breaking pages between lines.
// align is L, C or R.
func (r *Doc) Emit(lines []Line, align string) {
	for _, ln := range lines {
		r.Ensure(ln.H)
		r.Decorate(ln.H)
		x := r.Left()
		switch align {
		case "C":
			x += (r.Width() - ln.W) / 2
		case "R":
			x += r.Width() - ln.W
		}
		r.DrawLine(ln, x, r.Y)
		r.Y += ln.H
	}
}

// Para lays out and draws a paragraph of spans.
func (r *Doc) Para(spans []Span, align string) {
	r.Emit(r.Lines(spans, r.Width()), align)
}

// DrawLine draws a laid-out line with its top left corner at (x, y).
func (r *Doc) DrawLine(ln Line, x, y float64) {
	for _, ru := range ln.Runs {
		r.DrawText(x+ru.X, y-ru.Style.Rise, ln.H, ru.Text, ru.Style, ru.Link, ru.URL)
		if ru.Style.Strike {
			r.HLine(x+ru.X, x+ru.X+ru.W, y+ln.H/2, ru.Style.Color, 0.25)
		}
	}
}

// Decorate draws, beside a line about to be drawn at r.Y, the pending list marker and
// the bars of enclosing block quotes.
func (r *Doc) Decorate(h float64) {
	for _, m := range r.Markers {
		r.Text(m.X, r.Y+(h-LineHeight(m.Style.Size))/2, 12, m.Text, m.Style, "L", 0, "")
	}
	r.Markers = r.Markers[:0]
	for _, x := range r.Bars {
		r.VLine(x, r.Y, r.Y+h, ColQuote, 0.8)
	}
}

// LinesHeight sums the heights of lines.
func LinesHeight(lines []Line) float64 {
	h := 0.0
	for _, l := range lines {
		h += l.H
	}
	return h
}

// Plain returns spans of one style.
func Plain(text string, st Style) []Span { return []Span{{Text: text, Style: st}} }
