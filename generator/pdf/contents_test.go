package pdf

import (
	"regexp"
	"strings"
	"testing"
)

func TestCompactContentJoinsTextRuns(t *testing.T) {
	in := strings.Join([]string{
		"BT /F1 16.00 Tf ET",
		"0.667 G",
		"0.57 w",
		"BT /F2 7.50 Tf ET",
		"q 0.373 g BT 51.02 808.95 Td <004b0028>Tj ET Q",
		"q 0.373 g BT 514.16 800.00 Td <005c000d>Tj ET Q",
		"BT /F1 10.00 Tf ET",
		"q 0.098 g BT 51.02 790.50 Td <0041>Tj ET Q",
		"0.667 G",
		"0.57 w",
		"51.02 38.27 m 544.25 38.27 l S",
		"q",
		"0.667 G",
		"Q",
	}, "\n")
	want := strings.Join([]string{
		"0.667 G",
		"0.57 w",
		"BT /F2 7.50 Tf ET",
		"q BT",
		"0.373 g",
		"51.02 808.95 Td (\x00K\x00\\()Tj",
		"463.14 -8.95 Td (\x00\\\\\x00\\r)Tj",
		"0.098 g",
		"/F1 10.00 Tf",
		"-463.14 -9.5 Td (\x00A)Tj",
		"ET Q",
		"BT /F1 10.00 Tf ET",
		"51.02 38.27 m 544.25 38.27 l S",
		"q", // the stroke colour set inside is the one in force
		"Q",
	}, "\n")
	if got := string(compactContent([]byte(in))); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// Where the fill colour fpdf expects is known, text objects have no q … Q: the colour
// they leave is put back before what may fill (a rectangle, a line it does not know),
// not before a stroke or other text; fonts and colours in force are not set again.
func TestCompactContentRestoresTheFillLazily(t *testing.T) {
	in := strings.Join([]string{
		"0.886 g",
		"10 10 5 5 re f",
		"BT /F1 8.50 Tf ET",
		"q 0.098 g BT 10.00 20.00 Td <0041>Tj ET Q",
		"BT /F2 8.50 Tf ET",
		"q 0.373 g BT 20.00 20.00 Td <0042>Tj ET Q",
		"10 10 m 20 10 l S",
		"BT /F2 8.50 Tf ET",
		"q 0.373 g BT 30.00 20.00 Td <0043>Tj ET Q",
		"0.886 g",
		"10 30 5 5 re f",
		"q 0.098 g BT 10.00 40.00 Td <0044>Tj ET Q",
		"0 J",
		"q",
		"0.886 g",
		"Q",
	}, "\n")
	want := strings.Join([]string{
		"0.886 g",
		"10 10 5 5 re f",
		"BT",
		"0.098 g",
		"/F1 8.50 Tf",
		"10 20 Td (\x00A)Tj",
		"0.373 g",
		"/F2 8.50 Tf",
		"10 0 Td (\x00B)Tj",
		"ET",
		"10 10 m 20 10 l S",
		"BT",
		"30 20 Td (\x00C)Tj",
		"ET",
		"0.886 g",
		"10 30 5 5 re f",
		"BT",
		"0.098 g",
		"10 40 Td (\x00D)Tj",
		"ET",
		"0.886 g",
		"0 J",
		"q",
		"Q",
	}, "\n")
	if got := string(compactContent([]byte(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCompactContentKeepsWhatItDoesNotKnow(t *testing.T) {
	in := "BT /F1 10.00 Tf ET\nq 1 0 0 1 0 0 cm /I1 Do Q\nBT /F2 9.00 Tf ET\nq 0.5 g BT 1.234 2 Td <0041>Tj ET Q"
	if got := string(compactContent([]byte(in))); got != in {
		t.Errorf("got\n%q\nwant it unchanged", got)
	}
}

func TestDecimal(t *testing.T) {
	for v, want := range map[int64]string{0: "0", 50: "0.5", -5: "-0.05", 12345: "123.45", -1200: "-12"} {
		if got := decimal(v); got != want {
			t.Errorf("decimal(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestHasOperatorMatchesWholeWords checks hasOperator against the regular expression it
// replaced: an operator counts only as a whole white-space-separated word.
func TestHasOperatorMatchesWholeWords(t *testing.T) {
	re := regexp.MustCompile(`(?:^|\s)(?:BT|ET|q|Q|Tj|TJ|'|"|Do|Tf)(?:\s|$)`)
	for _, l := range []string{"BT", " q", "Q ", "1 0 0 1 2 3 cm", "/Im1 Do", "qQ", "(x)Tj", "(a BT b) Tj",
		"0.5 g", "'", "\t\"\t", "", "  ", "BTET", "/F1 10 Tf", "1 2 m 3 4 l S", "Tjx"} {
		if got, want := hasOperator([]byte(l), fontUsers), re.MatchString(l); got != want {
			t.Errorf("hasOperator(%q) = %v, the regular expression says %v", l, got, want)
		}
	}
}
