package site

import (
	"fmt"
	"html/template"
	"time"
)

// Atoms are the values a reader scans for and that must never break across lines:
// dates and version numbers (IDs are links of class "ref"). The theme's CSS keeps
// each on one line; long prose around them still wraps.

// dateHTML is a date as a <time> element ("" for a zero date).
func dateHTML(v any) template.HTML {
	s := fmt.Sprint(v)
	if s == "" {
		return ""
	}
	esc := template.HTMLEscapeString(s)
	return template.HTML(`<time datetime="` + esc + `">` + esc + `</time>`)
}

// nowrapHTML is a value (a version number) that stays on one line.
func nowrapHTML(v any) template.HTML {
	s := fmt.Sprint(v)
	if s == "" {
		return ""
	}
	return template.HTML(`<span class="nowrap">` + template.HTMLEscapeString(s) + `</span>`)
}

// isDate reports whether s is a date as the model writes it (YYYY-MM-DD).
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return len(s) == len(time.DateOnly) && err == nil
}
