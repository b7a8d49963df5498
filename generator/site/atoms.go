package site

import (
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"
)

// Atoms are the values a reader scans for and that must never break across lines:
// dates and version numbers (IDs are links of class "ref"). The theme's CSS keeps
// each on one line; long prose around them still wraps.

// dateHTML is a date as a <time> element ("" for a zero date). A YYYY-MM-DD date is its
// own machine-readable value (HTML reads a <time>'s text when it has no datetime
// attribute), so it is written once, not twice.
func dateHTML(v any) template.HTML {
	s := fmt.Sprint(v)
	if s == "" {
		return ""
	}
	esc := template.HTMLEscapeString(s)
	if isDate(s) {
		return template.HTML(`<time>` + esc + `</time>`)
	}
	return template.HTML(`<time datetime="` + esc + `">` + esc + `</time>`)
}

// nowrapHTML is a value (a version number) that stays on one line. One of letters,
// digits and dots ("1.2", "v2") offers no line break, so it needs no element.
func nowrapHTML(v any) template.HTML {
	s := fmt.Sprint(v)
	if s == "" {
		return ""
	}
	if unbreakable(s) {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(`<span class="nowrap">` + template.HTMLEscapeString(s) + `</span>`)
}

// unbreakable reports whether s is ASCII letters, digits and dots, between which
// Unicode's line breaking rules (UAX #14) allow no break.
func unbreakable(s string) bool {
	for _, c := range s {
		if !(c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// isDate reports whether s is a date as the model writes it (YYYY-MM-DD).
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return len(s) == len(time.DateOnly) && err == nil
}

// Long words and addresses in a register's cells wrap: a table column is never
// narrower than its longest unbreakable run of text, so an address in a justification
// would widen its register past the window.
const (
	longRun  = 20 // a run of text without spaces this long gets break opportunities
	hardWrap = 24 // the longest stretch left without one
)

// wrapHTML is a value as escaped text with break opportunities (<wbr>) in its long
// runs: after each "/", ".", "_", "?", "&", "=" and "#" of an address, and every
// hardWrap characters of a run that has none.
func wrapHTML(v any) template.HTML {
	s := fmt.Sprint(v)
	var b strings.Builder
	for i, word := range strings.SplitAfter(s, " ") {
		if i > 0 && word == "" {
			continue
		}
		if utf8.RuneCountInString(strings.TrimSpace(word)) < longRun {
			b.WriteString(template.HTMLEscapeString(word))
			continue
		}
		stretch := 0
		for _, r := range word {
			b.WriteString(template.HTMLEscapeString(string(r)))
			stretch++
			if strings.ContainsRune("/._?&=#", r) || stretch >= hardWrap {
				b.WriteString("<wbr>")
				stretch = 0
			}
		}
	}
	return template.HTML(b.String())
}
