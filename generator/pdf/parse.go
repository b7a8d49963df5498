package pdf

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// parser reads PDF objects from a byte slice. It understands the object syntax only; the
// cross-reference machinery lives in document.go and xrefstream.go.
type parser struct {
	b   []byte
	pos int
}

// MaxDepth bounds nesting (of values, of page and form trees) so a hostile file cannot
// exhaust the stack.
const MaxDepth = 64

// IsWhite reports whether c is PDF white space (ISO 32000-1 7.2.2).
func IsWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !IsWhite(c) && !isDelimiter(c) }

// skipSpace skips white space and comments.
func (p *parser) skipSpace() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		switch {
		case IsWhite(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("PDF syntax at byte %d: %s", p.pos, fmt.Sprintf(format, args...))
}

// value reads one PDF value. Bare keywords (obj, R, endobj, stream, …) come back as
// Keyword so callers can check structure; "N G R" is folded into a Ref.
func (p *parser) value(depth int) (any, error) {
	if depth > MaxDepth {
		return nil, p.errorf("nesting deeper than %d", MaxDepth)
	}
	p.skipSpace()
	if p.pos >= len(p.b) {
		return nil, p.errorf("unexpected end of data")
	}
	c := p.b[p.pos]
	switch {
	case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
		return p.dict(depth)
	case c == '<':
		return p.hexString()
	case c == '(':
		return p.literalString()
	case c == '[':
		return p.array(depth)
	case c == '/':
		return p.name()
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return p.numberOrRef()
	case isRegular(c):
		start := p.pos
		for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
			p.pos++
		}
		return Keyword(p.b[start:p.pos]), nil
	}
	return nil, p.errorf("unexpected %q", c)
}

func (p *parser) dict(depth int) (*Dict, error) {
	p.pos += 2
	d := &Dict{}
	for {
		p.skipSpace()
		if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
			p.pos += 2
			return d, nil
		}
		if p.pos >= len(p.b) || p.b[p.pos] != '/' {
			return nil, p.errorf("dictionary key expected")
		}
		key, err := p.name()
		if err != nil {
			return nil, err
		}
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if _, isKeyword := val.(Keyword); isKeyword && val != Keyword("null") &&
			val != Keyword("true") && val != Keyword("false") {
			return nil, p.errorf("unexpected keyword %q in dictionary", val)
		}
		d.Set(key, val)
	}
}

func (p *parser) array(depth int) (Array, error) {
	p.pos++
	arr := Array{}
	for {
		p.skipSpace()
		if p.pos < len(p.b) && p.b[p.pos] == ']' {
			p.pos++
			return arr, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
}

func (p *parser) name() (Name, error) {
	p.pos++ // the slash
	start := p.pos
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) && p.b[p.pos] != '#' {
		p.pos++
	}
	if p.pos == len(p.b) || p.b[p.pos] != '#' {
		return Name(p.b[start:p.pos]), nil // no escapes: one allocation
	}
	out := slices.Clone(p.b[start:p.pos])
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		c := p.b[p.pos]
		if c == '#' && p.pos+2 < len(p.b) {
			if v, err := strconv.ParseUint(string(p.b[p.pos+1:p.pos+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				p.pos += 3
				continue
			}
		}
		out = append(out, c)
		p.pos++
	}
	return Name(out), nil
}

func (p *parser) hexString() (String, error) {
	p.pos++
	end := bytes.IndexByte(p.b[p.pos:], '>')
	if end < 0 {
		return nil, p.errorf("unterminated hex string")
	}
	digits := make([]byte, 0, end)
	for _, c := range p.b[p.pos : p.pos+end] {
		if !IsWhite(c) {
			digits = append(digits, c)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0') // a missing final digit is 0 (ISO 32000-1 7.3.4.3)
	}
	out := make([]byte, len(digits)/2)
	if _, err := hex.Decode(out, digits); err != nil {
		return nil, p.errorf("bad hex string: %v", err)
	}
	p.pos += end + 1
	return out, nil
}

func (p *parser) literalString() (String, error) {
	p.pos++
	var out []byte
	depth := 1
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
		case '\r':
			// An unescaped end of line inside a string always reads as LF.
			if p.pos < len(p.b) && p.b[p.pos] == '\n' {
				p.pos++
			}
			c = '\n'
		case '\\':
			if p.pos >= len(p.b) {
				return nil, p.errorf("unterminated string")
			}
			e := p.b[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.b) && p.b[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '7'; i++ {
						v = v*8 + int(p.b[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, p.errorf("unterminated string")
}

// numberOrRef reads a number, and folds "num gen R" into a Ref by looking ahead.
func (p *parser) numberOrRef() (any, error) {
	first := p.tokenBytes()
	num, ok := atoi(first)
	if !ok || num < 0 {
		return Number(first), nil
	}
	save := p.pos
	p.skipSpace()
	if p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '9' {
		gen, ok := atoi(p.tokenBytes())
		p.skipSpace()
		if ok && p.pos < len(p.b) && p.b[p.pos] == 'R' &&
			(p.pos+1 == len(p.b) || !isRegular(p.b[p.pos+1])) {
			p.pos++
			return Ref{num, gen}, nil
		}
	}
	p.pos = save
	return Number(first), nil
}

// tokenBytes reads a run of regular characters.
func (p *parser) tokenBytes() []byte {
	start := p.pos
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		p.pos++
	}
	return p.b[start:p.pos]
}

// atoi reads b as a decimal integer as strconv.Atoi does, without allocating for the
// plain digits that make up nearly every integer in a PDF.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 18 {
		v, err := strconv.Atoi(string(b))
		return v, err == nil
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			v, err := strconv.Atoi(string(b))
			return v, err == nil
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// integer reads a non-negative integer token.
func (p *parser) integer() (int, error) {
	p.skipSpace()
	n, ok := atoi(p.tokenBytes())
	if !ok || n < 0 {
		return 0, p.errorf("integer expected")
	}
	return n, nil
}

// keyword reads a bare word and checks it is want.
func (p *parser) keyword(want string) error {
	p.skipSpace()
	start := p.pos
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		p.pos++
	}
	if got := string(p.b[start:p.pos]); got != want {
		p.pos = start
		return p.errorf("%q expected, found %q", want, got)
	}
	return nil
}

// IndirectObject parses "num gen obj VALUE" at offset off and returns the header and
// value. The value of a stream object is its dictionary; the stream data is not needed.
func IndirectObject(data []byte, off int) (Ref, any, error) {
	if off < 0 || off >= len(data) {
		return Ref{}, nil, fmt.Errorf("object offset %d outside the file", off)
	}
	p := &parser{b: data, pos: off}
	num, err := p.integer()
	if err != nil {
		return Ref{}, nil, err
	}
	gen, err := p.integer()
	if err != nil {
		return Ref{}, nil, err
	}
	if err := p.keyword("obj"); err != nil {
		return Ref{}, nil, err
	}
	v, err := p.value(0)
	if err != nil {
		return Ref{}, nil, err
	}
	if _, ok := v.(Keyword); ok && v != Keyword("null") && v != Keyword("true") && v != Keyword("false") {
		return Ref{}, nil, errors.New("object without a value")
	}
	return Ref{num, gen}, v, nil
}
