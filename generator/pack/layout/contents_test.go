package layout

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// TestContentsPageNumbers lays out contents longer than a page and checks, in the
// text pdftotext reads back, that every entry's page number is the page where it was
// reached, flush right in one column, and that an entry never reached leads to its
// parent's page.
func TestContentsPageNumbers(t *testing.T) {
	bin := tooltest.Need(t, "pdftotext")
	d := newDoc(t)
	c := &Contents{Title: "Contents"}
	var docs []*Entry
	subs := map[*Entry][]*Entry{}
	for range 30 {
		e := c.Add(d, 0, "Document")
		docs = append(docs, e)
		for range 2 {
			subs[e] = append(subs[e], c.Add(d, 1, "Section"))
		}
	}
	d.Indent = 0
	first := d.PDF.PageCount() + 1
	c.Reserve(d)
	if len(c.pages) < 2 {
		t.Fatalf("90 entries reserved %d page(s), want at least 2", len(c.pages))
	}
	for i, e := range docs {
		d.NewPage()
		d.Reach(e, 0)
		for j, s := range subs[e] {
			if i == 4 && j == 1 {
				continue // never reached
			}
			d.Reach(s, 1)
		}
	}
	c.Fill(d)
	if got := subs[docs[4]][1].Page; got != docs[4].Page {
		t.Errorf("an unreached entry leads to page %d, want its document's %d", got, docs[4].Page)
	}
	var want []int
	for _, e := range docs {
		want = append(want, e.Page)
		for _, s := range subs[e] {
			want = append(want, s.Page)
		}
	}
	f, _, err := d.Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "c.pdf")
	if err := os.WriteFile(in, f.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-bbox", "-f", strconv.Itoa(first), "-l", strconv.Itoa(first+len(c.pages)-1), in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(\d+)</word>`)
	var got []int
	right := -1.0
	for _, m := range word.FindAllSubmatch(out, -1) {
		n, _ := strconv.Atoi(string(m[3]))
		got = append(got, n)
		x, _ := strconv.ParseFloat(string(m[2]), 64)
		if right < 0 {
			right = x
		}
		if x < right-0.5 || x > right+0.5 {
			t.Errorf("page number %d ends at x %.2f, not in the column ending at %.2f", n, x, right)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d page numbers read back, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d shows page %d, reached on %d", i, got[i], want[i])
		}
	}
}
