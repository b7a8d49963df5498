package load

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastYAML parses the YAML most front matter is written in, a fifth of the time
// yaml.v3 takes, into the node tree yaml.v3 gives: block mappings of simple keys, block
// sequences (of scalars or of mappings), one-line flow sequences, and plain,
// single-quoted or double-quoted scalars on one line. Anything else (a comment, a tab,
// an anchor, a tag, a block or multi-line scalar, an escape, a flow mapping, a key with
// no value, text it cannot place) makes it give up, and the caller parses with
// yaml.v3, which also reports the errors. fastyaml_test.go compares the two trees,
// node for node, on every front matter of the example and the fixtures and on
// thousands of generated and mutated ones. A scalar's tag is yaml.v3's own resolution
// (Node.ShortTag).
func fastYAML(src []byte) (*yaml.Node, bool) {
	if bytes.IndexByte(src, '#') >= 0 || bytes.IndexByte(src, '\\') >= 0 || !printable(src) {
		return nil, false
	}
	text := string(src)
	lines := strings.Count(text, "\n") + 1
	p := &fmLines{lines: make([]fmLine, 0, lines), slab: make([]yaml.Node, 0, 2*lines+8)}
	n := 0
	for s := range strings.SplitSeq(text, "\n") {
		n++
		if strings.TrimLeft(s, " ") == "" {
			continue
		}
		if strings.HasSuffix(s, " ") || strings.HasPrefix(strings.TrimLeft(s, " "), "---") || strings.HasPrefix(s, "...") {
			return nil, false
		}
		p.lines = append(p.lines, fmLine{no: n, indent: len(s) - len(strings.TrimLeft(s, " ")), text: s})
	}
	if len(p.lines) == 0 || p.lines[0].indent != 0 {
		return nil, false
	}
	root, ok := p.block()
	if !ok || p.at != len(p.lines) {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}, true
}

type fmLine struct {
	no, indent int
	text       string
}

// fmLines is the front matter's non-blank lines, at is the next one to read; slab
// holds the nodes made, allocated together.
type fmLines struct {
	lines []fmLine
	at    int
	slab  []yaml.Node
}

// node returns a node with n's fields, from the slab while it has room.
func (p *fmLines) node(n yaml.Node) *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		fresh := new(yaml.Node)
		*fresh = n
		return fresh
	}
	p.slab = append(p.slab, n)
	return &p.slab[len(p.slab)-1]
}

// block parses the mapping or sequence that starts at the next line, at its indent.
func (p *fmLines) block() (*yaml.Node, bool) {
	l := p.lines[p.at]
	if rest := l.text[l.indent:]; rest == "-" || strings.HasPrefix(rest, "- ") {
		return p.sequence(l.indent)
	}
	return p.mapping(l.indent, false)
}

// mapping parses a block mapping whose keys stand at column indent; inItem says its
// first key follows a sequence item's "- " on the same line.
func (p *fmLines) mapping(indent int, inItem bool) (*yaml.Node, bool) {
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
	col := indent
	for p.at < len(p.lines) {
		l := p.lines[p.at]
		if !inItem && l.indent != indent || l.text[col:] == "-" || strings.HasPrefix(l.text[col:], "- ") {
			break
		}
		inItem = false
		key, rest, ok := splitKey(l.text[col:])
		if !ok {
			return nil, false
		}
		k := p.scalar(key, yaml.Style(0), l.no, runeCol(l.text, col))
		if len(m.Content) == 0 {
			m.Line, m.Column = k.Line, k.Column
		}
		p.at++
		var v *yaml.Node
		if rest != "" {
			if p.at < len(p.lines) && p.lines[p.at].indent > indent {
				return nil, false // a value continued on the next line
			}
			at := len(l.text) - len(rest) // rest is the line's end
			if v, ok = p.inlineValue(rest, l.no, l.text, at); !ok {
				return nil, false
			}
		} else {
			if p.at == len(p.lines) {
				return nil, false // no value
			}
			next := p.lines[p.at]
			nested := next.text[next.indent:]
			isSeq := nested == "-" || strings.HasPrefix(nested, "- ")
			switch {
			case next.indent > indent:
				v, ok = p.block()
			case next.indent == indent && isSeq:
				v, ok = p.sequence(indent)
			default:
				return nil, false // no value
			}
			if !ok {
				return nil, false
			}
		}
		m.Content = append(m.Content, k, v)
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	return m, true
}

// sequence parses a block sequence whose "-" stand at column indent.
func (p *fmLines) sequence(indent int) (*yaml.Node, bool) {
	s := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"})
	for p.at < len(p.lines) {
		l := p.lines[p.at]
		if l.indent != indent || !strings.HasPrefix(l.text[indent:], "- ") {
			if l.indent == indent && l.text[indent:] == "-" {
				return nil, false // an item on the next lines
			}
			break
		}
		if len(s.Content) == 0 {
			s.Line, s.Column = l.no, runeCol(l.text, indent)
		}
		item := strings.TrimLeft(l.text[indent+1:], " ")
		at := len(l.text) - len(item)
		var v *yaml.Node
		var ok bool
		if _, _, isKey := splitKey(item); isKey {
			v, ok = p.mapping(at, true)
			if ok && p.at < len(p.lines) && p.lines[p.at].indent > indent {
				return nil, false // a line the item's mapping could not place
			}
		} else {
			p.at++
			if p.at < len(p.lines) && p.lines[p.at].indent > indent {
				return nil, false // an item continued on the next line
			}
			v, ok = p.inlineValue(item, l.no, l.text, at)
		}
		if !ok {
			return nil, false
		}
		s.Content = append(s.Content, v)
	}
	if len(s.Content) == 0 {
		return nil, false
	}
	return s, true
}

// splitKey splits "key: rest" or "key:" where key is a simple plain key.
func splitKey(s string) (key, rest string, ok bool) {
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] == '-' || s[i] == '.' || 'a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z' || '0' <= s[i] && s[i] <= '9') {
		i++
	}
	// A simple key is at most 1,024 characters in YAML: a longer one is left to yaml.v3.
	if i == 0 || i > 512 || s[0] == '-' || s[0] == '.' || i == len(s) || s[i] != ':' {
		return "", "", false
	}
	rest = s[i+1:]
	if rest != "" && rest[0] != ' ' {
		return "", "", false
	}
	return s[:i], strings.TrimLeft(rest, " "), true
}

// inlineValue parses a value that is the rest of its line: a scalar or a flow
// sequence of scalars. at is its byte offset in line.
func (p *fmLines) inlineValue(s string, no int, line string, at int) (*yaml.Node, bool) {
	if s == "" {
		return nil, false
	}
	if s[0] == '[' {
		return p.flowSequence(s, no, line, at)
	}
	v, n, ok := p.inlineScalar(s, false, no, line, at)
	if !ok || n != len(s) {
		return nil, false
	}
	return v, true
}

// flowSequence parses "[a, 'b', "c"]", the whole of s.
func (p *fmLines) flowSequence(s string, no int, line string, at int) (*yaml.Node, bool) {
	seq := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: no, Column: runeCol(line, at)})
	i := 1
	skip := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	skip()
	if i < len(s) && s[i] == ']' {
		return seq, i == len(s)-1
	}
	for {
		skip()
		if i >= len(s) {
			return nil, false
		}
		v, n, ok := p.inlineScalar(s[i:], true, no, line, at+i)
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, v)
		i += n
		skip()
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i++
		case ']':
			return seq, i == len(s)-1
		default:
			return nil, false
		}
	}
}

// inlineScalar parses the scalar at the start of s (in a flow sequence when flow) and
// returns it and the bytes it took.
func (p *fmLines) inlineScalar(s string, flow bool, no int, line string, at int) (*yaml.Node, int, bool) {
	col := runeCol(line, at)
	switch s[0] {
	case '"', '\'':
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 || s[0] == '\'' && end+2 < len(s) && s[end+2] == '\'' {
			return nil, 0, false // unclosed, or a '' escape
		}
		style := yaml.DoubleQuotedStyle
		if s[0] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		n := end + 2
		if rest := strings.TrimLeft(s[n:], " "); !flow && rest != "" || flow && rest != "" && rest[0] != ',' && rest[0] != ']' {
			return nil, 0, false
		}
		if !flow {
			n = len(s)
		}
		return p.scalar(s[1:end+1], style, no, col), n, true
	}
	if strings.IndexByte("-?:,[]{}&*!|>%@`", s[0]) >= 0 {
		return nil, 0, false // an indicator: leave it to yaml.v3
	}
	n := len(s)
	if flow {
		n = strings.IndexAny(s, ",[]{}")
		if n < 0 || s[n] != ',' && s[n] != ']' {
			return nil, 0, false
		}
	}
	v := strings.TrimRight(s[:n], " ")
	if v == "" || strings.Contains(v, ": ") || flow && strings.ContainsAny(v, ":?&*!|>'\"%@`") || strings.HasSuffix(v, ":") || strings.Contains(v, " '") || strings.Contains(v, " \"") {
		return nil, 0, false
	}
	return p.scalar(v, yaml.Style(0), no, col), n, true
}

// scalar is a scalar node tagged as yaml.v3 tags it.
func (p *fmLines) scalar(v string, style yaml.Style, line, col int) *yaml.Node {
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Value: v, Style: style, Line: line, Column: col})
	switch {
	case style != 0:
		n.Tag = "!!str"
	case v == "<<":
		n.Tag = "!!merge"
	case v != "" && strings.IndexByte("+-0123456789yYnNtTfFoO~<.", v[0]) < 0:
		// yaml.v3 resolves a plain scalar to a string at once when its first byte is
		// none of these (its resolveTable), as most titles and names are.
		n.Tag = "!!str"
	default:
		n.Tag = n.ShortTag()
	}
	return n
}

// printable reports whether src is UTF-8 of the characters yaml.v3 reads without
// complaint, line breaks being \n alone (no tab, carriage return, BOM, or the breaks
// U+0085, U+2028 and U+2029).
func printable(src []byte) bool {
	if !utf8.Valid(src) {
		return false
	}
	for _, r := range string(src) {
		switch {
		case r == '\n', 0x20 <= r && r <= 0x7e, 0xa0 <= r && r <= 0xd7ff && r != 0x2028 && r != 0x2029,
			0xe000 <= r && r <= 0xfffd && r != 0xfeff, 0x10000 <= r && r <= 0x10ffff:
		default:
			return false
		}
	}
	return true
}

// runeCol is the 1-based column, in characters, of byte offset at of line.
func runeCol(line string, at int) int { return utf8.RuneCountInString(line[:at]) + 1 }
