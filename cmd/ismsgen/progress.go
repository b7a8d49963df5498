package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/ismsgen/ismsgen/generator/build"
)

// statusLine shows a long build's progress on a terminal: one line ("rendering pages
// 1234/5000 (24%)") that it draws again in place as the build goes, and clears before
// anything else is printed and when the build ends. A build done within statusDelay
// shows none, so a quick build prints what it always did. It moves with a carriage
// return and blanks with spaces, no escape sequences, which every terminal (a Windows
// console without virtual-terminal processing too) understands.
type statusLine struct {
	mu    sync.Mutex
	term  io.Writer // where the line is drawn: the terminal
	now   func() time.Time
	start time.Time
	last  time.Time // when the line was last drawn
	step  build.Step
	shown int  // the columns of the line on the terminal; 0 when none is
	done  bool // the build is over: draw nothing more
}

const (
	statusDelay = 500 * time.Millisecond // before the first line
	statusEvery = 100 * time.Millisecond // between redraws of one step
	statusWidth = 79                     // columns: a longer line would wrap, and \r not undo it
)

func newStatusLine(w io.Writer, now func() time.Time) *statusLine {
	return &statusLine{term: w, now: now, start: now()}
}

// progressLine returns the status line of a build for w (the command's error
// stream) with the clock now (nil: time.Now), or nil when w is not a terminal: a log
// or a pipe gets no status lines.
func progressLine(w io.Writer, now func() time.Time) *statusLine {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	return newStatusLine(w, now)
}

// update is build.Options.Progress.
func (s *statusLine) update(step build.Step, done, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.now()
	if s.done || t.Sub(s.start) < statusDelay || (step == s.step && t.Sub(s.last) < statusEvery) {
		return
	}
	text := string(step)
	if total > 0 {
		text += fmt.Sprintf(" %d/%d (%d%%)", done, total, done*100/total)
	}
	text = "ismsgen: " + text + "…"
	for utf8.RuneCountInString(text) > statusWidth {
		_, n := utf8.DecodeLastRuneInString(text[:len(text)-len("…")])
		text = text[:len(text)-len("…")-n] + "…"
	}
	n := utf8.RuneCountInString(text)
	fmt.Fprintf(s.term, "\r%s%s", text, strings.Repeat(" ", max(0, s.shown-n)))
	s.shown, s.last, s.step = n, t, step
}

// clear removes the line from the terminal; the caller holds s.mu.
func (s *statusLine) clear() {
	if s.shown > 0 {
		fmt.Fprintf(s.term, "\r%s\r", strings.Repeat(" ", s.shown))
		s.shown = 0
	}
}

// close clears the line for good.
func (s *statusLine) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clear()
	s.done = true
}

// writer returns w writing after the status line is cleared, so that the build's log
// lines (on the same terminal or not) never run into it.
func (s *statusLine) writer(w io.Writer) io.Writer {
	return writerFunc(func(b []byte) (int, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.clear()
		return w.Write(b)
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }
