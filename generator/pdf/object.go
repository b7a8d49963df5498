package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// The PDF object model is the minimum needed to re-write a page and the catalog with one
// key changed: values are kept close to their source form (numbers keep their original
// text) so a re-written object means exactly what the original meant. A value is nil
// (null), Name, Number, int, Keyword, String, Ref, Array or *Dict.

// Name is a PDF name without the leading slash, with #xx escapes decoded.
type Name string

// Number keeps the number's source text, so 595.28 is not re-formatted as 595.2800.
type Number string

// String holds the decoded bytes of a literal or hexadecimal string.
type String []byte

// Keyword is a bare word: true, false, null (and obj, R, … while lexing).
type Keyword string

// Ref is an indirect reference, "Num Gen R".
type Ref struct{ Num, Gen int }

// Array is a PDF array.
type Array []any

// DictEntry is one key and value of a dictionary.
type DictEntry struct {
	Key Name
	Val any
}

// Dict is a PDF dictionary. It keeps its entries in source order, so re-written objects
// are stable and diffable. Large dictionaries get an index, so a hostile file with
// 100,000 keys costs linear time, not quadratic.
type Dict struct {
	entries []DictEntry
	index   map[Name]int // position of each key in entries, built past indexAt entries
}

// indexAt is the size from which a dictionary indexes its keys; real PDF dictionaries
// are far smaller, and a linear search of a few entries beats a map.
const indexAt = 16

func (d *Dict) find(key Name) int {
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

// NewDict returns a dictionary holding entries in their order (a repeated key keeps its
// first place and its last value).
func NewDict(entries ...DictEntry) *Dict {
	d := &Dict{}
	for _, e := range entries {
		d.Set(e.Key, e.Val)
	}
	return d
}

// Entries returns the dictionary's entries in source order; the caller must not change
// the slice.
func (d *Dict) Entries() []DictEntry {
	if d == nil {
		return nil
	}
	return d.entries
}

// Get returns the value of key and whether the dictionary has it.
func (d *Dict) Get(key Name) (any, bool) {
	if i := d.find(key); i >= 0 {
		return d.entries[i].Val, true
	}
	return nil, false
}

// Set replaces the value of key in place, or appends the key when it is new.
func (d *Dict) Set(key Name, val any) {
	if i := d.find(key); i >= 0 {
		d.entries[i].Val = val
		return
	}
	d.entries = append(d.entries, DictEntry{key, val})
	switch {
	case d.index != nil:
		d.index[key] = len(d.entries) - 1
	case len(d.entries) > indexAt:
		d.index = make(map[Name]int, 2*len(d.entries))
		for i, e := range d.entries {
			d.index[e.Key] = i
		}
	}
}

// Int returns the number as an int when it is an integer.
func (n Number) Int() (int, bool) {
	v, err := strconv.Atoi(string(n))
	return v, err == nil
}

// WriteObject serialises v in PDF syntax.
func WriteObject(buf *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case nil:
		buf.WriteString("null")
	case Name:
		WriteName(buf, v)
	case Number:
		buf.WriteString(string(v))
	case int:
		buf.WriteString(strconv.Itoa(v))
	case Keyword:
		buf.WriteString(string(v))
	case String:
		WriteString(buf, v)
	case Ref:
		fmt.Fprintf(buf, "%d %d R", v.Num, v.Gen)
	case Array:
		buf.WriteByte('[')
		for i, item := range v {
			if i > 0 {
				buf.WriteByte(' ')
			}
			if err := WriteObject(buf, item); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case *Dict:
		buf.WriteString("<<")
		for i, e := range v.entries {
			if i > 0 {
				buf.WriteByte(' ')
			}
			WriteName(buf, e.Key)
			buf.WriteByte(' ')
			if err := WriteObject(buf, e.Val); err != nil {
				return err
			}
		}
		buf.WriteString(">>")
	default:
		return fmt.Errorf("cannot write PDF value of type %T", v)
	}
	return nil
}

// SameValue reports whether two values have the same PDF serialisation.
func SameValue(a, b any) bool {
	var x, y bytes.Buffer
	if WriteObject(&x, a) != nil || WriteObject(&y, b) != nil {
		return false
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}

// WriteName writes n as a PDF name, escaping what a name cannot hold as #xx.
func WriteName(buf *bytes.Buffer, n Name) {
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

// WriteString writes printable ASCII as a literal string and anything else as hex, because
// raw bytes in literal strings are fragile (a CR inside one is read back as LF).
func WriteString(buf *bytes.Buffer, s String) {
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

// Text encodes a Go string as a PDF text string: plain bytes when it is ASCII,
// otherwise UTF-16BE with a byte order mark, which every reader understands.
func Text(s string) String {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return String(s)
	}
	out := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

// DecodeText decodes a PDF text string: UTF-16BE with a byte-order mark, else bytes.
func DecodeText(s String) string {
	if len(s) < 2 || s[0] != 0xFE || s[1] != 0xFF {
		return string(s)
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 2; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}
