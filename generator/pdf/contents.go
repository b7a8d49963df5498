package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// fpdf writes page content one operation a line, each text run on its own line in its
// own graphics state (`q 0.373 g BT x y Td <UTF-16 hex> Tj ET Q`), sets fonts in empty
// text objects (`BT /F<hash> 10.00 Tf ET`) whether or not text follows, repeats the
// stroke colour and line width before every line drawn, and names fonts by 40-character
// hashes. CompactContents rewrites that into the same drawing with fewer bytes.

var (
	pageRE     = regexp.MustCompile(`^<<\s*/Type /Page\s`)
	contentsRE = regexp.MustCompile(`/Contents (\d+) 0 R`)
	fontOnlyRE = regexp.MustCompile(`^BT (/F\w+ [\d.]+) Tf ET$`)
	strokeRE   = regexp.MustCompile(`^(?:[\d.]+ G|[\d.]+ [\d.]+ [\d.]+ RG)$`)
	fillRE     = regexp.MustCompile(`^(?:[\d.]+ g|[\d.]+ [\d.]+ [\d.]+ rg)$`)
	widthRE    = regexp.MustCompile(`^[\d.]+ w$`)
)

// fontKeyLen is the length of a font name fpdf keys by hash: /F and 40 hex digits.
const fontKeyLen = 42

// nextFontKey returns the index of the first font name fpdf keys by hash in b (/F,
// 40 lower-case hex digits, then no other letter, digit or underscore), or -1. It is
// a hand-written `/F[0-9a-f]{40}\b`: the file is scanned for it twice.
func nextFontKey(b []byte) int {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("/F"))
		if i < 0 {
			return -1
		}
		i += off
		j := i + 2
		for j < len(b) && j < i+fontKeyLen && (isDigit(b[j]) || (b[j] >= 'a' && b[j] <= 'f')) {
			j++
		}
		if j == i+fontKeyLen && (j == len(b) || !isWordByte(b[j])) {
			return i
		}
		off = i + 2
	}
}

// isWordByte reports whether c is an ASCII letter, digit or underscore (\w).
func isWordByte(c byte) bool {
	return isDigit(c) || c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// CompactContents renames the fonts fpdf keys by hash to /F1, /F2, … (in the order the
// file first names them) in every dictionary and page content stream, and rewrites
// each page's content stream with compactContent. Content streams that are not Flate or
// unfiltered are left as they are.
func (f *File) CompactContents() error {
	names := map[string]string{}
	for _, n := range f.Numbers() {
		if _, _, ok := streamParts(f.objs[n]); ok {
			continue
		}
		for b := f.objs[n]; ; {
			i := nextFontKey(b)
			if i < 0 {
				break
			}
			k := string(b[i : i+fontKeyLen])
			if names[k] == "" {
				names[k] = "/F" + strconv.Itoa(len(names)+1)
			}
			b = b[i+fontKeyLen:]
		}
	}
	rename := func(b []byte) []byte {
		var out []byte
		for rest := b; ; {
			i := nextFontKey(rest)
			if i < 0 {
				if out == nil {
					return b
				}
				return append(out, rest...)
			}
			if out == nil {
				out = make([]byte, 0, len(b)) // the names only get shorter
			}
			out = append(out, rest[:i]...)
			k := rest[i : i+fontKeyLen]
			if r := names[string(k)]; r != "" {
				out = append(out, r...)
			} else {
				out = append(out, k...)
			}
			rest = rest[i+fontKeyLen:]
		}
	}
	for _, n := range f.Numbers() {
		if _, _, ok := streamParts(f.objs[n]); !ok {
			f.objs[n] = rename(f.objs[n])
		}
	}
	return f.rewritePageContents(func(data []byte) ([]byte, error) { return compactContent(rename(data)), nil })
}

// rewritePageContents replaces each page's content stream (Flate or unfiltered; others
// are left as they are) with what rewrite makes of its data, uncompressed.
func (f *File) rewritePageContents(rewrite func([]byte) ([]byte, error)) error {
	for _, n := range f.Numbers() {
		body := f.objs[n]
		if !pageRE.Match(body) {
			continue
		}
		for _, m := range contentsRE.FindAllSubmatch(body, -1) {
			c, _ := strconv.Atoi(string(m[1]))
			data, err := f.streamData(c)
			if err != nil {
				return fmt.Errorf("pdf: page object %d: %w", n, err)
			}
			if data == nil {
				continue
			}
			out, err := rewrite(data)
			if err != nil {
				return fmt.Errorf("pdf: content stream %d: %w", c, err)
			}
			f.objs[c] = fmt.Appendf(nil, "<</Length %d>>\nstream\n%s\nendstream", len(out), out)
		}
	}
	return nil
}

// streamParts splits a stream object's body into its dictionary and its raw data.
func streamParts(body []byte) (dict, raw []byte, ok bool) {
	si := bytes.Index(body, []byte(">>\nstream\n"))
	if si < 0 || !bytes.HasSuffix(body, []byte("endstream")) {
		return nil, nil, false
	}
	dict = body[:si+2]
	lm := lengthRE.FindSubmatch(dict)
	if lm == nil {
		return nil, nil, false
	}
	n, _ := strconv.Atoi(string(lm[1]))
	start := si + len(">>\nstream\n")
	if start+n > len(body) {
		return nil, nil, false
	}
	return dict, body[start : start+n], true
}

// streamData returns the decoded data of stream object n, nil when it has a filter
// other than Flate.
func (f *File) streamData(n int) ([]byte, error) {
	dict, raw, ok := streamParts(f.objs[n])
	if !ok {
		return nil, fmt.Errorf("object %d is not a stream", n)
	}
	if !bytes.Contains(dict, []byte("/Filter")) {
		return raw, nil
	}
	if !flateRE.Match(dict) || bytes.Contains(dict, []byte("/Filter [")) || bytes.Contains(dict, []byte("/DecodeParms")) {
		return nil, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	return io.ReadAll(zr)
}

// The operators that use the font in force (or end what it applies to), and those that
// save or restore the graphics state.
var (
	fontUsers   = []string{"BT", "ET", "q", "Q", "Tj", "TJ", "'", `"`, "Do", "Tf"}
	stateResets = []string{"q", "Q"}
)

// hasOperator reports whether a line holds one of ops as a whole word (between white
// space or the line's ends).
func hasOperator(l []byte, ops []string) bool {
	for len(l) > 0 {
		start := bytes.IndexFunc(l, func(r rune) bool { return !isSpace(r) })
		if start < 0 {
			return false
		}
		l = l[start:]
		end := bytes.IndexFunc(l, isSpace)
		if end < 0 {
			end = len(l)
		}
		for _, op := range ops {
			if string(l[:end]) == op {
				return true
			}
		}
		l = l[end:]
	}
	return false
}

// isSpace is the white space of the regular expression class \s.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// maybeTextRun and maybeFontOnly are the cheap tests a line must pass before textRun
// and the regular expression fontOnlyRE are tried on it: most lines of a content
// stream fail them.
func maybeTextRun(l []byte) bool {
	return bytes.HasPrefix(l, []byte("q ")) && bytes.HasSuffix(l, []byte("Tj ET Q"))
}

func maybeFontOnly(l []byte) bool {
	return bytes.HasPrefix(l, []byte("BT /F")) && bytes.HasSuffix(l, []byte(" Tf ET"))
}

// hundredths reads a number with at most two decimals as an exact count of hundredths.
func hundredths(s []byte) (int64, bool) {
	whole, frac, _ := bytes.Cut(s, []byte("."))
	if len(frac) > 2 {
		return 0, false
	}
	for len(frac) < 2 {
		frac = append(frac, '0')
	}
	neg := bytes.HasPrefix(whole, []byte("-"))
	w, err1 := strconv.ParseInt(string(bytes.TrimPrefix(whole, []byte("-"))), 10, 64)
	f, err2 := strconv.ParseInt(string(frac), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	v := w*100 + f
	if neg {
		v = -v
	}
	return v, true
}

// decimal writes a count of hundredths as the shortest decimal number.
func decimal(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := sign + strconv.FormatInt(v/100, 10)
	if f := v % 100; f != 0 {
		fs := fmt.Sprintf("%02d", f)
		if fs[1] == '0' {
			fs = fs[:1]
		}
		s += "." + fs
	}
	return s
}

// literal turns a hex string into a literal string of the same bytes, escaping the
// delimiters, the backslash and carriage return (which a reader would turn into a line
// feed); a literal string is returned as it is.
func literal(s []byte) []byte {
	if s[0] != '<' || len(s)%2 != 0 {
		return s
	}
	raw := make([]byte, 0, len(s)/2)
	for i := 1; i+1 < len(s)-1; i += 2 {
		v, _ := strconv.ParseUint(string(s[i:i+2]), 16, 8)
		raw = append(raw, byte(v))
	}
	out := []byte{'('}
	for _, c := range raw {
		switch c {
		case '(', ')', '\\':
			out = append(out, '\\', c)
		case '\r':
			out = append(out, '\\', 'r')
		default:
			out = append(out, c)
		}
	}
	return append(out, ')')
}
