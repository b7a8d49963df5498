package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/serve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// buildDate is the date every test build uses, so that served pages can be compared
// with a fresh build.
var buildDate = model.NewDate(2026, 11, 22)

// liveHead is what the preview injects into every page's <head>.
const liveHead = `<script defer src="/__ismsgen/live.js"></script>`

// wait bounds every wait for an expected event or state.
const wait = 10 * time.Second

// syncBuffer is a log writer safe for the server's goroutines and the test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// preview is a running server on a temporary site.
type preview struct {
	t   testing.TB
	src string
	srv *serve.Server
	url string // http://127.0.0.1:port (no trailing slash)
	log *syncBuffer
}

// start writes the site and serves it on a free port until the test ends; the test
// then checks that Run returned cleanly.
func start(t testing.TB, files fixture.Files, mutate ...func(*serve.Options)) *preview {
	t.Helper()
	src := fixture.Write(t, files)
	return startAt(t, src, mutate...)
}

func startAt(t testing.TB, src string, mutate ...func(*serve.Options)) *preview {
	t.Helper()
	log := &syncBuffer{}
	opt := serve.Options{Source: src, Port: 0, Log: log, Version: "test", Date: buildDate}
	for _, m := range mutate {
		m(&opt)
	}
	srv, err := serve.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(wait):
			t.Errorf("Run did not return after its context was cancelled")
		}
	})
	return &preview{t: t, src: src, srv: srv, url: strings.TrimSuffix(srv.URL(), "/"), log: log}
}

// write saves a source file in place.
func (p *preview) write(rel, content string) {
	p.t.Helper()
	full := filepath.Join(p.src, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// saveAtomic saves the way careful editors do: a temporary file, renamed over the
// original.
func (p *preview) saveAtomic(rel, content string) {
	p.t.Helper()
	full := filepath.Join(p.src, filepath.FromSlash(rel))
	tmp := filepath.Join(filepath.Dir(full), "."+filepath.Base(full)+".tmp1234")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
	if err := os.Rename(tmp, full); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) remove(rel string) {
	p.t.Helper()
	if err := os.Remove(filepath.Join(p.src, filepath.FromSlash(rel))); err != nil {
		p.t.Fatal(err)
	}
}

// response is an HTTP answer.
type response struct {
	status int
	header http.Header
	body   string
}

// client never follows redirects, so tests see them.
var client = &http.Client{
	Timeout:       wait,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func (p *preview) do(method, path string, header ...string) response {
	p.t.Helper()
	req, err := http.NewRequest(method, p.url+path, nil)
	if err != nil {
		p.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		p.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (p *preview) get(path string) response { p.t.Helper(); return p.do(http.MethodGet, path) }

// waitPage polls a page until it contains want.
func (p *preview) waitPage(path, want string) response {
	p.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		r := p.get(path)
		if strings.Contains(r.body, want) {
			return r
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("GET %s never contained %q; last answer %d:\n%s\nlog:\n%s", path, want, r.status, r.body, p.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// event is one Server-Sent Event.
type event struct {
	name string
	data string
}

type overlayError struct {
	Pos     string `json:"pos"`
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	Source  []struct {
		N    int    `json:"n"`
		Text string `json:"text"`
	} `json:"source"`
}

type eventData struct {
	Build   string         `json:"build"`
	Changed []string       `json:"changed"`
	Errors  []overlayError `json:"errors"`
}

func (e event) decode(t testing.TB) eventData {
	t.Helper()
	var d eventData
	if err := json.Unmarshal([]byte(e.data), &d); err != nil {
		t.Fatalf("event %s: bad data %q: %v", e.name, e.data, err)
	}
	return d
}

func (d eventData) changed(p string) bool {
	for _, c := range d.Changed {
		if c == p {
			return true
		}
	}
	return false
}

// stream is a subscription to the preview's event stream.
type stream struct {
	t      testing.TB
	events chan event
	cancel context.CancelFunc
}

// subscribe connects to the event stream and returns once the hello event arrived.
func (p *preview) subscribe() (*stream, eventData) {
	p.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/__ismsgen/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		p.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		cancel()
		p.t.Fatalf("event stream has Content-Type %q", ct)
	}
	s := &stream{t: p.t, events: make(chan event, 1024), cancel: cancel}
	p.t.Cleanup(cancel)
	go func() {
		defer resp.Body.Close()
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					s.events <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	hello := s.next("hello")
	return s, hello.decode(p.t)
}

// next returns the next event, which must be named name.
func (s *stream) next(name string) event {
	s.t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			s.t.Fatalf("event stream closed while waiting for %q", name)
		}
		if ev.name != name {
			s.t.Fatalf("got event %s %s, want %s", ev.name, ev.data, name)
		}
		return ev
	case <-time.After(wait):
		s.t.Fatalf("no %q event within %s", name, wait)
	}
	return event{}
}

// until returns the first event for which ok is true, failing on any event for which
// bad is true (nil: none) and after the deadline.
func (s *stream) until(what string, ok, bad func(event) bool) event {
	s.t.Helper()
	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	for {
		select {
		case ev, open := <-s.events:
			if !open {
				s.t.Fatalf("event stream closed while waiting for %s", what)
			}
			if bad != nil && bad(ev) {
				s.t.Fatalf("unexpected event while waiting for %s: %s %s", what, ev.name, ev.data)
			}
			if ok(ev) {
				return ev
			}
		case <-timeout.C:
			s.t.Fatalf("no event within %s: %s", wait, what)
		}
	}
}

// changeOf waits for a change event that lists page.
func (s *stream) changeOf(page string) eventData {
	s.t.Helper()
	ev := s.until("a change of "+page, func(ev event) bool {
		return ev.name == "change" && ev.decode(s.t).changed(page)
	}, func(ev event) bool {
		return ev.name == "status" && len(ev.decode(s.t).Errors) > 0
	})
	return ev.decode(s.t)
}

// statusWithErrors waits for a status event that reports errors.
func (s *stream) statusWithErrors() eventData {
	s.t.Helper()
	return s.until("errors", func(ev event) bool {
		return ev.name == "status" && len(ev.decode(s.t).Errors) > 0
	}, nil).decode(s.t)
}

// fixed waits, after errors, for the status event that clears them and the change
// event that lists page, in either order.
func (s *stream) fixed(page string) {
	s.t.Helper()
	cleared, changed := false, false
	s.until("the errors to clear and "+page+" to change", func(ev event) bool {
		d := ev.decode(s.t)
		switch {
		case ev.name == "status" && len(d.Errors) == 0:
			cleared = true
		case ev.name == "change" && d.changed(page):
			changed = true
		}
		return cleared && changed
	}, nil)
}
