package site

import (
	"net/url"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
)

// BaseHref returns the root-absolute path the site is served under: the path of
// base_url, else "/". Every other page links relatively (so the site works from
// file:// and under any sub-path), but a web server answers a missing address at any
// depth with 404.html, where relative links would point nowhere; the 404 layout sets
// <base href> to this so its stylesheet, navigation and links resolve from the root.
func (p *Page) BaseHref() string {
	u, err := url.Parse(strings.TrimSpace(p.G.Site.Config.BaseURL))
	if err != nil || u.Path == "" {
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		return u.Path + "/"
	}
	return u.Path
}

// InReview reports whether the page shows a document awaiting approval.
func (p *Page) InReview() bool { return p.Info != nil && p.Info.Status == model.StatusReview }
