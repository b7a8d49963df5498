package pdf

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"testing"
)

// textRunRE is what textRun reads, as the regular expression it replaced.
var textRunRE = regexp.MustCompile(`^q ((?:[\d.]+ ){1,3}(?:g|rg)) BT (-?\d+\.?\d*) (-?\d+\.?\d*) Td (<[0-9a-f]*>|\((?:[^()\\]|\\.)*\))Tj ET Q$`)

// TestTextRunMatchesRegexp checks textRun against the regular expression on the lines
// fpdf writes and on near misses, then on random mutations of them.
func TestTextRunMatchesRegexp(t *testing.T) {
	lines := []string{
		"q 0 g BT 31.18 794.27 Td <002a0045>Tj ET Q",
		"q 0.2 0.4 0.6 rg BT -1.5 0 Td (Hello \\(world\\) \\\\)Tj ET Q",
		"q 1 rg BT 1 2 Td ()Tj ET Q",
		"q 1 2 g BT 1. 2 Td <>Tj ET Q",
		"q 0.1 0.2 0.3 0.4 rg BT 1 2 Td <00>Tj ET Q", // four numbers
		"q g BT 1 2 Td <00>Tj ET Q",                  // none
		"q 0 g BT .5 2 Td <00>Tj ET Q",               // no leading digit
		"q 0 g BT 1 2 Td <0G>Tj ET Q",
		"q 0 g BT 1 2 Td <00>Tj ET Q ",
		"q 0 g BT 1 2 Td (a(b)Tj ET Q",
		"q 0 g BT 1 2 Td (a)b)Tj ET Q",
		"q 0 g BT 1 2 Td (a\\)Tj ET Q",
		"q 0 g BT 1 2 Td (\xff\\\xc3\xa9)Tj ET Q",
		"q 0 g  BT 1 2 Td <00>Tj ET Q",
		"q 0 g BT 1 2 3 Td <00>Tj ET Q",
		"q 0 G BT 1 2 Td <00>Tj ET Q",
		"q 1.2.3 g BT --1 2 Td <00>Tj ET Q",
	}
	check := func(l []byte) {
		t.Helper()
		m := textRunRE.FindSubmatch(l)
		col, x, y, str, ok := textRun(l)
		if ok != (m != nil) {
			t.Fatalf("%q: textRun says %v, the regular expression %v", l, ok, m != nil)
		}
		if ok && (!bytes.Equal(col, m[1]) || !bytes.Equal(x, m[2]) || !bytes.Equal(y, m[3]) || !bytes.Equal(str, m[4])) {
			t.Fatalf("%q: textRun reads %q %q %q %q, the regular expression %q %q %q %q", l, col, x, y, str, m[1], m[2], m[3], m[4])
		}
	}
	matched := 0
	for _, l := range lines {
		check([]byte(l))
		if textRunRE.MatchString(l) {
			matched++
		}
	}
	if matched < 4 {
		t.Fatalf("only %d of the sample lines are text runs", matched)
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("0123456789.- ()\\<>abfgGrTdjEQqB\xff")
	for range 200000 {
		l := []byte(lines[r.IntN(4)])
		for range 1 + r.IntN(3) {
			i := r.IntN(len(l))
			switch r.IntN(3) {
			case 0:
				l[i] = alphabet[r.IntN(len(alphabet))]
			case 1:
				l = append(l[:i], l[i+1:]...)
			default:
				l = append(l[:i], append([]byte{alphabet[r.IntN(len(alphabet))]}, l[i:]...)...)
			}
			if len(l) == 0 {
				l = []byte("q")
			}
		}
		check(l)
	}
}

// TestNextFontKeyMatchesRegexp checks nextFontKey against the regular expression it
// replaced on random text around font keys.
func TestNextFontKeyMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`/F[0-9a-f]{40}\b`)
	key := "/F" + "0123456789abcdef0123456789abcdef01234567"
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("/Fa0_ Z\xff")
	for range 100000 {
		var b []byte
		for range r.IntN(4) {
			for range r.IntN(4) {
				b = append(b, alphabet[r.IntN(len(alphabet))])
			}
			k := []byte(key)
			if r.IntN(3) == 0 {
				k[2+r.IntN(40)] = alphabet[r.IntN(len(alphabet))]
			}
			if r.IntN(4) == 0 {
				k = k[:len(k)-1]
			}
			b = append(b, k...)
		}
		want := -1
		if loc := re.FindIndex(b); loc != nil {
			want = loc[0]
		}
		if got := nextFontKey(b); got != want {
			t.Fatalf("%q: nextFontKey %d, the regular expression %d", b, got, want)
		}
	}
}
