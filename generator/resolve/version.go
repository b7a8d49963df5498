package resolve

import "strings"

// CompareVersions compares two document versions part by part, split at dots, and
// returns -1, 0 or +1. Numeric parts compare as numbers, so 1.10 is newer than 1.9 (a
// plain string comparison gets that wrong); a missing part counts as 0, so 2 equals 2.0;
// a leading "v" is ignored. Other parts compare in natural order.
func CompareVersions(a, b string) int {
	pa := strings.Split(strings.TrimPrefix(strings.TrimSpace(a), "v"), ".")
	pb := strings.Split(strings.TrimPrefix(strings.TrimSpace(b), "v"), ".")
	for i := range max(len(pa), len(pb)) {
		x, y := "0", "0"
		if i < len(pa) && pa[i] != "" {
			x = pa[i]
		}
		if i < len(pb) && pb[i] != "" {
			y = pb[i]
		}
		if c := comparePart(x, y); c != 0 {
			return c
		}
	}
	return 0
}

func comparePart(x, y string) int {
	if isNumber(x) && isNumber(y) {
		// Compare as numbers of any length: strip leading zeros, then the longer is
		// larger, else compare digit by digit.
		x, y = strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
		switch {
		case len(x) != len(y):
			return sign(len(x) - len(y))
		default:
			return strings.Compare(x, y)
		}
	}
	switch {
	case x == y:
		return 0
	case NaturalLess(x, y):
		return -1
	}
	return 1
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
