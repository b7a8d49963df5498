package sign

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// The PDF object model is the minimum needed to re-write a page and the catalog with one
// key changed: values are kept close to their source form (numbers keep their original
// text) so a re-written object means exactly what the original meant.

// pdfName is a PDF name without the leading slash, with #xx escapes decoded.
type pdfName string

// pdfNumber keeps the number's source text, so 595.28 is not re-formatted as 595.2800.
type pdfNumber string

// pdfString holds the decoded bytes of a literal or hexadecimal string.
type pdfString []byte

// pdfKeyword is a bare word: true, false, null (and obj, R, … while lexing).
type pdfKeyword string

type pdfRef struct{ Num, Gen int }

type pdfArray []any

type dictEntry struct {
	Key pdfName
	Val any
}

// pdfDict keeps its entries in source order, so re-written objects are stable and diffable.
// Large dictionaries get an index, so a hostile file with 100,000 keys costs linear time,
// not quadratic.
type pdfDict struct {
	entries []dictEntry
	index   map[pdfName]int // position of each key in entries, built past indexAt entries
}

// indexAt is the size from which a dictionary indexes its keys; real PDF dictionaries
// are far smaller, and a linear search of a few entries beats a map.
const indexAt = 16

func (d *pdfDict) find(key pdfName) int {
	if d.index != nil {
		if i, ok := d.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range d.entries {
		if d.entries[i].Key == key {
			return i
		}
	}
	return -1
}

func (d *pdfDict) Get(key pdfName) (any, bool) {
	if i := d.find(key); i >= 0 {
		return d.entries[i].Val, true
	}
	return nil, false
}

// Set replaces the value of key in place, or appends the key when it is new.
func (d *pdfDict) Set(key pdfName, val any) {
	if i := d.find(key); i >= 0 {
		d.entries[i].Val = val
		return
	}
	d.entries = append(d.entries, dictEntry{key, val})
	switch {
	case d.index != nil:
		d.index[key] = len(d.entries) - 1
	case len(d.entries) > indexAt:
		d.index = make(map[pdfName]int, 2*len(d.entries))
		for i, e := range d.entries {
			d.index[e.Key] = i
		}
	}
}

func (n pdfNumber) Int() (int, bool) {
	v, err := strconv.Atoi(string(n))
	return v, err == nil
}

// writeObject serialises v in PDF syntax.
func writeObject(buf *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case nil:
		buf.WriteString("null")
	case pdfName:
		writeName(buf, v)
	case pdfNumber:
		buf.WriteString(string(v))
	case int:
		buf.WriteString(strconv.Itoa(v))
	case pdfKeyword:
		buf.WriteString(string(v))
	case pdfString:
		writeString(buf, v)
	case pdfRef:
		fmt.Fprintf(buf, "%d %d R", v.Num, v.Gen)
	case pdfArray:
		buf.WriteByte('[')
		for i, item := range v {
			if i > 0 {
				buf.WriteByte(' ')
			}
			if err := writeObject(buf, item); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case *pdfDict:
		buf.WriteString("<<")
		for i, e := range v.entries {
			if i > 0 {
				buf.WriteByte(' ')
			}
			writeName(buf, e.Key)
			buf.WriteByte(' ')
			if err := writeObject(buf, e.Val); err != nil {
				return err
			}
		}
		buf.WriteString(">>")
	default:
		return fmt.Errorf("cannot write PDF value of type %T", v)
	}
	return nil
}

func writeName(buf *bytes.Buffer, n pdfName) {
	buf.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < 0x21 || c > 0x7e || c == '#' || isDelimiter(c) {
			fmt.Fprintf(buf, "#%02X", c)
			continue
		}
		buf.WriteByte(c)
	}
}

// writeString writes printable ASCII as a literal string and anything else as hex, because
// raw bytes in literal strings are fragile (a CR inside one is read back as LF).
func writeString(buf *bytes.Buffer, s pdfString) {
	printable := true
	for _, c := range s {
		if c < 0x20 || c > 0x7e {
			printable = false
			break
		}
	}
	if !printable {
		fmt.Fprintf(buf, "<%X>", []byte(s))
		return
	}
	buf.WriteByte('(')
	for _, c := range s {
		if c == '(' || c == ')' || c == '\\' {
			buf.WriteByte('\\')
		}
		buf.WriteByte(c)
	}
	buf.WriteByte(')')
}

// textString encodes a Go string as a PDF text string: plain bytes when it is ASCII,
// otherwise UTF-16BE with a byte order mark, which every reader understands.
func textString(s string) pdfString {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return pdfString(s)
	}
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}
