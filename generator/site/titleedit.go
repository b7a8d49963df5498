package site

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// Title edits, for the live preview.
//
// A document's front matter is shown by other pages (the nav, registers, backlinks), so
// a change to it re-renders every page. A change to its title alone, the most common
// edit of front matter, is cheaper: a page can show the title only where it shows the
// document, and a page that shows a document links to it or names its ID. So when the
// only front matter that changed is title lines, a page is rendered again when its
// previous output holds the old title, the ID or a link to a document whose title
// changed, or when its navigation (sidebar window, previous and next, breadcrumbs)
// differs, as it does when the new title moves the document within its section. Every
// other page is copied from the previous render. incremental_test.go proves the result
// equals a full render for a title edit of every document.

// titleChange is one document whose title changed.
type titleChange struct {
	id, oldTitle, page string
}

// titleEdits returns the previous render's state when the documents' titles and bodies
// are the only inputs that changed since, with the documents whose title (or any other
// part of a title line) changed; else nil.
func (st *renderState) titleEdits(prev *Output) (*renderState, []string) {
	if prev == nil || prev.state == nil || prev.state.global != st.global || !maps.Equal(prev.state.rests, st.rests) {
		return nil, nil
	}
	old := prev.state
	var changed []string
	for p, h := range st.heads {
		if old.heads[p] != h {
			changed = append(changed, p)
		}
	}
	return old, changed
}

// withoutTitleLine returns a front matter without its top-level title line. A title
// written over several lines keeps its other lines, so that changing them counts as a
// change to the rest of the front matter.
func withoutTitleLine(head []byte) []byte {
	var out []byte
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line = head[:i+1]
		}
		head = head[len(line):]
		if !bytes.HasPrefix(line, []byte("title:")) {
			out = append(out, line...)
		}
	}
	return out
}

// titleReuser returns the page reuser of a render whose inputs differ from the previous
// render's in the titles of changed documents (and in bodies) only.
func (r *renderer) titleReuser(prev *Output, old, cur *renderState, changed []string) func(p *Page) ([]byte, bool) {
	shows := r.titleShows(old, changed)
	return func(p *Page) ([]byte, bool) {
		if p.Entity != nil && p.Entity.Doc != nil {
			path := p.Entity.Doc.Path
			if b, ok := old.bodies[path]; !ok || b != cur.bodies[path] || old.heads[path] != cur.heads[path] {
				return nil, false
			}
		}
		b, ok := prev.Files[p.Path]
		if !ok || p.readsTitles {
			return nil, false
		}
		if nav, ok := old.navs.Load(p.Path); !ok || !nav.(*navPrint).equal(r.navOf(p)) {
			return nil, false
		}
		if shows(b, p.Path) {
			return nil, false
		}
		if e, ok := old.entries.Load(p.Path); ok {
			cur.entries.Store(p.Path, e)
		}
		return b, true
	}
}

// titleShows returns what reports whether HTML of the page at from shows a document
// whose title changed: its old title as written or as HTML escapes it, its ID, or a link
// to its page.
func (r *renderer) titleShows(old *renderState, changed []string) func(b []byte, from string) bool {
	changes := r.titleChanges(old, changed)
	fixed := titleNeedles(changes, template.HTMLEscapeString)
	linksFrom := linkNeedles(changes)
	return func(b []byte, from string) bool {
		for _, n := range fixed {
			if bytes.Contains(b, n) {
				return true
			}
		}
		for _, n := range linksFrom(from) {
			if bytes.Contains(b, n) {
				return true
			}
		}
		return false
	}
}

// linkNeedles returns what gives the links, written from a page, to the pages of the
// changed documents. A link's relative path depends on the folder it is written from
// alone: the links are made once per folder, not once per page and row.
func linkNeedles(changes []titleChange) func(from string) [][]byte {
	var links sync.Map // folder → [][]byte
	return func(from string) [][]byte {
		dir := from[:strings.LastIndexByte(from, '/')+1]
		if v, ok := links.Load(dir); ok {
			return v.([][]byte)
		}
		var out [][]byte
		for _, c := range changes {
			if c.page != "" {
				out = append(out, []byte(urls.Rel(from, c.page)))
			}
		}
		links.Store(dir, out)
		return out
	}
}

// titleChanges describes the documents at the source paths changed, with their titles
// in the previous render.
func (r *renderer) titleChanges(old *renderState, changed []string) []titleChange {
	var changes []titleChange
	for _, path := range changed {
		c := titleChange{oldTitle: old.titles[path]}
		if e, ok := r.g.DocumentByPath(path); ok {
			c.id, c.page = e.ID, urls.Of(e)
		}
		changes = append(changes, c)
	}
	return changes
}

// titleNeedles returns, once each, the old titles as written and as escape writes
// them, and the IDs: a file shows a changed document only where it has one of them.
func titleNeedles(changes []titleChange, escape func(string) string) [][]byte {
	var out [][]byte
	for _, c := range changes {
		for _, n := range []string{c.oldTitle, escape(c.oldTitle), c.id} {
			if n != "" && !slices.ContainsFunc(out, func(f []byte) bool { return string(f) == n }) {
				out = append(out, []byte(n))
			}
		}
	}
	return out
}

// exportKeeper returns, after title edits, what gives the previous render's export of a
// kind (its CSV, and its XLSX unless workbooks are lazy) when the CSV shows none of the
// changed documents, by old title, ID or page path: an export made of the same
// records is the same. It returns nil when the exports must all be made again.
func (r *renderer) exportKeeper() func(kind string) (csv, xlsx []byte, ok bool) {
	old, changed := r.state.titleEdits(r.opt.Previous)
	if old == nil || old.exports == nil || old.exportErr != nil {
		return nil
	}
	changes := r.titleChanges(old, changed)
	// CSV quotes a field by doubling its quotes.
	needles := titleNeedles(changes, func(s string) string { return strings.ReplaceAll(s, `"`, `""`) })
	for _, c := range changes {
		if c.page != "" {
			needles = append(needles, []byte(c.page))
		}
	}
	return func(kind string) ([]byte, []byte, bool) {
		csv, ok := old.exports[exportFile(kind, export.CSV)]
		if !ok {
			return nil, nil, false
		}
		for _, n := range needles {
			if bytes.Contains(csv, n) {
				return nil, nil, false
			}
		}
		if r.opt.LazyWorkbooks {
			return csv, nil, true
		}
		xlsx, ok := old.exports[exportFile(kind, export.XLSX)]
		return csv, xlsx, ok
	}
}

// navOf returns the page's navigation fingerprint, computed once per render and kept
// for the next.
func (r *renderer) navOf(p *Page) *navPrint {
	if v, ok := r.state.navs.Load(p.Path); ok {
		return v.(*navPrint)
	}
	// Under the same global inputs and front matter the navigation is the same.
	if old := r.state.reusable(r.opt.Previous); old != nil {
		if v, ok := old.navs.Load(p.Path); ok {
			r.state.navs.Store(p.Path, v)
			return v.(*navPrint)
		}
	}
	n := r.navPrintOf(p)
	r.state.navs.Store(p.Path, n)
	return n
}

// navPrint is what a page shows of the site's navigation: its sidebar (by hash, once
// per sidebar), its previous and next documents and its breadcrumbs.
type navPrint struct {
	sidebar          [sha256.Size]byte
	sidebarErr       bool
	prev, next       navItem
	hasPrev, hasNext bool
	crumbs           []crumb
}

func (n *navPrint) equal(o *navPrint) bool {
	return n.sidebar == o.sidebar && n.sidebarErr == o.sidebarErr && n.hasPrev == o.hasPrev && n.hasNext == o.hasNext &&
		n.prev.Path == o.prev.Path && n.prev.Title == o.prev.Title && n.next.Path == o.next.Path && n.next.Title == o.next.Title && slices.Equal(n.crumbs, o.crumbs)
}

func (r *renderer) navPrintOf(p *Page) *navPrint {
	n := &navPrint{crumbs: p.Crumbs}
	if p.Site != nil && p.Site.sidebar != nil {
		sum, err := p.Site.sidebar.hash(p.Site.sidebarKeyOf(p.Path))
		n.sidebar, n.sidebarErr = sum, err != nil
	}
	if p.Prev != nil {
		n.prev, n.hasPrev = navItem{Path: p.Prev.Path, Title: p.Prev.Title}, true
	}
	if p.Next != nil {
		n.next, n.hasNext = navItem{Path: p.Next.Path, Title: p.Next.Title}, true
	}
	return n
}

// sumOf hashes parts, length-prefixed.
func sumOf(parts ...[]byte) [sha256.Size]byte {
	h := lenHasher{h: sha256.New()}
	for _, b := range parts {
		h.bytes(b)
	}
	var sum [sha256.Size]byte
	h.sum(sum[:0])
	return sum
}
