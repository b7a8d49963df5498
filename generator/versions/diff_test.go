package versions

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/site"
)

// render prints a diff as the theme does, with <ins> and <del>.
func render(segs []site.Segment) string {
	var parts []string
	for _, s := range segs {
		switch s.Op {
		case "ins":
			parts = append(parts, "<ins>"+s.Text+"</ins>")
		case "del":
			parts = append(parts, "<del>"+s.Text+"</del>")
		case "gap":
			parts = append(parts, "…")
		default:
			parts = append(parts, s.Text)
		}
	}
	return strings.Join(parts, " ")
}

func TestWordDiff(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"We protect information.", "We protect all company information.", "We protect <ins>all company</ins> information."},
		{"Laptops are encrypted.", "Laptops and phones are encrypted.", "Laptops <ins>and phones</ins> are encrypted."},
		{"one two three", "one three", "one <del>two</del> three"},
		{"the quick brown fox", "the slow red fox", "the <del>quick brown</del> <ins>slow red</ins> fox"},
		{"same words", "same\n\nwords", ""},
		{"", "new text", "<ins>new text</ins>"},
		{"old text", "", "<del>old text</del>"},
		// Long unchanged runs collapse to five words of context on each side.
		{"a b c d e f g h i j k l m n o p q r s t", "a b c d e f g h i j X k l m n o p q r s t",
			"… f g h i j <ins>X</ins> k l m n o …"},
		{"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25", "1 2 3 4 5 A 7 8 9 10 11 12 13 14 15 16 17 18 19 B 21 22 23 24 25",
			"1 2 3 4 5 <del>6</del> <ins>A</ins> 7 8 9 10 11 … 15 16 17 18 19 <del>20</del> <ins>B</ins> 21 22 23 24 25"},
	} {
		if got := render(WordDiff(tc.old, tc.new)); got != tc.want {
			t.Errorf("WordDiff(%q, %q)\n got %s\nwant %s", tc.old, tc.new, got, tc.want)
		}
	}
}

// lcs is the textbook dynamic programme, to check that myers finds a shortest script.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestDiffWordsIsShortestAndApplies(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"a", "b", "c", "d", "e"}
	gen := func() []string {
		w := make([]string, rng.IntN(30))
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return w
	}
	for range 2000 {
		a, b := gen(), gen()
		script := diffWords(a, b)
		var gotA, gotB []string
		edits := 0
		for _, e := range script {
			switch e.op {
			case '=':
				gotA, gotB = append(gotA, e.word), append(gotB, e.word)
			case '-':
				gotA = append(gotA, e.word)
				edits++
			case '+':
				gotB = append(gotB, e.word)
				edits++
			}
		}
		if strings.Join(gotA, " ") != strings.Join(a, " ") || strings.Join(gotB, " ") != strings.Join(b, " ") {
			t.Fatalf("script %v does not turn %v into %v", script, a, b)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("%v → %v: %d edits, shortest is %d", a, b, edits, want)
		}
	}
}

// TestDiffWordsBounded checks that texts too far apart for the search still give a
// correct (coarse) diff, quickly.
func TestDiffWordsBounded(t *testing.T) {
	var a, b []string
	for i := range 20000 {
		a = append(a, "a"+string(rune('a'+i%26)))
		b = append(b, "b"+string(rune('a'+i%26)))
	}
	a = append([]string{"start"}, append(a, "end")...)
	b = append([]string{"start"}, append(b, "end")...)
	script := diffWords(a, b)
	if len(script) != 40002 || script[0] != (edit{'=', "start"}) || script[1].op != '-' || script[20001].op != '+' || script[40001] != (edit{'=', "end"}) {
		t.Fatalf("coarse script wrong: %d edits", len(script))
	}
}
