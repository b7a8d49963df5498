package serve

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
)

// Options configure a preview server.
type Options struct {
	Source string // site directory
	// Bind is the address to listen on; empty means 127.0.0.1. Any address other than a
	// loopback one makes the (possibly confidential) ISMS reachable from other machines,
	// so Run warns about it.
	Bind string
	// Port is the TCP port; 0 picks a free one (see Addr and URL).
	Port   int
	Drafts bool
	// Links overrides the site's links: setting (error or warn); "" keeps it.
	Links model.LinkLevel
	Log   io.Writer // progress, the URL and build errors; nil for none
	// Progress is told of the first build's steps, the one before the preview starts
	// serving, as build.Options.Progress is (the command line's status line); the
	// rebuilds after an edit take milliseconds and tell it nothing. Nil for none.
	Progress func(step build.Step, done, total int)
	Version  string
	// Date is the build date; zero means the current day, taken at each rebuild so a
	// preview left running over midnight moves on.
	Date model.Date
	// Debounce is how long the sources must stay quiet after a change before the
	// rebuild starts, so that a burst of events (an editor's save, a git checkout) makes
	// one rebuild; zero means 10ms.
	Debounce time.Duration
	// Pack renders one PDF pack of the given (error-free) graph. An unknown name must
	// give an error wrapping fs.ErrNotExist. Nil means build.RenderPack.
	Pack func(ctx context.Context, res *build.Result, name string) ([]byte, error)
}

// head is what every page gets at the end of its <head> in the preview: an external
// script, because the Content-Security-Policy forbids inline ones. It never changes
// between builds, so it changes no page's output.
const head template.HTML = `<script defer src="/__ismsgen/live.js"></script>`

const (
	defaultDebounce = 10 * time.Millisecond
	// removalGrace is the quiet time after a file disappeared: editors that delete and
	// re-create a file on save would otherwise flash "missing document" errors.
	removalGrace = 120 * time.Millisecond
	// maxDelay bounds how long a stream of events can hold a rebuild back.
	maxDelay = time.Second
)

// Server is one live preview.
type Server struct {
	opt      Options
	root     string // absolute site directory
	ln       net.Listener
	loopback bool
	instance string // tells this server's builds from a restarted server's

	watch  *watcher
	hub    *hub
	packs  *packCache
	loader *build.Loader // owned by the rebuild goroutine
	snap   atomic.Pointer[snapshot]
	log    io.Writer
	// ctx is Run's context, for work that outlives a request (building a pack).
	ctx context.Context

	runOnce sync.Once
}

// New checks the options, opens the listening socket (so that a busy port fails here,
// with a clear message) and starts watching the sources. Call Run to build and serve.
func New(opt Options) (*Server, error) {
	if opt.Source == "" {
		opt.Source = "."
	}
	root, err := filepath.Abs(opt.Source)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("site directory %s: not a directory", opt.Source)
	}
	if opt.Bind == "" {
		opt.Bind = "127.0.0.1"
	}
	if opt.Port < 0 || opt.Port > 65535 {
		return nil, fmt.Errorf("port %d: want 0 to 65535", opt.Port)
	}
	if opt.Debounce <= 0 {
		opt.Debounce = defaultDebounce
	}
	s := &Server{opt: opt, root: root, log: opt.Log, packs: newPackCache(), loader: build.NewLoader(),
		instance: strconv.FormatInt(time.Now().UnixNano(), 36), ctx: context.Background()}
	s.hub = newHub(s.buildID(0))
	if s.log == nil {
		s.log = io.Discard
	}
	s.snap.Store(&snapshot{})
	addr := net.JoinHostPort(opt.Bind, strconv.Itoa(opt.Port))
	s.ln, err = net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("port %d on %s is already in use (is another preview running?): choose another with --port, or --port 0 for a free one", opt.Port, opt.Bind)
		}
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	s.loopback = isLoopback(opt.Bind)
	if s.watch, err = newWatcher(root, s.logf); err != nil {
		s.ln.Close()
		return nil, err
	}
	return s, nil
}

// Addr is the address the server listens on, such as 127.0.0.1:41523.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the preview's address for a browser.
func (s *Server) URL() string {
	host, port, _ := net.SplitHostPort(s.Addr())
	if ip := net.ParseIP(s.opt.Bind); ip != nil && ip.IsUnspecified() {
		// Listening on every interface: the local browser still reaches loopback.
		host = "127.0.0.1"
		if ip.To4() == nil {
			host = "::1"
		}
	} else if s.opt.Bind == "localhost" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Run builds the site, then serves it, watching and rebuilding, until ctx is cancelled;
// then it closes the event streams and the server and returns nil. It returns an error
// only when serving fails. Run may be called once.
func (s *Server) Run(ctx context.Context) error {
	err := errors.New("serve: Run called twice")
	s.runOnce.Do(func() { err = s.run(ctx) })
	return err
}

func (s *Server) run(ctx context.Context) error {
	defer s.watch.close()
	s.ctx = ctx
	s.rebuild(ctx)
	if ctx.Err() != nil {
		s.ln.Close()
		return nil
	}
	if !s.loopback {
		fmt.Fprintf(s.log, "warning: listening on %s, so anyone who can reach this machine can read the ISMS; use --bind 127.0.0.1 unless that is intended\n", s.opt.Bind)
	}
	fmt.Fprintf(s.log, "Serving the ISMS preview at %s (Ctrl-C to stop)\n", s.URL())

	srv := &http.Server{
		Handler:           s.handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	var wg sync.WaitGroup
	loopCtx, stopLoops := context.WithCancel(ctx)
	wg.Go(func() { s.watch.run(loopCtx) })
	wg.Go(func() { s.rebuildLoop(loopCtx) })

	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	stopLoops()
	// Event streams never end by themselves: close them first, or Shutdown would wait
	// for them.
	s.hub.close()
	shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if e := srv.Shutdown(shut); e != nil {
		srv.Close()
	}
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) logf(format string, args ...any) { fmt.Fprintf(s.log, format+"\n", args...) }

// isLoopback reports whether a bind address only accepts local connections.
func isLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}
