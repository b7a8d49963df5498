package site

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"strings"
	"sync"
)

// sidebarCache renders each of the site's sidebars (partials/sidebar.html) once, not
// once per page: pages with the same sidebarKey (depth, and on a large site their
// section's window of documents) share one, and a page only marks its own entry as
// current.
type sidebarCache struct {
	theme *theme
	site  *siteView
	mu    sync.Mutex
	byKey map[sidebarKey]*sidebarEntry
	// cur records the sidebars for the next live-preview render: with the same global
	// inputs (the nav among them) the sidebar is the same.
	cur *renderState
}

// carry takes over the sidebars of the previous render when they are still valid and
// records this render's.
func (c *sidebarCache) carry(prev *Output, cur *renderState) {
	c.cur = cur
	if old := cur.reusable(prev); old != nil {
		old.sidebars.Range(func(k, v any) bool {
			cur.sidebars.Store(k, v)
			return true
		})
	}
}

type sidebarEntry struct {
	once sync.Once
	html string
	err  error
	// sumOnce and sum: the sidebar's hash, for the pages' navigation fingerprints.
	sumOnce sync.Once
	sum     [sha256.Size]byte
}

func newSidebarCache(t *theme, v *siteView) *sidebarCache {
	return &sidebarCache{theme: t, site: v, byKey: map[sidebarKey]*sidebarEntry{}}
}

// navPlaceholder is the file name of the page the shared sidebar is rendered for: no
// nav entry has it, so no entry is marked current.
const navPlaceholder = "\x00sidebar"

// hash returns the SHA-256 of sidebar k, computed once per render.
func (c *sidebarCache) hash(k sidebarKey) ([sha256.Size]byte, error) {
	html, err := c.get(k)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	c.mu.Lock()
	e := c.byKey[k]
	c.mu.Unlock()
	e.sumOnce.Do(func() { e.sum = sha256.Sum256([]byte(html)) })
	return e.sum, nil
}

func (c *sidebarCache) get(k sidebarKey) (string, error) {
	c.mu.Lock()
	e, ok := c.byKey[k]
	if !ok {
		e = &sidebarEntry{}
		c.byKey[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		if c.cur != nil {
			if v, ok := c.cur.sidebars.Load(k); ok {
				e.html = v.(string)
				return
			}
			defer func() {
				if e.err == nil {
					c.cur.sidebars.Store(k, e.html)
				}
			}()
		}
		t := c.theme.sidebar.Lookup("partials/sidebar.html")
		if t == nil {
			return // a theme without a sidebar
		}
		var buf bytes.Buffer
		p := &Page{Site: c.site, Path: strings.Repeat("x/", k.depth) + navPlaceholder, navKey: &k}
		e.err = t.Execute(&buf, p)
		e.html = buf.String()
	})
	return e.html, e.err
}

// Sidebar returns the sidebar for this page, its own entry marked aria-current.
func (p *Page) Sidebar() (template.HTML, error) {
	if p.Site == nil || p.Site.sidebar == nil {
		return "", nil
	}
	html, err := p.Site.sidebar.get(p.Site.sidebarKeyOf(p.Path))
	if err != nil {
		return "", err
	}
	self := `href="` + template.HTMLEscapeString(p.Rel(p.Path)) + `"`
	if i := strings.Index(html, self+">"); i >= 0 {
		html = html[:i] + self + ` aria-current="page"` + html[i+len(self):]
	}
	return template.HTML(html), nil
}
