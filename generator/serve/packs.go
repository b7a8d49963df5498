package serve

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"strings"
	"sync"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/diag"
)

// Packs are slow to build (seconds, against milliseconds for the site), so the preview
// builds one only when it is requested, from the current sources, and keeps it until a
// source changes. Requests that arrive while it is being built wait for the same build.

// packCache holds the latest build of each pack.
type packCache struct {
	mu      sync.Mutex
	entries map[string]*packEntry
}

type packEntry struct {
	sources int           // the snapshot's source count it was built from
	done    chan struct{} // closed when pdf and err are set
	pdf     []byte
	err     error
}

func newPackCache() *packCache { return &packCache{entries: map[string]*packEntry{}} }

// get returns the pack built from the sources numbered sources, building it with render
// unless that build is done or under way. The build runs under ctx (the server's), not
// the request's, so a reader who gives up does not spoil it for the next.
func (c *packCache) get(ctx, reqCtx context.Context, sources int, name string, render func(context.Context) ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	for n, e := range c.entries {
		if e.sources != sources {
			delete(c.entries, n) // stale: a source changed since
		}
	}
	e, ok := c.entries[name]
	if !ok {
		e = &packEntry{sources: sources, done: make(chan struct{})}
		c.entries[name] = e
		go func() {
			defer close(e.done)
			e.pdf, e.err = render(ctx)
		}()
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		return e.pdf, e.err
	case <-reqCtx.Done():
		return nil, reqCtx.Err()
	}
}

// servePack answers /packs/<name>.pdf.
func (s *Server) servePack(w http.ResponseWriter, r *http.Request, name string) {
	snap := s.snap.Load()
	if snap.errors != nil || snap.res == nil {
		http.Error(w, "the sources have errors: fix them, then reload to build the pack", http.StatusServiceUnavailable)
		return
	}
	render := s.opt.Pack
	if render == nil {
		render = s.buildPack
	}
	res, sources := snap.res, snap.sources
	pdf, err := s.packs.get(s.ctx, r.Context(), sources, name, func(ctx context.Context) ([]byte, error) {
		pdf, err := guardPack(ctx, res, name, render)
		if err != nil && !errors.Is(err, fs.ErrNotExist) && ctx.Err() == nil {
			s.packFailed(sources, name, err)
		}
		return pdf, err
	})
	s.serveMade(w, r, snap, "building pack "+name, pdf, err, "application/pdf", `inline; filename="`+name+`.pdf"`)
}

// serveMade answers with a file the preview made on demand (a pack, a workbook): the
// site's 404 page when there is no such file, the error when making it failed.
func (s *Server) serveMade(w http.ResponseWriter, r *http.Request, snap *snapshot, what string, b []byte, err error, contentType, disposition string) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.serveNotFound(w, r, snap)
		return
	case r.Context().Err() != nil:
		return
	case err != nil:
		msg := err.Error()
		if l, ok := diag.AsList(err); ok {
			msg = l.Error()
		}
		http.Error(w, what+": "+msg, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", disposition)
	serveBytes(w, r, b)
}

// guardPack builds a pack with render. A panic in it (which would kill the whole
// preview: it runs on a goroutine of its own) becomes a positioned error against the
// pack's configuration; the pack renderer reports a panic in a document's section
// against that document itself.
func guardPack(ctx context.Context, res *build.Result, name string, render func(context.Context, *build.Result, string) ([]byte, error)) (pdf []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			pdf, err = nil, diag.List{diag.Internal(build.PackPos(res, name), "building pack "+name, v)}
		}
	}()
	return render(ctx, res, name)
}

// packFailed shows a failed pack's errors over the pages, as a failed rebuild's are,
// until the next rebuild, and prints them once.
func (s *Server) packFailed(sources int, name string, err error) {
	s.hub.packFailed(sources, name, overlayErrors(s.root, err))
	n := 1
	if l, ok := diag.AsList(err); ok {
		for _, e := range l {
			s.logf("%s", e)
		}
		n = len(l)
	} else {
		s.logf("error: %v", err)
	}
	s.logf("pack %s: %d error%s: the preview keeps serving the site", name, n, plural(n))
}

// buildPack renders and signs one pack as ismsgen build does.
func (s *Server) buildPack(ctx context.Context, res *build.Result, name string) ([]byte, error) {
	// A preview never asks a time-stamping authority: it stays offline.
	opt := build.Options{Source: s.root, Drafts: s.opt.Drafts, Links: s.opt.Links, Date: res.Graph.Date, Version: s.opt.Version, Log: s.log, NoTSA: true}
	return build.PackByName(ctx, res, opt, name)
}

// packName returns the pack name of a /packs/<name>.pdf path.
func packName(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "packs/")
	if !ok || strings.Contains(rest, "/") {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, ".pdf")
	return name, ok && name != ""
}
