package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// fakeClock returns a clock that reads at, which the test moves.
func fakeClock(at *time.Time) func() time.Time { return func() time.Time { return *at } }

// TestStatusLineDrawsLateThrottledAndClears: nothing within the first half second;
// then a line drawn in place (\r, blanks over what is left of a longer one), redrawn at
// most every 100 ms within a step and at once for a new one, cleared before a log line
// and at the end, and never again after.
func TestStatusLineDrawsLateThrottledAndClears(t *testing.T) {
	var term, log bytes.Buffer
	now := time.Unix(0, 0)
	s := newStatusLine(&term, fakeClock(&now))
	logw := s.writer(&log)

	s.update(build.StepSources, 0, 0)
	now = now.Add(400 * time.Millisecond)
	s.update(build.StepPages, 10, 100)
	if term.Len() != 0 {
		t.Fatalf("a line within %v of the start: %q", statusDelay, term.String())
	}
	now = now.Add(200 * time.Millisecond)
	s.update(build.StepPages, 20, 100)
	now = now.Add(50 * time.Millisecond)
	s.update(build.StepPages, 30, 100) // too soon: not drawn
	now = now.Add(10 * time.Millisecond)
	s.update(build.StepWrite, 0, 0) // a new step: drawn at once
	first := "ismsgen: rendering pages 20/100 (20%)…"
	second := "ismsgen: writing the output…"
	want := "\r" + first + "\r" + second + strings.Repeat(" ", len([]rune(first))-len([]rune(second)))
	if got := term.String(); got != want {
		t.Fatalf("terminal:\n got %q\nwant %q", got, want)
	}
	term.Reset()
	logw.Write([]byte("built …\n"))
	// Blanks over the last line drawn (what was left of the longer one is blank already).
	if term.String() != "\r"+strings.Repeat(" ", len([]rune(second)))+"\r" || log.String() != "built …\n" {
		t.Fatalf("a log line did not clear the status line first: terminal %q, log %q", term.String(), log.String())
	}
	term.Reset()
	logw.Write([]byte("more\n")) // nothing shown: nothing to clear
	now = now.Add(time.Second)
	s.update(build.StepWrite, 0, 0)
	s.close()
	s.update(build.StepWrite, 0, 0)
	if got, want := term.String(), "\r"+second+"\r"+strings.Repeat(" ", len([]rune(second)))+"\r"; got != want {
		t.Fatalf("after the log lines and close: %q", got)
	}
}

// TestStatusLineFitsTheTerminal: a long step (a release's pack) is cut to 79
// columns, so that \r can return to its start.
func TestStatusLineFitsTheTerminal(t *testing.T) {
	var term bytes.Buffer
	now := time.Unix(0, 0)
	s := newStatusLine(&term, fakeClock(&now))
	now = now.Add(time.Second)
	s.update(build.Step("release v1.0: "+strings.Repeat("é", 100)), 1, 3)
	line := strings.TrimPrefix(term.String(), "\r")
	if n := utf8.RuneCountInString(line); n != statusWidth || !strings.HasSuffix(line, "é…") {
		t.Fatalf("%d columns, %q", n, line)
	}
}

// TestBuildShowsNoStatusLineOffATerminal: a build whose error stream is a file (a CI
// log) writes no status line, however long it takes.
func TestBuildShowsNoStatusLineOffATerminal(t *testing.T) {
	src := t.TempDir()
	if err := synth.Generate(src, 20); err != nil {
		t.Fatal(err)
	}
	errf, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer errf.Close()
	var out bytes.Buffer
	now := time.Unix(0, 0)
	clock := func() time.Time { now = now.Add(time.Second); return now } // every update late enough
	code := run(context.Background(), &stdio{out: &out, err: errf, env: func(string) string { return "" }, now: clock},
		[]string{"build", "--no-pack", "--source", src, "--dest", filepath.Join(t.TempDir(), "public"), "--date", "2026-11-22"})
	b, _ := os.ReadFile(errf.Name())
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), b)
	}
	if bytes.ContainsAny(b, "\r") || strings.ContainsAny(out.String(), "\r") {
		t.Fatalf("a status line off a terminal:\nstderr %q\nstdout %q", b, out.String())
	}
}
