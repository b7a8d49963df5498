package pdf

import (
	"bytes"
	"slices"
)

// Skipping values: Read needs the extent of every object and only /Type and /Length of
// its dictionary, so it steps over values without building them, which keeps reading a
// large file from allocating its whole object graph.

// skip advances over one value. Inside a dictionary or array an indirect reference is
// three values; a dictionary takes any number of values after a key.
func (p *parser) skip(depth int) error {
	if depth > MaxDepth {
		return p.errorf("nesting deeper than %d", MaxDepth)
	}
	p.skipSpace()
	if p.pos >= len(p.b) {
		return p.errorf("unexpected end of data")
	}
	c := p.b[p.pos]
	switch {
	case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
		p.pos += 2
		for {
			if p.skipSpace(); p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
				p.pos += 2
				return nil
			}
			if err := p.skip(depth + 1); err != nil {
				return err
			}
		}
	case c == '<':
		end := bytes.IndexByte(p.b[p.pos:], '>')
		if end < 0 {
			return p.errorf("unterminated hex string")
		}
		p.pos += end + 1
	case c == '(':
		return p.skipLiteral()
	case c == '[':
		p.pos++
		for {
			if p.skipSpace(); p.pos < len(p.b) && p.b[p.pos] == ']' {
				p.pos++
				return nil
			}
			if err := p.skip(depth + 1); err != nil {
				return err
			}
		}
	case c == '/':
		p.pos++
		p.tokenBytes()
	case isRegular(c):
		p.tokenBytes()
	default:
		return p.errorf("unexpected %q", c)
	}
	return nil
}

// skipLiteral advances over a literal string, balanced parentheses and escapes included.
func (p *parser) skipLiteral() error {
	p.pos++
	for depth := 1; p.pos < len(p.b); p.pos++ {
		switch p.b[p.pos] {
		case '\\':
			p.pos++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				p.pos++
				return nil
			}
		}
	}
	return p.errorf("unterminated string")
}

// scanDict advances over the dictionary at p.pos and returns its /Type and /Length
// values (nil when absent); other entries are skipped.
func (p *parser) scanDict() (typ, length any, err error) {
	p.pos += 2
	for {
		p.skipSpace()
		if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
			p.pos += 2
			return typ, length, nil
		}
		if p.pos < len(p.b) && p.b[p.pos] == '/' {
			p.pos++
			var dst *any
			switch string(p.tokenBytes()) {
			case "Type":
				dst = &typ
			case "Length":
				dst = &length
			}
			if dst != nil {
				if *dst, err = p.value(1); err != nil {
					return nil, nil, err
				}
				continue
			}
		}
		if err = p.skip(1); err != nil {
			return nil, nil, err
		}
	}
}

// scanValue advances over one value and, when it is a dictionary, returns its /Type and
// /Length.
func (p *parser) scanValue() (typ, length any, err error) {
	if p.skipSpace(); bytes.HasPrefix(p.b[p.pos:], []byte("<<")) {
		return p.scanDict()
	}
	return nil, nil, p.skip(0)
}

// pickDict advances over the dictionary at p.pos and returns its entries named in keys;
// the others are skipped without being built (a skipped reference is three values).
func (p *parser) pickDict(keys []Name) (*Dict, error) {
	if !bytes.HasPrefix(p.b[p.pos:], []byte("<<")) {
		return nil, p.errorf("dictionary expected")
	}
	p.pos += 2
	d := &Dict{}
	for {
		p.skipSpace()
		if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
			p.pos += 2
			return d, nil
		}
		if p.pos < len(p.b) && p.b[p.pos] != '/' {
			// the generation and R of a skipped reference, as in scanDict
			if err := p.skip(1); err != nil {
				return nil, err
			}
			continue
		}
		key, err := p.name()
		if err != nil {
			return nil, err
		}
		if !slices.Contains(keys, key) {
			if err := p.skip(1); err != nil {
				return nil, err
			}
			continue
		}
		val, err := p.value(1)
		if err != nil {
			return nil, err
		}
		d.Set(key, val)
	}
}
