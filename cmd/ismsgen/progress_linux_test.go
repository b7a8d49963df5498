package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/ismsgen/ismsgen/internal/synth"
)

// openPTY opens a pseudo-terminal pair: what is written to tty is read from master.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here (%v): the status line is shown only on a terminal", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatal(err)
	}
	return m, s
}

// TestBuildDrawsItsProgressOnATerminal runs `ismsgen build` with its output and error
// streams on a real pseudo-terminal, as in a shell: the terminal shows the steps and the
// pages counted up to all of them, each line drawn over the last, and the summary on a
// clean line with no status line left after it.
func TestBuildDrawsItsProgressOnATerminal(t *testing.T) {
	master, tty := openPTY(t)
	defer master.Close()
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() { io.Copy(&screen, master); close(read) }() // ends with EIO once tty closes

	src := t.TempDir()
	if err := synth.Generate(src, 30); err != nil {
		t.Fatal(err)
	}
	now := time.Unix(0, 0)
	clock := func() time.Time { now = now.Add(time.Second); return now } // every update drawn
	code := run(context.Background(), &stdio{out: tty, err: tty, env: func(string) string { return "" }, now: clock},
		[]string{"build", "--no-pack", "--source", src, "--dest", filepath.Join(t.TempDir(), "public"), "--date", "2026-11-22"})
	tty.Close()
	<-read
	got := strings.ReplaceAll(screen.String(), "\r\n", "\n") // the terminal's line discipline
	if code != 0 {
		t.Fatalf("exit %d:\n%q", code, got)
	}
	for _, step := range []string{"reading and resolving the sources", "checking readiness", "writing the output"} {
		if !strings.Contains(got, "\rismsgen: "+step+"…") {
			t.Errorf("the terminal never showed %q:\n%q", step, got)
		}
	}
	pages := regexp.MustCompile(`\rismsgen: rendering pages (\d+)/(\d+) \(\d+%\)…`).FindAllStringSubmatch(got, -1)
	if len(pages) == 0 || pages[len(pages)-1][1] != pages[len(pages)-1][2] {
		t.Fatalf("the pages were not counted up to all of them: %v\n%q", pages, got)
	}
	summary := strings.Index(got, "built 30 documents")
	if summary < 0 || !regexp.MustCompile(`\r {20,}\r$`).MatchString(got[:summary]) {
		t.Fatalf("the summary is not on a cleared line:\n%q", got)
	}
	if rest := got[summary:]; strings.Contains(rest, "\r") {
		t.Fatalf("a status line was drawn after the summary: %q", rest)
	}
}
