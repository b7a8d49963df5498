package site

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"strconv"
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
	// byView, after title edits, is the previous render's state: its sidebar of a key
	// is still this render's when it was rendered from the same view (sidebarView).
	byView *renderState
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
		return
	}
	// A title edit changes the nav, but of most sidebars neither the window of
	// documents nor a section's count: those are reused by their view. A theme's own
	// layouts may read more of the site than the view, so they are rendered again.
	if old, _ := cur.titleEdits(prev); old != nil && !c.theme.overridesLayouts() {
		c.byView = old
	}
}

// renderedSidebar is a sidebar as renderState keeps it: its HTML, its hash and the
// fingerprint of the view it was rendered from.
type renderedSidebar struct {
	html string
	view [sha256.Size]byte
	sum  [sha256.Size]byte // of html
}

// viewSum fingerprints what the default sidebar shows of the nav for key k: the
// sections as navView gives them. The rest it reads (the page depth, the site's
// settings) is in the key or in the global inputs.
func (c *sidebarCache) viewSum(k sidebarKey) [sha256.Size]byte {
	h := lenHasher{h: sha256.New()}
	for _, sv := range c.site.navView(k) {
		h.str(sv.Title)
		h.str(sv.Key)
		h.str(sv.Index)
		h.str(strconv.Itoa(sv.Count))
		h.str(strconv.FormatBool(sv.Open))
		h.str(strconv.Itoa(sv.More))
		h.str(strconv.Itoa(len(sv.Items)))
		for _, it := range sv.Items {
			h.str(it.Title)
			h.str(it.ID)
			h.str(it.Path)
		}
	}
	var sum [sha256.Size]byte
	h.sum(sum[:0])
	return sum
}

type sidebarEntry struct {
	once sync.Once
	html string
	err  error
	// sumOnce and sum: the sidebar's hash, for the pages' navigation fingerprints.
	sumOnce sync.Once
	sum     [sha256.Size]byte
	// hasSum says sum was carried with the HTML, or made with it (set inside once).
	hasSum bool
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
	e.sumOnce.Do(func() {
		if !e.hasSum {
			e.sum = sha256.Sum256([]byte(html))
		}
	})
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
			// A sidebar kept from a render comes with its hash: the navigation
			// fingerprints of a title edit's pages need every sidebar's.
			if v, ok := c.cur.sidebars.Load(k); ok {
				rs := v.(renderedSidebar)
				e.html, e.sum, e.hasSum = rs.html, rs.sum, true
				return
			}
			view := c.viewSum(k)
			if c.byView != nil {
				if v, ok := c.byView.sidebars.Load(k); ok && v.(renderedSidebar).view == view {
					rs := v.(renderedSidebar)
					e.html, e.sum, e.hasSum = rs.html, rs.sum, true
					c.cur.sidebars.Store(k, v)
					return
				}
			}
			defer func() {
				if e.err == nil {
					e.sum, e.hasSum = sha256.Sum256([]byte(e.html)), true
					c.cur.sidebars.Store(k, renderedSidebar{html: e.html, view: view, sum: e.sum})
				}
			}()
		}
		t := c.theme.sidebar.Lookup("partials/sidebar.html")
		if t == nil {
			return // a theme without a sidebar
		}
		var buf bytes.Buffer
		p := &Page{Site: c.site, Path: k.dir + navPlaceholder, navKey: &k}
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
