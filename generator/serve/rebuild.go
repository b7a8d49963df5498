package serve

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// snapshot is what the handlers serve: the last good build and the current errors. A
// rebuild replaces it whole, so a request never sees half of one build and half of
// another.
type snapshot struct {
	// gen counts the builds whose output changed; with the server's instance it names
	// the build a page was loaded from.
	gen int
	// sources counts rebuilds: packs built from an older count are stale.
	sources int
	files   map[string][]byte // last good build; nil before the first
	res     *build.Result     // the last good build: its render for the next incremental one, its graph for packs
	errors  []overlayError    // errors of the latest rebuild; nil when it succeeded
}

func (s *Server) buildID(gen int) string { return s.instance + "-" + strconv.Itoa(gen) }

// rebuildLoop waits for changes, lets a burst of them settle, and rebuilds once.
func (s *Server) rebuildLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.watch.changed:
		}
		deadline := time.Now().Add(maxDelay)
	settle:
		for {
			quiet := s.opt.Debounce
			if s.watch.lastWasRemoval() {
				quiet = max(quiet, removalGrace)
			}
			t := time.NewTimer(min(quiet, max(time.Until(deadline), 0)))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-s.watch.changed:
				t.Stop()
			case <-t.C:
				break settle
			}
		}
		s.rebuild(ctx)
	}
}

// rebuild runs the pipeline on the current sources and publishes the result: the paths
// whose output changed, or the errors.
func (s *Server) rebuild(ctx context.Context) {
	start := time.Now()
	cur := s.snap.Load()
	date := s.opt.Date
	if date.IsZero() {
		date = model.DateOf(time.Now().UTC())
	}
	// Only the files the watcher saw change are read again; the loader reuses the rest.
	paths, all := s.watch.takeDirty()
	s.loader.Changed(s.root, paths, all)
	var progress func(build.Step, int, int)
	if cur.sources == 0 {
		progress = s.opt.Progress
	}
	res, err := build.Render(ctx, build.Options{
		Source: s.root, Drafts: s.opt.Drafts, Links: s.opt.Links, Date: date, NoPack: true, LazyPacks: true,
		Version: s.opt.Version, Loader: s.loader, Previous: cur.res, Site: build.Preview(head, cur.res), Progress: progress,
	})
	if ctx.Err() != nil {
		return
	}
	next := *cur
	next.sources++
	if err != nil {
		next.errors = overlayErrors(s.root, err)
		s.snap.Store(&next)
		// The terminal first: whoever reacts to the overlay finds the errors printed.
		s.printErrors(err)
		s.hub.rebuilt(next.sources, next.errors, true)
		return
	}
	if w := res.Graph.Warnings; len(w) > 0 && (cur.res == nil || len(cur.res.Graph.Warnings) != len(w)) {
		for _, line := range w.Lines() {
			s.logf("warning: %s", line)
		}
	}
	changed := changedPaths(cur.files, res.Files)
	next.files, next.res, next.errors = res.Files, res, nil
	if len(changed) > 0 {
		next.gen++
	}
	s.snap.Store(&next)
	// Clear the overlay first: a page that then reloads comes back without it anyway.
	s.hub.rebuilt(next.sources, nil, cur.errors != nil)
	if len(changed) > 0 {
		s.hub.change(s.buildID(next.gen), changed)
	}
	s.watch.setEvidence(res.Graph.Site)

	took := time.Since(start).Round(100 * time.Microsecond)
	switch {
	case cur.files == nil:
		fmt.Fprintln(s.log, build.Summary(res, "memory"))
	case cur.errors != nil:
		s.logf("errors fixed: rebuilt in %s, %d files changed", took, len(changed))
	default:
		s.logf("rebuilt in %s, %d files changed", took, len(changed))
	}
}

// changedPaths lists, sorted, the paths added, removed or changed between two builds.
// Pages the renderer reused share their bytes with the previous build, which makes
// comparing them cheap.
func changedPaths(old, cur map[string][]byte) []string {
	var out []string
	for p, b := range cur {
		if o, ok := old[p]; !ok || !bytes.Equal(o, b) {
			out = append(out, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// printErrors prints a failed rebuild's errors once, as the build command does.
func (s *Server) printErrors(err error) {
	l, ok := diag.AsList(err)
	if !ok {
		s.logf("error: %v", err)
		s.logf("the preview keeps the last good build")
		return
	}
	for _, line := range l.Lines() {
		s.logf("%s", line)
	}
	s.logf("%d error%s: the preview keeps the last good build", len(l), plural(len(l)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
