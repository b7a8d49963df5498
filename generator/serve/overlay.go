package serve

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/diag"
)

// overlayError is one error as the overlay shows it: where, what, and the source lines
// around it, so the author sees the mistake without switching to the terminal.
type overlayError struct {
	Pos     string       `json:"pos,omitempty"` // path:line:col
	Path    string       `json:"path,omitempty"`
	Line    int          `json:"line,omitempty"`
	Col     int          `json:"col,omitempty"`
	Message string       `json:"message"`
	Source  []sourceLine `json:"source,omitempty"`
}

type sourceLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

const (
	// contextLines are shown before and after the line of an error.
	contextLines = 2
	// maxOverlayErrors bounds the payload when a broken file makes hundreds of errors;
	// the terminal still prints them all.
	maxOverlayErrors = 100
	// maxLineLen cuts very long source lines (a minified file, a data URI).
	maxLineLen = 300
)

// overlayErrors turns a failed build's error into overlay entries. The failed build
// returns no model, so the source lines are read from the files as they are now: the
// same bytes the build just read, unless the author saved again meanwhile, in which case
// another rebuild is already on its way.
func overlayErrors(root string, err error) []overlayError {
	l, ok := diag.AsList(err)
	if !ok {
		return []overlayError{{Message: err.Error()}}
	}
	files := map[string][]string{}
	var out []overlayError
	for i, e := range l {
		if i == maxOverlayErrors {
			out = append(out, overlayError{Message: fmt.Sprintf("… and %d more errors (the terminal lists them all)", len(l)-i)})
			break
		}
		oe := overlayError{Pos: e.Pos.String(), Path: e.Pos.Path, Line: e.Pos.Line, Col: e.Pos.Col, Message: e.Msg}
		if e.Pos.Path != "" && e.Pos.Line > 0 {
			lines, ok := files[e.Pos.Path]
			if !ok {
				lines = readLines(root, e.Pos.Path)
				files[e.Pos.Path] = lines
			}
			oe.Source = excerpt(lines, e.Pos.Line)
		}
		out = append(out, oe)
	}
	return out
}

// readLines reads a source file's lines; nil when it cannot be read. It reads as the
// loader does (load.ReadFile): never a file outside the site or in a hidden directory,
// a link out of it, a named pipe or a device — the very files a refusal error names.
func readLines(root, p string) []string {
	b, err := build.ReadSource(root, p)
	if err != nil {
		return nil
	}
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	// Lines as the YAML decoder counts them: CRLF, LF and a lone CR each end one.
	return strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
}

// excerpt returns the lines around line (1-based).
func excerpt(lines []string, line int) []sourceLine {
	if line > len(lines) {
		return nil
	}
	var out []sourceLine
	for n := max(1, line-contextLines); n <= min(len(lines), line+contextLines); n++ {
		t := lines[n-1]
		if len(t) > maxLineLen {
			t = strings.ToValidUTF8(t[:maxLineLen], "") + "…"
		}
		out = append(out, sourceLine{N: n, Text: t})
	}
	// A file's final newline makes an empty last "line" no editor shows.
	if k := len(out) - 1; k >= 0 && out[k].N == len(lines) && out[k].Text == "" && out[k].N != line {
		out = out[:k]
	}
	return out
}

// placeholderPage is served for every page until the first build succeeds: it carries
// the live script, so the overlay shows the errors and the page reloads once they are
// fixed.
func placeholderPage() []byte {
	return []byte(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ismsgen preview</title>
` + string(head) + `
</head>
<body>
<main>
<h1>The preview has no build yet</h1>
<p>The sources have errors, listed over this page. Save a fix and the page reloads by itself.</p>
</main>
</body>
</html>
`)
}
