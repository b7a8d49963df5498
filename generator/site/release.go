package site

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// searchEntries are the pages' encoded search-index entries, made by the render's
// workers right after each page, while its document's AST is still held.
type searchEntries struct {
	made    []bool // the page has an entry (it shows a published entity)
	entries [][]byte
	errs    []error
}

func newSearchEntries(n int) *searchEntries {
	return &searchEntries{made: make([]bool, n), entries: make([][]byte, n), errs: make([]error, n)}
}

// indexPage makes the search entry of page i (from the previous render when its inputs
// are unchanged). Each worker writes only its own pages' slots.
func (r *renderer) indexPage(idx *searchEntries, p *Page, i int) {
	if p.Entity == nil || !r.pub.shown(p.Entity) {
		return
	}
	idx.made[i] = true
	encode := func() ([]byte, error) {
		return guardPage(p, "indexing", func() ([]byte, error) { return encodeJSON(r.searchEntry(p)) })
	}
	if r.opt.Sink != nil {
		// A build writing to a Sink has no later render to keep entries for: held
		// twice (here and in the render state), they were 45 MiB at 20,000 documents.
		idx.entries[i], idx.errs[i] = encode()
		return
	}
	idx.entries[i], idx.errs[i] = r.state.entryOf(r.opt.Previous, p, encode)
}

// releaser returns what a worker calls after a page: with Options.Release, once every
// page of a document is rendered and indexed, its AST, its body (and its file's bytes in
// Site.Files) and the references into it are dropped. Without it, nothing is dropped.
func (r *renderer) releaser(pages []*Page) func(p *Page) {
	if !r.opt.Release {
		return func(*Page) {}
	}
	pending := map[*model.Document]*atomic.Int32{}
	for _, p := range pages {
		if d := docOf(p); d != nil {
			if pending[d] == nil {
				pending[d] = &atomic.Int32{}
			}
			pending[d].Add(1)
		}
	}
	var files sync.Mutex // Site.Files: the render reads no document's file from it
	return func(p *Page) {
		if d := docOf(p); d != nil && pending[d].Add(-1) == 0 {
			r.g.Forget(d.Refs)
			// Nothing reads the body after its pages either: it, and the file's bytes
			// it is a slice of (load's source buffer, in Site.Files too), go with the
			// AST: 57 MiB held to the end at 20,000 documents.
			d.AST, d.Refs, d.Body = nil, nil, nil
			if !d.Generated {
				files.Lock()
				delete(r.g.Site.Files, d.Path)
				files.Unlock()
			}
		}
	}
}

func docOf(p *Page) *model.Document {
	if p.Entity == nil {
		return nil
	}
	return p.Entity.Doc
}

// detacher, with Options.Release, drops at once the AST of every document that has one
// page, keeping what its references point at, and returns what a worker calls before a
// page: it parses that document's body again. So the render does not start with every
// document's AST held, the memory peak of a large build; a body is parsed twice. When
// load kept no AST (load.NewOneShot), the targets come from the stand-in references, and
// a document on two pages is parsed again here, before the render. Without Release it
// does nothing.
func (r *renderer) detacher(pages []*Page) func(md *mdRenderer, p *Page) error {
	if !r.opt.Release {
		return func(*mdRenderer, *Page) error { return nil }
	}
	count := map[*model.Document]int{}
	for _, p := range pages {
		if d := docOf(p); d != nil {
			count[d]++
		}
	}
	// Each document's targets, until its page's worker gives them to the new parse: only
	// that worker reads or clears its entry.
	detached := map[*model.Document]*[]*resolve.Target{}
	var parser *markdown.Parser
	for d, n := range count {
		switch {
		case d.Generated: // no body to parse
		case n == 1: // parsed again by the worker that renders its page
			targets := r.g.Detach(d.Refs)
			detached[d] = &targets
			d.AST, d.Refs = nil, nil
		case d.AST == nil:
			// A document on two pages, whose AST load dropped (load.NewOneShot): parsed
			// again now, for both pages.
			if parser == nil {
				parser = markdown.NewParser()
			}
			if err := r.reparse(parser, d, r.g.Detach(d.Refs)); err != nil {
				return func(*mdRenderer, *Page) error { return err }
			}
		}
	}
	return func(md *mdRenderer, p *Page) error {
		d := docOf(p)
		targets, ok := detached[d]
		if !ok || d.AST != nil {
			return nil
		}
		if md.parser == nil {
			md.parser = markdown.NewParser()
		}
		err := r.reparse(md.parser, d, *targets)
		*targets = nil // the graph holds them again
		return err
	}
}

// reparse parses a document's body again and gives its references the targets Detach
// returned for its earlier references.
func (r *renderer) reparse(parser *markdown.Parser, d *model.Document, targets []*resolve.Target) error {
	d.AST = parser.Parse(d.Body)
	d.Refs, _ = markdown.Outline(d.AST)
	if !r.g.Attach(d.Refs, targets) {
		return fmt.Errorf("%s: parsed again, the body has %d references, not %d", d.Path, len(d.Refs), len(targets))
	}
	return nil
}
