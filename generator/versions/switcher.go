package versions

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/generator/versions/view"
	"github.com/ismsgen/ismsgen/themes"
)

// partialName is the theme partial that shows the switcher, the superseded banner and
// the "last changed" line.
const partialName = "layouts/partials/versions.html"

// Fixed pages of a versioned build, at the current site's root.
const (
	releasesPage = "changes/index.html"
	currentLabel = "current"
)

// changesPage is the "what changed" page of a version.
func changesPage(slug string) string { return "changes/" + slug + ".html" }

// version is one version of the site in the output: the current site or a release.
type version struct {
	label string
	rel   *Release // nil for the current site
	root  string   // "" or versions/<slug>/
	files map[string][]byte
	pages map[string]bool // its HTML pages
}

func newVersion(label string, rel *Release, files map[string][]byte) *version {
	v := &version{label: label, rel: rel, files: files, pages: map[string]bool{}}
	if rel != nil {
		v.root = "versions/" + rel.Slug() + "/"
	}
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			v.pages[p] = true
		}
	}
	return v
}

// switcher knows every version of the site, so it can link each page to the same page
// in every other version.
type switcher struct {
	versions []*version // the current site, then the releases newest first
}

// nav returns the switcher of a page of version v.
func (s *switcher) nav(v *version, page string) *view.Nav {
	from := v.root + page
	n := &view.Nav{Label: v.label, Release: v.rel != nil, ReleasesHref: urls.Rel(from, releasesPage)}
	var latest *version
	if len(s.versions) > 1 {
		latest = s.versions[1]
		n.Latest = latest.label
	}
	for _, o := range s.versions {
		target, exists := o.root+page, o.pages[page]
		if !exists {
			target = o.root + urls.Home
		}
		it := view.Item{Label: o.label, Href: urls.Rel(from, target), Active: o == v, Exists: exists, Latest: o == latest}
		if o.rel != nil {
			it.Date = model.DateOf(o.rel.Date).String()
			it.Short = o.rel.Short()
		}
		n.Items = append(n.Items, it)
		if o.rel == nil {
			n.CurrentHref = it.Href
		}
	}
	if v.rel != nil {
		n.ChangesHref = urls.Rel(from, changesPage(v.rel.Slug()))
		n.Superseded = v != latest
	} else if latest != nil {
		n.ChangesHref = urls.Rel(from, changesPage(currentLabel))
	}
	return n
}

// partialDot is what the partial is executed with when the slot is filled: the same
// .Site.Versions and .Path a page gives it during the site render.
type partialDot struct {
	Site partialSite
	Path string
}

type partialSite struct {
	Versions *view.Versions
}

// loadPartial parses the switcher partial of the current site's theme: its own
// themes/<name>/layouts/partials/versions.html, else the default theme's. Every version
// is filled with the current partial, so a fix to the switcher reaches old releases
// without rebuilding them.
func loadPartial(site *model.Site) (*template.Template, error) {
	src, ok := site.Files["themes/"+site.Config.Theme+"/"+partialName]
	if !ok {
		b, err := fs.ReadFile(themes.Default(), partialName)
		if err != nil {
			return nil, fmt.Errorf("theme: %s: %w", partialName, err)
		}
		src = b
	}
	t, err := template.New("partials/versions.html").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("theme: %v (partials/versions.html is also executed on its own and may use only .Site.Versions and .Path)", err)
	}
	return t, nil
}

// fill replaces the slot of every page of every version by the partial's output for
// that page. It returns how many pages got a switcher.
func (s *switcher) fill(t *template.Template) (int, error) {
	marker := []byte(view.SlotMarker)
	n := 0
	var buf bytes.Buffer
	for _, v := range s.versions {
		dot := partialDot{Site: partialSite{Versions: &view.Versions{Switcher: func(page string) *view.Nav { return s.nav(v, page) }}}}
		for p := range v.pages {
			html := v.files[p]
			i, cut := bytes.Index(html, marker), len(marker)
			if i < 0 {
				if i, cut = fallbackSlot(html), 0; i < 0 {
					continue
				}
			}
			buf.Reset()
			dot.Path = p
			if err := t.Execute(&buf, dot); err != nil {
				return n, fmt.Errorf("theme: partials/versions.html on %s%s: %v", v.root, p, err)
			}
			out := make([]byte, 0, len(html)-cut+buf.Len())
			out = append(append(append(out, html[:i]...), buf.Bytes()...), html[i+cut:]...)
			v.files[p] = out
			n++
		}
	}
	return n, nil
}

// fallbackSlot is where a page without a slot gets its switcher: just inside <main>,
// else inside <body>; -1 for neither. A theme whose baseof.html does not include
// partials/versions.html (an old release's own theme, or a site's override written
// before versions existed) still gets a switcher on every page this way.
func fallbackSlot(html []byte) int {
	for _, tag := range []string{"<main", "<body"} {
		i := bytes.Index(html, []byte(tag))
		if i < 0 {
			continue
		}
		if j := bytes.IndexByte(html[i:], '>'); j >= 0 {
			return i + j + 1
		}
	}
	return -1
}
