package versions

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"

	"github.com/ismsgen/ismsgen/generator/site"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/urls"
)

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
	pages map[string]bool
}

func newVersion(label string, rel *Release, pages []string) *version {
	v := &version{label: label, rel: rel, pages: map[string]bool{}}
	if rel != nil {
		v.root = "versions/" + rel.Slug() + "/"
	}
	for _, p := range pages {
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

func newSwitcher(current []string, releases []*version) *switcher {
	return &switcher{versions: append([]*version{newVersion(currentLabel, nil, current)}, releases...)}
}

// navOf returns the switcher of the pages of version v, for site.Versions.Switcher.
func (s *switcher) navOf(v *version) func(page string) *site.VersionNav {
	return func(page string) *site.VersionNav { return s.nav(v, page) }
}

// fingerprint names everything the switcher shows on any page of any version: a
// release rendered under another fingerprint shows a stale switcher.
func (s *switcher) fingerprint() string {
	type side struct {
		Label, Root, Date, Short string
		Pages                    []string
	}
	var all []side
	for _, v := range s.versions {
		sd := side{Label: v.label, Root: v.root}
		if v.rel != nil {
			sd.Date, sd.Short = model.DateOf(v.rel.Date).String(), v.rel.Short()
		}
		for p := range v.pages {
			sd.Pages = append(sd.Pages, p)
		}
		sort.Strings(sd.Pages)
		all = append(all, sd)
	}
	b, _ := json.Marshal(all)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// nav returns the switcher of a page of version v.
func (s *switcher) nav(v *version, page string) *site.VersionNav {
	from := v.root + page
	n := &site.VersionNav{Label: v.label, Release: v.rel != nil, ReleasesHref: urls.Rel(from, releasesPage)}
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
		it := site.VersionItem{Label: o.label, Href: urls.Rel(from, target), Active: o == v, Exists: exists, Latest: o == latest}
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
