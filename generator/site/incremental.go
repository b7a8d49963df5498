package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"maps"
	"sort"
	"strconv"
	"sync"

	"github.com/ismsgen/ismsgen/generator/model"
)

// Incremental rendering, for the live preview.
//
// Every render records a summary of its inputs (renderState). Given the previous
// render in Options.Previous, Render compares the new inputs with the recorded ones and
// copies from the previous output every page whose inputs did not change, rendering only
// the others.
//
// The rule rests on one invariant of this package: a page reads the Markdown body of at
// most one document, its own (renderPage), and sees every other document only through
// its front matter, the graph's links and the readiness findings. So when nothing but
// some documents' bodies changed, and all documents still link to the same entities and
// the findings are the same, only the pages of those documents can differ. Any other
// change (front matter, data, theme, evidence, a link added or removed, a finding, the
// build date, the options) re-renders every page. Exports are reused under the same
// global inputs, which are all they read. Assets and the search index are always
// rebuilt: they read every body and are cheap. incremental_test.go proves that the
// result equals a full render; a page added later that reads other documents' bodies
// must be rendered outside the page loop, like the search index.

// renderState summarises what a render read.
type renderState struct {
	// global hashes every input except the documents' bodies and front matter.
	global [sha256.Size]byte
	// bodies hashes each document's body, by source path.
	bodies map[string][sha256.Size]byte
	// heads hashes each document's front matter and title, by source path; rests its
	// front matter without its title line (see titleEdits); titles keeps its title.
	heads, rests map[string][sha256.Size]byte
	titles       map[string]string
	// docs are the documents the sums were made of, by source path: a later render
	// that has the same document (the loader keeps an unchanged file's) reuses them.
	docs map[string]*model.Document
	// same records whether the previous render had the same inputs (reusable); every
	// caller passes the same previous output.
	sameOnce sync.Once
	same     bool
	// navs keeps each page's navigation fingerprint (see navPrint), by page path.
	navs sync.Map // string → *navPrint
	// entries keeps each page's encoded search-index entry, by page path: an entry reads
	// the global inputs and at most its own document's body, so under unchanged global
	// inputs and an unchanged body it is the same bytes.
	entries sync.Map // string → []byte
	// sidebars keeps the rendered sidebars by key (see sidebarCache).
	sidebars sync.Map // sidebarKey → renderedSidebar
	// labels keeps each page's label as labels and Render first set it, before a
	// rendering raised it (see carriedLabel), by page path.
	labels sync.Map // string → model.Classification
	// rows keeps the HTML of the rows each page wrote with Page.Rows, by page path (see
	// rows.go); a map stored is never written again.
	rows sync.Map // string → map[string]rowFragment
	// diagramPages holds the pages that show Mermaid diagrams (see diagrams.go).
	diagramPages sync.Map // string → bool
	// exports are the CSV and XLSX exports by output path and the first export error
	// (see exportFiles): they read only the global inputs.
	exports   map[string][]byte
	exportErr error
}

// reusable returns the state of the previous render when its global inputs equal this
// render's, so that what it made from them can be reused; else nil.
func (st *renderState) reusable(prev *Output) *renderState {
	if prev == nil || prev.state == nil {
		return nil
	}
	// Asked once per page: compare the documents' heads once per render.
	st.sameOnce.Do(func() {
		st.same = prev.state.global == st.global && maps.Equal(prev.state.heads, st.heads)
	})
	if !st.same {
		return nil
	}
	return prev.state
}

// entryOf returns a page's encoded search entry, from the previous render when its
// inputs are unchanged, and records it for the next render.
func (st *renderState) entryOf(prev *Output, p *Page, encode func() ([]byte, error)) ([]byte, error) {
	if v, ok := st.entries.Load(p.Path); ok {
		return v.([]byte), nil // carried with the page (titleEdits)
	}
	if old := st.reusable(prev); old != nil {
		same := true
		if d := p.Entity.Doc; d != nil {
			same = old.bodies[d.Path] == st.bodies[d.Path]
		}
		if v, ok := old.entries.Load(p.Path); ok && same {
			st.entries.Store(p.Path, v)
			return v.([]byte), nil
		}
	}
	b, err := encode()
	if err == nil {
		st.entries.Store(p.Path, b)
	}
	return b, err
}

// carriedLabel returns a page's label from the previous render when that render had the
// same global inputs (every link, and so every backlink, among them) and front matter,
// and the page shows no document whose body changed: a label reads nothing else. The
// label is recorded for the next render.
func (st *renderState) carriedLabel(old *renderState, p *Page) (model.Classification, bool) {
	if old == nil {
		return "", false
	}
	if d := p.Entity; d != nil && d.Doc != nil && old.bodies[d.Doc.Path] != st.bodies[d.Doc.Path] {
		return "", false
	}
	v, ok := old.labels.Load(p.Path)
	if !ok {
		return "", false
	}
	st.labels.Store(p.Path, v)
	return v.(model.Classification), true
}

// inputState summarises the inputs of this render.
func (r *renderer) inputState() *renderState {
	g, s := r.g, r.g.Site
	h := lenHasher{h: sha256.New(), buf: make([]byte, 0, 2*lenHasherBlock)}
	h.str(s.Root)
	h.str(g.Date.String())
	h.str(strconv.FormatBool(g.Drafts))
	h.str(r.opt.Version)
	h.str(string(r.opt.Head))
	h.str(r.opt.Versions.Fingerprint())
	for _, pk := range r.opt.Packs {
		h.str(fmt.Sprintf("%+v", pk))
	}
	h.str(strconv.Itoa(len(r.opt.Findings)))
	for _, f := range r.opt.Findings {
		h.str(f.Rule)
		h.str(string(f.Severity))
		h.str(f.Message)
		h.str(f.Pos.String())
		h.str(f.Subject)
	}

	docs := make(map[string]*model.Document, len(s.Documents))
	for _, d := range s.Documents {
		docs[d.Path] = d
	}
	st := &renderState{bodies: make(map[string][sha256.Size]byte, len(docs)),
		heads: make(map[string][sha256.Size]byte, len(docs)), rests: make(map[string][sha256.Size]byte, len(docs)),
		titles: make(map[string]string, len(docs)), docs: docs}
	var old *renderState
	if r.opt.Previous != nil {
		old = r.opt.Previous.state
	}
	paths := make([]string, 0, len(s.Files))
	for p := range s.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b := s.Files[p]
		// A document's body is the tail of its file; the head (front matter) is shown by
		// the nav, registers and backlinks of other pages: a change to it re-renders
		// every page, but a change to its title only the pages that show it.
		h.str(p)
		d, ok := docs[p]
		if ok && old != nil && old.docs[p] == d {
			if head, had := old.heads[p]; had {
				// The same document: the loader parsed the same bytes.
				st.bodies[p] = d.BodySum
				st.heads[p], st.rests[p], st.titles[p] = head, old.rests[p], old.titles[p]
				continue
			}
		}
		if ok && bytes.HasSuffix(b, d.Body) {
			st.bodies[p] = d.BodySum
			head := b[:len(b)-len(d.Body)]
			title := d.Meta.Title
			st.heads[p] = sumOf(head, []byte(title))
			st.rests[p] = sumOf(withoutTitleLine(head))
			st.titles[p] = title
			continue
		}
		h.bytes(b)
	}
	// What bodies contribute to other pages: the links (backlinks are shown on the
	// targets' pages) and the evidence state.
	for _, e := range g.Entities() {
		if e.Doc == nil {
			continue
		}
		h.str(e.Doc.Path)
		links := g.Links(e)
		h.str(strconv.Itoa(len(links)))
		for _, t := range links {
			h.str(string(t.Kind))
			h.str(t.ID)
		}
	}
	for _, ev := range s.Evidence.Evidence {
		if ev != nil {
			h.str(ev.ID)
			h.str(ev.File)
			h.str(ev.FileError)
			h.str(ev.SHA256)
		}
	}
	h.sum(st.global[:0])
	return st
}

// reuser returns a function that gives a page's bytes from the previous render when
// none of its inputs changed, or nil when every page must be rendered.
func (r *renderer) reuser(prev *Output, cur *renderState) func(p *Page) ([]byte, bool) {
	old := cur.reusable(prev)
	if old == nil {
		if old, changed := cur.titleEdits(prev); old != nil {
			return r.titleReuser(prev, old, cur, changed)
		}
		return nil
	}
	return func(p *Page) ([]byte, bool) {
		if p.Entity != nil && p.Entity.Doc != nil {
			path := p.Entity.Doc.Path
			body, ok := old.bodies[path]
			if !ok || body != cur.bodies[path] {
				return nil, false
			}
		}
		b, ok := prev.Files[p.Path]
		return b, ok
	}
}

// lenHasher writes length-prefixed values, so that two different sequences of values
// never hash the same input. Small values are gathered in a buffer and written to the
// hash in blocks: a Write per value (and a copy of each string to bytes) was most of
// summarising a render's inputs, a few hundred thousand small values at 1,000
// documents.
type lenHasher struct {
	h   hash.Hash
	buf []byte
}

// lenHasherBlock is how much the hasher gathers before it writes to the hash.
const lenHasherBlock = 8 << 10

func (x *lenHasher) bytes(b []byte) {
	x.buf = binary.LittleEndian.AppendUint64(x.buf, uint64(len(b)))
	if len(b) >= lenHasherBlock {
		x.flush()
		x.h.Write(b)
		return
	}
	x.buf = append(x.buf, b...)
	if len(x.buf) >= lenHasherBlock {
		x.flush()
	}
}

func (x *lenHasher) str(s string) {
	x.buf = binary.LittleEndian.AppendUint64(x.buf, uint64(len(s)))
	if len(s) >= lenHasherBlock {
		x.flush()
		io.WriteString(x.h, s)
		return
	}
	x.buf = append(x.buf, s...)
	if len(x.buf) >= lenHasherBlock {
		x.flush()
	}
}

func (x *lenHasher) flush() {
	x.h.Write(x.buf)
	x.buf = x.buf[:0]
}

// sum appends the hash of everything written to b.
func (x *lenHasher) sum(b []byte) []byte {
	x.flush()
	return x.h.Sum(b)
}
