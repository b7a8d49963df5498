package pdf

import (
	"bytes"
	"fmt"
)

// compactContent rewrites one content stream as fpdf writes it, drawing the same:
//   - consecutive text runs (and the font changes between them) become one text object,
//     positioned by relative Td, text as binary literal strings instead of hex, the fill
//     colour (the text's colour) and the font set only when they change;
//   - where the fill colour fpdf expects is known, the text object needs no graphics
//     state of its own: the colour it leaves is put back only before something else
//     that may paint with the fill colour (lazily: most often the next thing is text
//     again, or a fill of another colour). Where it is not known, the text object is
//     wrapped in q … Q, and the font its last change set is set again after it, as the
//     original left it set;
//   - a font change that nothing uses before the next one, or that sets the font in
//     force, is dropped; one just before a text object moves into it;
//   - a stroke colour, fill colour or line width equal to the one in force is dropped.
//
// The state is followed through q and Q. Lines it does not recognise are kept as they
// are: before one, the fill colour fpdf expects is put back, and one that changes the
// graphics state otherwise (q or Q inside it, gs) ends what it tracks.
func compactContent(data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	var out [][]byte
	var st gstate
	var stack []gstate
	deadFont := -1 // index in out of a font change nothing has used yet
	sync := func() {
		if st.fill != nil && !bytes.Equal(st.actual, st.fill) {
			out = append(out, st.fill)
			st.actual = st.fill
		}
	}
	for i := 0; i < len(lines); {
		l := bytes.TrimRight(lines[i], "\r ")
		if maybeTextRun(l) {
			wrap := st.fill == nil
			before := st
			// A font change just before, that nothing used, moves into the text object.
			var carried []byte
			if !wrap && deadFont >= 0 && deadFont == len(out)-1 {
				carried = fontOnlyRE.FindSubmatch(out[deadFont])[1]
			}
			group, last, next := textGroup(lines, i, &st, wrap, carried)
			if group != nil {
				if carried != nil {
					out = out[:deadFont]
				}
				out = append(out, group)
				deadFont = -1
				if wrap {
					st = before
					if last != nil {
						deadFont = len(out)
						out = append(out, fmt.Appendf(nil, "BT %s Tf ET", last))
						st.font = last
					}
				}
				i = next
				continue
			}
		}
		i++
		switch {
		case maybeFontOnly(l) && fontOnlyRE.Match(l):
			font := fontOnlyRE.FindSubmatch(l)[1]
			if bytes.Equal(font, st.font) {
				continue
			}
			if deadFont >= 0 {
				out[deadFont] = nil
			}
			deadFont = len(out)
			st.font = font
		case (bytes.HasSuffix(l, []byte(" G")) || bytes.HasSuffix(l, []byte(" RG"))) && strokeRE.Match(l):
			if bytes.Equal(l, st.stroke) {
				continue
			}
			st.stroke = l
		case (bytes.HasSuffix(l, []byte(" g")) || bytes.HasSuffix(l, []byte(" rg"))) && fillRE.Match(l):
			st.fill = l
			if bytes.Equal(l, st.actual) {
				continue
			}
			st.actual = l
		case bytes.HasSuffix(l, []byte(" w")) && widthRE.Match(l):
			if bytes.Equal(l, st.width) {
				continue
			}
			st.width = l
		case len(l) == 0:
		case string(l) == "q":
			stack = append(stack, st) // what is inside puts the fill back if it needs it
		case string(l) == "Q":
			st = gstate{}
			if n := len(stack); n > 0 {
				st, stack = stack[n-1], stack[:n-1]
			}
		case strokeOnly(l):
		default:
			if hasOperator(l, fontUsers) {
				deadFont = -1
			}
			sync()
			if hasOperator(l, stateResets) || bytes.Contains(l, []byte(" gs")) {
				st = gstate{}
			}
		}
		out = append(out, l)
	}
	n := 0
	for _, l := range out {
		n += len(l) + 1
	}
	var b bytes.Buffer
	b.Grow(n)
	for _, l := range out {
		if l == nil {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.Write(l)
	}
	return b.Bytes()
}

// gstate is what compactContent knows of the graphics state at a point of its output;
// nil is unknown.
type gstate struct {
	stroke, width []byte // the stroke colour and line width lines in force
	fill          []byte // the fill colour line fpdf last wrote: the one it expects in force
	actual        []byte // the fill colour in force: a text object may have left its own
	font          []byte // the font in force, as "/F1 10.00"
}

// strokeOnly reports whether a line is only path construction, stroking and changes of
// the transformation (as the grids of tables are drawn): nothing it does paints with
// the fill colour or uses the font.
func strokeOnly(l []byte) bool {
	if !bytes.HasSuffix(l, []byte(" S")) {
		return false
	}
	for _, tok := range bytes.Fields(l) {
		switch string(tok) {
		case "m", "l", "c", "v", "y", "h", "re", "S", "cm":
			continue
		}
		if _, ok := hundredths(tok); !ok {
			if _, ok := hundredths(bytes.TrimSuffix(tok, []byte("0"))); !ok {
				return false
			}
		}
	}
	return true
}

// textGroup joins the text runs and font changes from lines[i] on into one text object,
// wrapped in q … Q when wrap is set; carried is a font change to make in it first. It returns the object, the font the group's last
// font change set (nil when none), and the index of the first line after the group;
// nil when the runs cannot be joined. Unwrapped, it leaves in st the fill colour and
// the font in force after it.
func textGroup(lines [][]byte, i int, st *gstate, wrap bool, carried []byte) (group, lastFont []byte, next int) {
	var b bytes.Buffer
	colour, font := st.actual, st.font
	if wrap {
		b.WriteString("q BT")
		colour, font = nil, nil
	} else {
		b.WriteString("BT")
	}
	pending := carried
	if carried != nil {
		font = nil
	}
	var x, y int64
	runs := 0
	for ; i < len(lines); i++ {
		l := bytes.TrimRight(lines[i], "\r ")
		if maybeFontOnly(l) {
			if m := fontOnlyRE.FindSubmatch(l); m != nil {
				pending, lastFont = m[1], m[1]
				continue
			}
		}
		if !maybeTextRun(l) {
			break
		}
		col, xs, ys, str, ok := textRun(l)
		if !ok {
			break
		}
		nx, okx := hundredths(xs)
		ny, oky := hundredths(ys)
		if !okx || !oky {
			break
		}
		if !bytes.Equal(col, colour) {
			colour = col
			fmt.Fprintf(&b, "\n%s", colour)
		}
		if pending != nil && !bytes.Equal(pending, font) {
			fmt.Fprintf(&b, "\n%s Tf", pending)
			font = pending
		}
		pending = nil
		fmt.Fprintf(&b, "\n%s %s Td ", decimal(nx-x), decimal(ny-y))
		x, y = nx, ny
		b.Write(literal(str))
		b.WriteString("Tj")
		runs++
	}
	if runs == 0 {
		return nil, nil, 0
	}
	if wrap {
		b.WriteString("\nET Q")
	} else {
		if pending != nil && !bytes.Equal(pending, font) {
			font = pending // a font change after the last run: the original leaves it set
			fmt.Fprintf(&b, "\n%s Tf", pending)
		}
		b.WriteString("\nET")
		st.actual, st.font = colour, font
	}
	return b.Bytes(), lastFont, i
}
