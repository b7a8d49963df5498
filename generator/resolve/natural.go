package resolve

// naturalLess orders IDs with embedded numbers numerically, so that A.5.9 comes before
// A.5.10 and R-2 before R-10.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			na, ra := digits(a)
			nb, rb := digits(b)
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits splits off the leading run of digits of s, without leading zeros.
func digits(s string) (num, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	num = s[:i]
	for len(num) > 1 && num[0] == '0' {
		num = num[1:]
	}
	return num, s[i:]
}

// NaturalLess is naturalLess for other packages that order IDs the same way.
func NaturalLess(a, b string) bool { return naturalLess(a, b) }
