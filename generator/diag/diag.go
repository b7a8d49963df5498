package diag

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
)

// Pos is a position in a source file. Path is slash-separated and relative to the site
// root; Line and Col are 1-based, and Col counts characters (Unicode code points), as
// editors do. A zero Line means the whole file.
type Pos struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.Path == "":
		return ""
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Before orders positions by path, line and column.
func (p Pos) Before(q Pos) bool {
	if p.Path != q.Path {
		return p.Path < q.Path
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Kind says what sort of problem an Error is, so that later stages classify errors by
// a field rather than by their wording.
type Kind string

const (
	KindSyntax    Kind = ""          // a source cannot be read or decoded (the default)
	KindReference Kind = "reference" // an ID or link does not resolve, or an ID is defined twice
	KindLink      Kind = "link"      // a Markdown link or fragment is broken (reported as a warning with links: warn)
	KindEvidence  Kind = "evidence"  // an evidence record's file is missing, not a regular file, or refused
)

// Error is one positioned problem in the sources.
type Error struct {
	Pos  Pos
	Msg  string
	Kind Kind
	// Group names the target of a broken link ("content/x.md#frag"), so that a text
	// report can show many links to one missing target as one line with a count.
	Group string
}

func (e *Error) Error() string {
	if s := e.Pos.String(); s != "" {
		return s + ": " + e.Msg
	}
	return e.Msg
}

// Errorf makes a positioned error.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// List collects the errors of one build. The zero value is ready to use; it is not safe
// for concurrent use.
type List []*Error

// Add appends an error.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// AddKind appends an error of a kind.
func (l *List) AddKind(kind Kind, pos Pos, format string, args ...any) *Error {
	e := Errorf(pos, format, args...)
	e.Kind = kind
	*l = append(*l, e)
	return e
}

// Append adds every error of another list.
func (l *List) Append(m List) { *l = append(*l, m...) }

// Sort orders the list by position and drops exact duplicates.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Pos != s[j].Pos {
			return s[i].Pos.Before(s[j].Pos)
		}
		return s[i].Msg < s[j].Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Pos == s[i-1].Pos && e.Msg == s[i-1].Msg {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// AsList extracts the positioned errors of err: a List, a single *Error, or nothing.
func AsList(err error) (List, bool) {
	var l List
	if errors.As(err, &l) {
		return l, true
	}
	var e *Error
	if errors.As(err, &e) {
		return List{e}, true
	}
	return nil, false
}

// maxGroupPositions is how many further positions a collapsed group lists.
const maxGroupPositions = 5

// Lines formats the list for a terminal, one error a line; errors of the same Group
// after the first are folded into it as a count and their first few positions.
func (l List) Lines() []string {
	var out []string
	index := map[string]int{}
	more := map[string][]Pos{}
	for _, e := range l {
		if e.Group != "" {
			if _, seen := index[e.Group]; seen {
				more[e.Group] = append(more[e.Group], e.Pos)
				continue
			}
			index[e.Group] = len(out)
		}
		out = append(out, e.Error())
	}
	for g, ps := range more {
		var at []string
		for i, p := range ps {
			if i == maxGroupPositions {
				at = append(at, "…")
				break
			}
			at = append(at, p.String())
		}
		out[index[g]] += fmt.Sprintf(" (and %d more link%s to the same target: %s)", len(ps), plural(len(ps)), strings.Join(at, ", "))
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Internal is the error for a panic recovered while processing the source at pos: a bug
// in ismsgen rather than a mistake in the source, but reported against the source that
// triggered it, so that the build fails like any other content error (with the rest of
// its errors) and the live preview stays up. doing says what was under way ("rendering
// this document"). Call it from the deferred function that recovered v: the error then
// names where in ismsgen the panic happened, for the bug report.
func Internal(pos Pos, doing string, v any) *Error {
	where := ""
	if at := panicSite(); at != "" {
		where = "at " + at + "; "
	}
	return Errorf(pos, "internal error %s: %v (%splease report this)", doing, v, where)
}

// module is the import path prefix of ismsgen's own packages.
const module = "github.com/ismsgen/ismsgen/"

// panicSite returns file:line of the function that panicked and, when that is not in
// ismsgen (goldmark, fpdf, the standard library), of the ismsgen code that called it;
// "" when the stack shows no panic.
func panicSite() string {
	pc := make([]uintptr, 64)
	frames := runtime.CallersFrames(pc[:runtime.Callers(2, pc)])
	panicking := false
	first := ""
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			site := fmt.Sprintf("%s:%d", shortFile(f.File), f.Line)
			if strings.HasPrefix(f.Function, module) {
				if first == "" {
					return site
				}
				return first + ", called from " + site
			}
			if first == "" {
				first = site
			}
		}
		if !more {
			return first
		}
	}
}

// shortFile shortens a source file path for a message: relative to the module cache,
// GOROOT or the ismsgen repository.
func shortFile(file string) string {
	for _, dir := range []string{"/pkg/mod/", "/src/"} {
		if i := strings.LastIndex(file, dir); i >= 0 && !strings.Contains(file[i:], "/generator/") {
			return file[i+len(dir):]
		}
	}
	for _, dir := range []string{"/generator/", "/internal/", "/cmd/"} {
		if i := strings.LastIndex(file, dir); i >= 0 {
			return file[i+1:]
		}
	}
	return file
}
