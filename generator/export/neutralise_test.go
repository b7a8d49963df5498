package export

import "testing"

// TestNeutraliseRoundTrip: over cells built from quotes, formula characters, numbers
// and text, no written cell starts like a formula, and Unneutralise restores each.
func TestNeutraliseRoundTrip(t *testing.T) {
	var cells []string
	for _, quotes := range []string{"", "'", "''"} {
		for _, head := range []string{"", "=", "+", "-", "@", "\t", "\r", "-3", "-2.5", "-.5", "-3.", "x", " =", "2026-01-01"} {
			for _, tail := range []string{"", "1", "+1", "a", "'"} {
				cells = append(cells, quotes+head+tail)
			}
		}
	}
	for _, c := range cells {
		w := neutralise(c)
		if formulaLike(w) {
			t.Errorf("%q is written as %q, which a spreadsheet runs", c, w)
		}
		if back := Unneutralise(w); back != c {
			t.Errorf("%q is written as %q and read back as %q", c, w, back)
		}
		if w != c && w != "'"+c {
			t.Errorf("%q is written as %q: only a leading ' may be added", c, w)
		}
	}
}
