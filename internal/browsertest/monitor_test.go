package browsertest

import (
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
)

// monitor collects what must never happen on a page of the site: a console error, an
// uncaught exception, a failed request, an HTTP error, a request that leaves the site.
// It receives events on chromedp's reader goroutine, so it only records, under a lock.
type monitor struct {
	origin string // the test server, e.g. http://127.0.0.1:1234

	mu       sync.Mutex
	problems []string
	allowed  []string // URL suffixes whose HTTP error is expected (the 404 test)
	urls     map[network.RequestID]string
}

func newMonitor(origin string) *monitor {
	return &monitor{origin: origin, urls: map[network.RequestID]string{}}
}

// allow expects an HTTP error status for URLs ending with suffix.
func (m *monitor) allow(suffix string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.allowed = append(m.allowed, suffix)
}

func (m *monitor) local(u string) bool {
	return strings.HasPrefix(u, m.origin+"/") || strings.HasPrefix(u, "file://") || u == "about:blank"
}

func (m *monitor) handle(ev any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	add := func(format string, args ...any) { m.problems = append(m.problems, fmt.Sprintf(format, args...)) }
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		m.urls[ev.RequestID] = u
		if !m.local(u) {
			add("request to another host: %s (from %s)", u, ev.DocumentURL)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			add("request failed: %s: %s", m.urls[ev.RequestID], ev.ErrorText)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !m.expected(ev.Response.URL) {
			add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError && !m.expected(ev.Entry.URL) {
			add("console error (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
}

func (m *monitor) expected(u string) bool {
	for _, s := range m.allowed {
		if strings.HasSuffix(u, s) {
			return true
		}
	}
	return false
}

// Problems returns what went wrong so far.
func (m *monitor) Problems() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.problems...)
}
