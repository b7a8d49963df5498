package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// lockedBuffer collects a running command's output for the test to read meanwhile.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var servingURL = regexp.MustCompile(`Serving the ISMS preview at (http://\S+/)`)

// TestServeCommand starts ismsgen serve on a free port, reads a page, and stops it as
// Ctrl-C does (by cancelling the context): the command must exit 0.
func TestServeCommand(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	var out, errb lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, &stdio{out: &out, err: &errb, env: func(string) string { return "" }}, []string{"serve", "--source", src, "--port", "0"})
	}()

	var url string
	deadline := time.Now().Add(10 * time.Second)
	for url == "" {
		if m := servingURL.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited with %d:\n%s\n%s", c, out.String(), errb.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed:\n%s\n%s", out.String(), errb.String())
		}
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("URL %s: not loopback", url)
	}
	resp, err := http.Get(url + "policies/is.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "We protect information.") || !strings.Contains(string(body), "/__ismsgen/live.js") {
		t.Errorf("GET policies/is.html: %d\n%s", resp.StatusCode, body)
	}

	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit status %d after Ctrl-C:\n%s", c, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after Ctrl-C")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after stopping")
	}
}

func TestServeUsageErrors(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"port out of range", []string{"--port", "70000"}, 2, "--port 70000"},
		{"stray argument", []string{"content"}, 2, "serve takes no arguments"},
		{"bad flag", []string{"--live"}, 2, "unknown flag --live"},
		{"missing source", []string{"--source", "/nonexistent"}, 2, "not a directory"},
		{"busy port", []string{"--port", busy}, 1, "already in use"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb lockedBuffer
			args := append([]string{"serve"}, tc.args...)
			if tc.name != "missing source" {
				args = append(args, "--source", src)
			}
			c := run(context.Background(), &stdio{out: &out, err: &errb, env: func(string) string { return "" }}, args)
			if c != tc.code || !strings.Contains(errb.String(), tc.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s", c, tc.code, errb.String())
			}
		})
	}
}

// TestOpenBrowser runs a stand-in xdg-open and checks it gets the URL; without one,
// opening fails with an error the command prints as a warning.
func TestOpenBrowser(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the stand-in opener is a shell script for xdg-open")
	}
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	if err := openBrowser("http://127.0.0.1:1313/"); err == nil || !strings.Contains(err.Error(), "xdg-open not found") {
		t.Fatalf("no opener: err = %v", err)
	}
	got := filepath.Join(t.TempDir(), "opened")
	script := "#!/bin/sh\necho \"$1\" > " + got + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := openBrowser("http://127.0.0.1:1313/"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(got)
		if strings.TrimSpace(string(b)) == "http://127.0.0.1:1313/" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the opener got %q", b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
