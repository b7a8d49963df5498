package pdf

// A text run as fpdf writes it is one line,
//
//	q COLOUR BT X Y Td STRING Tj ET Q
//
// where COLOUR is one to three numbers and g or rg, X and Y are decimal numbers and
// STRING a hex or literal string. textRun reads one by hand: it is matched on every
// line of every page, and a regular expression spent a tenth of a large pack's
// rendering on it (backtracking through long strings).

// textRun splits a text run line into its colour operator, position and string; ok is
// false when l is not exactly such a line.
func textRun(l []byte) (colour, x, y, str []byte, ok bool) {
	p := 0
	lit := func(s string) bool {
		if len(l)-p < len(s) || string(l[p:p+len(s)]) != s {
			return false
		}
		p += len(s)
		return true
	}
	if !lit("q ") {
		return
	}
	start := p
	n := 0
	for n < 3 && p < len(l) && (isDigit(l[p]) || l[p] == '.') {
		for p < len(l) && (isDigit(l[p]) || l[p] == '.') {
			p++
		}
		if !lit(" ") {
			return
		}
		n++
	}
	if n == 0 || !(lit("g") || lit("rg")) {
		return
	}
	colour = l[start:p]
	if !lit(" BT ") {
		return
	}
	number := func() []byte {
		s := p
		if p < len(l) && l[p] == '-' {
			p++
		}
		d := p
		for p < len(l) && isDigit(l[p]) {
			p++
		}
		if p == d {
			return nil
		}
		if p < len(l) && l[p] == '.' {
			p++
			for p < len(l) && isDigit(l[p]) {
				p++
			}
		}
		return l[s:p]
	}
	if x = number(); x == nil || !lit(" ") {
		return
	}
	if y = number(); y == nil || !lit(" Td ") {
		return
	}
	s := p
	switch {
	case lit("<"):
		for p < len(l) && (isDigit(l[p]) || (l[p] >= 'a' && l[p] <= 'f')) {
			p++
		}
		if !lit(">") {
			return
		}
	case lit("("):
		for p < len(l) && l[p] != ')' {
			switch l[p] {
			case '(':
				return
			case '\\':
				p++
				if p < len(l) && l[p] == '\n' {
					return
				}
			}
			p++
		}
		if !lit(")") {
			return
		}
	default:
		return
	}
	str = l[s:p]
	if string(l[p:]) != "Tj ET Q" {
		return
	}
	return colour, x, y, str, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
