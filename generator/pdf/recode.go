package pdf

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
)

var (
	fontDictRE  = regexp.MustCompile(`/Font\s*<<([^<>]*)>>`)
	fontEntryRE = regexp.MustCompile(`/([^\s/<>\[\]()]+)\s+(\d+)\s+0\s+R`)
)

// RecodeText rewrites the strings that the page content streams show with some fonts:
// recode maps a font's object number to the function that turns a string's bytes shown
// with it into the bytes to show instead (a font written anew with other codes). The
// font in force is followed through Tf and the graphics state stack (q, Q); the strings
// of Tj, TJ, ' and " are recoded and written in hex. Content streams that are not Flate
// or unfiltered are left as they are, as are fonts named differently by different
// resource dictionaries (an error: their text could not be recoded).
func (f *File) RecodeText(recode map[int]func([]byte) []byte) error {
	if len(recode) == 0 {
		return nil
	}
	byName := map[string]func([]byte) []byte{}
	seen := map[string]int{}
	for _, n := range f.Numbers() {
		if _, _, ok := streamParts(f.objs[n]); ok {
			continue
		}
		for _, d := range fontDictRE.FindAllSubmatch(f.objs[n], -1) {
			for _, e := range fontEntryRE.FindAllSubmatch(d[1], -1) {
				name := string(e[1])
				obj, _ := strconv.Atoi(string(e[2]))
				if o, ok := seen[name]; ok && o != obj && (recode[o] != nil || recode[obj] != nil) {
					return fmt.Errorf("pdf: font name /%s stands for objects %d and %d", name, o, obj)
				}
				seen[name] = obj
				if fn := recode[obj]; fn != nil {
					byName[name] = fn
				}
			}
		}
	}
	if len(byName) == 0 {
		return nil
	}
	return f.rewritePageContents(func(data []byte) ([]byte, error) { return recodeContent(data, byName) })
}

// recodeContent rewrites the shown strings of one content stream (RecodeText).
func recodeContent(data []byte, byName map[string]func([]byte) []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(data)) // recoded strings are no longer: one allocation, not a doubling series
	var font func([]byte) []byte
	var stack []func([]byte) []byte
	type operand struct {
		start, end int // in data
		raw        []byte
	}
	var strs []operand // the strings since the last operator
	var lastName []byte
	done := 0 // data[:done] is in out
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case IsWhite(c):
			i++
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case c == '(' || c == '<' && (i+1 >= len(data) || data[i+1] != '<'):
			p := parser{b: data, pos: i}
			read := p.literalString
			if c == '<' {
				read = p.hexString
			}
			raw, err := read()
			if err != nil {
				return nil, err
			}
			strs = append(strs, operand{i, p.pos, raw})
			i = p.pos
		case c == '/':
			j := i + 1
			for j < len(data) && !IsWhite(data[j]) && !isDelimiter(data[j]) {
				j++
			}
			lastName = data[i+1 : j]
			i = j
		case isDelimiter(c):
			i++
			if (c == '<' || c == '>') && i < len(data) && data[i] == c {
				i++
			}
		default:
			j := i
			for j < len(data) && !IsWhite(data[j]) && !isDelimiter(data[j]) {
				j++
			}
			tok := string(data[i:j])
			i = j
			if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' {
				continue // a number: an operand
			}
			switch tok {
			case "q":
				stack = append(stack, font)
			case "Q":
				if len(stack) > 0 {
					font, stack = stack[len(stack)-1], stack[:len(stack)-1]
				}
			case "Tf":
				font = byName[string(lastName)]
			case "Tj", "TJ", "'", `"`:
				if font == nil {
					break
				}
				for _, s := range strs {
					out.Write(data[done:s.start])
					out.WriteByte('<')
					out.WriteString(hex.EncodeToString(font(s.raw)))
					out.WriteByte('>')
					done = s.end
				}
			case "BI":
				return nil, fmt.Errorf("an inline image at %d: not read", j)
			}
			strs, lastName = strs[:0], nil
		}
	}
	out.Write(data[done:])
	return out.Bytes(), nil
}
