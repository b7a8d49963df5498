package export

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSV injection. A spreadsheet opening a CSV file reads a cell that starts with =, +, -
// or @ as a formula (and some strip a leading tab or carriage return first), so a risk
// titled =HYPERLINK("http://evil","x") would run in the auditor's spreadsheet. Following
// OWASP's guidance, WriteCSV prefixes such a cell with a single quote, which spreadsheets
// take as "this is text". Plain negative numbers (-3, -2.5) stay as they are: they are
// numbers, not formulas. ISO dates start with a digit and are never touched.
//
// The quote would make reading back ambiguous: is "'=x" the neutralised =x or a title
// typed as '=x? So a cell whose leading quotes are followed by a formula character gets
// one more quote too, and ReadCSV (Unneutralise) removes exactly one quote from exactly
// the cells the writer changed: every cell reads back as it was. JSON exports are data
// for programs and are never changed.

// neutralise returns a cell as WriteCSV writes it.
func neutralise(cell string) string {
	if formulaLike(strings.TrimLeft(cell, "'")) {
		return "'" + cell
	}
	return cell
}

// Unneutralise returns a cell of a CSV file WriteCSV wrote as it was before writing:
// without the quote neutralise added, if it added one.
func Unneutralise(cell string) string {
	if strings.HasPrefix(cell, "'") && formulaLike(strings.TrimLeft(cell, "'")) {
		return cell[1:]
	}
	return cell
}

// formulaLike reports whether a spreadsheet could take a cell for a formula.
func formulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '@', '\t', '\r':
		return true
	case '-':
		return !negativeNumber(s)
	}
	return false
}

// negativeNumber reports whether s is a plain negative decimal number: a minus sign,
// digits, and optionally a point and more digits.
func negativeNumber(s string) bool {
	intPart, frac, hasPoint := strings.Cut(s[1:], ".")
	return digits(intPart) && (!hasPoint || digits(frac))
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ReadCSV reads a CSV export that WriteCSV wrote, header row included, with every cell
// as it was before writing (see Unneutralise).
func ReadCSV(r io.Reader) ([][]string, error) {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		for i, cell := range rec {
			rec[i] = Unneutralise(cell)
		}
	}
	return recs, nil
}
