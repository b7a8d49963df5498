package layout

import (
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismsgen/ismsgen/generator/pdf"
)

func newDoc(t *testing.T) *Doc {
	t.Helper()
	d, err := New(Setup{Paper: fpdf.SizeType{Wd: 210, Ht: 297}, Info: pdf.Archive{Title: "t", Date: time.Unix(0, 0).UTC()}})
	if err != nil {
		t.Fatal(err)
	}
	d.NewPage()
	return d
}

// TestLinesFitWidth checks that the line breaker never lets a line run past its width,
// breaking a word longer than a line between characters, and loses no text.
func TestLinesFitWidth(t *testing.T) {
	d := newDoc(t)
	st := Style{Size: SizeBody}
	text := "short words then " + strings.Repeat("averyveryverylongwordwithoutspaces", 4) + " and more words to end"
	lines := d.Lines(Plain(text, st), 40)
	if len(lines) < 3 {
		t.Fatalf("%d lines for %d characters in 40 mm", len(lines), len(text))
	}
	var got strings.Builder
	for i, ln := range lines {
		if ln.W > 40+Eps {
			t.Errorf("line %d is %.2f mm wide, more than 40", i, ln.W)
		}
		for _, ru := range ln.Runs {
			got.WriteString(ru.Text)
		}
	}
	if strings.ReplaceAll(got.String(), " ", "") != strings.ReplaceAll(text, " ", "") {
		t.Errorf("lines hold %q, want the text %q", got.String(), text)
	}
}

// TestTableMarksEachRowOnce checks that a table longer than a page continues on new
// pages and calls each row's mark once, at the y where the row starts.
func TestTableMarksEachRowOnce(t *testing.T) {
	d := newDoc(t)
	st := Style{Size: SizeTable}
	tb := &Table{Header: []Cell{TextCell("ID", st), TextCell("Title", st)}, Size: SizeTable}
	calls := make([]int, 150)
	var pages []int
	for i := range calls {
		tb.Rows = append(tb.Rows, []Cell{TextCell("R", st), TextCell("row", st)})
		tb.Marks = append(tb.Marks, func(y float64) {
			calls[i]++
			pages = append(pages, d.PDF.PageNo())
			if y < MarginTop || y > d.Bottom() {
				t.Errorf("row %d marked at y %.1f, outside the text area", i, y)
			}
		})
	}
	d.DrawTable(tb)
	for i, n := range calls {
		if n != 1 {
			t.Errorf("row %d marked %d times", i, n)
		}
	}
	if d.PDF.PageNo() < 2 || pages[len(pages)-1] != d.PDF.PageNo() {
		t.Errorf("a 150-row table ends on page %d (last row on page %d), want past page 1", d.PDF.PageNo(), pages[len(pages)-1])
	}
}

// TestOutputEmbedsSubsets checks that Output returns the pages drawn and a file whose
// fonts are the faces' own subsets, not the Go Mono copies fpdf registered.
func TestOutputEmbedsSubsets(t *testing.T) {
	d := newDoc(t)
	d.Para(Plain("Hello ✅", Style{Size: SizeBody}), "L")
	f, pages, err := d.Output()
	if err != nil {
		t.Fatal(err)
	}
	if pages != 1 {
		t.Errorf("%d pages, want 1", pages)
	}
	if d.PDF != nil {
		t.Error("the Doc still holds fpdf after Output: its page buffers cannot be freed")
	}
	subsets := 0
	for _, n := range f.Numbers() {
		if o := string(f.Object(n)); strings.Contains(o, "/Type /Font") && strings.Contains(o, "/BaseFont /") {
			if strings.Contains(o, "utf8f") {
				t.Errorf("font object %d is still fpdf's: %.80s", n, o)
			}
			subsets++
		}
	}
	if subsets == 0 {
		t.Error("no font objects in the output")
	}
}
