package serve

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"
)

// The event stream (/__ismsgen/events) carries three events, each with a JSON object:
//
//	hello   {"build": ID, "errors": [...]}     on connect: the current build and errors
//	change  {"build": ID, "changed": [paths]} after a build whose output changed
//	status  {"errors": [...]}                  after a build whose errors changed
//
// A page remembers the build it was loaded from (live.js is served with it); a hello
// naming another build means the page missed changes while disconnected, so it reloads.

// hub fans events out to the connected pages. The current build and errors live here,
// under the same lock as the subscriber list, so that a page connecting during a rebuild
// gets either the state before it and then the event, or the state after it: never
// neither.
type hub struct {
	mu     sync.Mutex
	subs   map[chan []byte]struct{}
	build  string
	errors []overlayError // the latest rebuild's
	// packErrors are the errors of packs built from the latest rebuild's sources (a
	// pack is built on request, after the rebuild), by pack name.
	packErrors map[string][]overlayError
	sources    int // the latest rebuild's snapshot.sources
	closed     bool
}

// subscriberBuffer is how many events a slow page may lag behind before it is cut off;
// it then reconnects and, its build being stale, reloads.
const subscriberBuffer = 32

func newHub(build string) *hub { return &hub{subs: map[chan []byte]struct{}{}, build: build} }

type helloEvent struct {
	Build  string         `json:"build"`
	Errors []overlayError `json:"errors,omitempty"`
}

type changeEvent struct {
	Build   string   `json:"build"`
	Changed []string `json:"changed"`
}

type statusEvent struct {
	Errors []overlayError `json:"errors"`
}

// subscribe registers a page and returns its event channel and the hello frame; ok is
// false once the hub is closed.
func (h *hub) subscribe() (ch chan []byte, hello []byte, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil, false
	}
	ch = make(chan []byte, subscriberBuffer)
	h.subs[ch] = struct{}{}
	return ch, frame("hello", helloEvent{Build: h.build, Errors: h.current()}), true
}

func (h *hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[ch]; ok {
		delete(h.subs, ch)
		close(ch)
	}
}

// change announces a build whose output changed.
func (h *hub) change(build string, changed []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.build = build
	h.broadcast(frame("change", changeEvent{Build: build, Changed: changed}))
}

// rebuilt records a rebuild of the sources numbered sources and its errors (nil when
// it succeeded). The packs' errors are of older sources now, so they go. The pages hear
// of it when announce is set or when pack errors went.
func (h *hub) rebuilt(sources int, errs []overlayError, announce bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sources, h.errors = sources, errs
	if len(h.packErrors) > 0 {
		h.packErrors, announce = nil, true
	}
	if announce {
		h.broadcastStatus()
	}
}

// packFailed shows the errors of a pack built from the sources numbered sources, unless
// a rebuild has replaced those sources since.
func (h *hub) packFailed(sources int, name string, errs []overlayError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if sources != h.sources {
		return
	}
	if h.packErrors == nil {
		h.packErrors = map[string][]overlayError{}
	}
	h.packErrors[name] = errs
	h.broadcastStatus()
}

// current returns the errors the overlay shows: the build's, then the packs' by name.
// Call with h.mu held.
func (h *hub) current() []overlayError {
	if len(h.packErrors) == 0 {
		return h.errors
	}
	out := slices.Clone(h.errors)
	for _, name := range slices.Sorted(maps.Keys(h.packErrors)) {
		out = append(out, h.packErrors[name]...)
	}
	return out
}

// broadcastStatus sends the current errors. Call with h.mu held.
func (h *hub) broadcastStatus() {
	errs := h.current()
	if errs == nil {
		errs = []overlayError{}
	}
	h.broadcast(frame("status", statusEvent{Errors: errs}))
}

// broadcast sends a frame to every page; a page whose buffer is full is dropped rather
// than allowed to stall the rebuilds. Call with h.mu held.
func (h *hub) broadcast(f []byte) {
	for ch := range h.subs {
		select {
		case ch <- f:
		default:
			delete(h.subs, ch)
			close(ch)
		}
	}
}

// close ends every stream, for shutdown.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.subs {
		delete(h.subs, ch)
		close(ch)
	}
}

// frame formats one Server-Sent Event. JSON has no raw newlines, so one data line holds
// it.
func frame(event string, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the event types hold strings and ints only
	}
	out := make([]byte, 0, len(b)+len(event)+16)
	out = append(out, "event: "...)
	out = append(out, event...)
	out = append(out, "\ndata: "...)
	out = append(out, b...)
	return append(out, "\n\n"...)
}

// keepAlive is how often an idle stream gets a comment line, so that proxies and the
// browser notice a dead connection.
const keepAlive = 15 * time.Second

// serveEvents streams events to one page until it goes away or the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		return // a stream has no end to report the length of
	}
	ch, hello, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "the preview is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// retry: reconnect quickly after the preview restarts.
	if _, err := w.Write(append([]byte("retry: 1000\n\n"), hello...)); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var f []byte
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			f = []byte(": ping\n\n")
		case ev, ok := <-ch:
			if !ok {
				return
			}
			f = ev
		}
		if _, err := w.Write(f); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}
