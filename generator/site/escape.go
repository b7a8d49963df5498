package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// htmlWriter writes HTML as html/template would write a template's output: text and
// quoted attribute values escaped by html/template's rules, URLs filtered and
// normalised as it does in a URL attribute. The partials rendered in Go (goPartials)
// write with it, so that they give the bytes their templates give (escape_test.go
// compares the two on hostile strings).
type htmlWriter struct{ b *bytes.Buffer }

// raw writes trusted markup.
func (w htmlWriter) raw(s string) { w.b.WriteString(s) }

// html writes a value that is HTML already (template.HTML), as a text node takes it.
func (w htmlWriter) html(h template.HTML) { w.b.WriteString(string(h)) }

// text writes v as {{v}} in a text node or a quoted attribute (not a URL) does with a
// value that is not HTML (HTML goes through html): its fmt.Sprint form with NUL, ", &,
// ', +, < and > escaped.
func (w htmlWriter) text(v any) {
	if s, ok := v.(string); ok {
		w.esc(s)
		return
	}
	w.esc(fmt.Sprint(v))
}

func (w htmlWriter) esc(s string) {
	from := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.b.WriteString(s[from:i])
		w.b.WriteString(repl)
		from = i + 1
	}
	w.b.WriteString(s[from:])
}

// url writes s as href="{{s}}" does when the action starts the attribute's value: a
// URL of a scheme other than http, https and mailto is replaced by "#ZgotmplZ", the
// rest percent-encoded where a URL may not hold a byte, then escaped as an attribute.
func (w htmlWriter) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		w.b.WriteString("#ZgotmplZ")
		return
	}
	var n strings.Builder
	from := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		n.WriteString(s[from:i])
		fmt.Fprintf(&n, "%%%02x", c)
		from = i + 1
	}
	if from == 0 {
		w.esc(s)
		return
	}
	n.WriteString(s[from:])
	w.esc(n.String())
}

// urlPart writes s as href="#{{s}}" does (an action after the URL's "#" or "?"):
// every byte but ASCII letters, digits and -._~ percent-encoded.
func (w htmlWriter) urlPart(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			w.b.WriteByte(c)
			continue
		}
		fmt.Fprintf(w.b, "%%%02x", c)
	}
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
