package site

import (
	"net/url"
	"strings"

	"github.com/ismsgen/ismsgen/generator/resolve"
)

// "Edit this page": with repo_url in data/site.yaml, a document's or register's page
// links to its source file on the git host, and to the file's history, on edit_branch.
// Source paths are relative to the site root, which is the repository's root.

// gitHosts are the URL patterns of git hosts' file pages, by a word of the host name;
// the last, GitHub's, is the default (GitHub Enterprise and most hosts follow it).
var gitHosts = []struct {
	host          string
	edit, history string // {repo}, {branch} and {path} are replaced
}{
	{"gitlab", "{repo}/-/edit/{branch}/{path}", "{repo}/-/commits/{branch}/{path}"},
	{"codeberg", "{repo}/_edit/{branch}/{path}", "{repo}/commits/branch/{branch}/{path}"},
	{"gitea", "{repo}/_edit/{branch}/{path}", "{repo}/commits/branch/{branch}/{path}"},
	{"", "{repo}/edit/{branch}/{path}", "{repo}/commits/{branch}/{path}"},
}

// EditURL is the address of the page's source on the git host, for editing; "" when
// the site names no repository or the page has no source of its own.
func (p *Page) EditURL() string { return p.gitURL(false) }

// HistoryURL is the address of the history of the page's source on the git host.
func (p *Page) HistoryURL() string { return p.gitURL(true) }

func (p *Page) gitURL(history bool) string {
	cfg := p.G.Site.Config
	e := p.Entity
	if cfg.RepoURL == "" || e == nil || p.source == "" || (e.Doc == nil && e.Kind != resolve.KindRegister) {
		return ""
	}
	u, err := url.Parse(cfg.RepoURL)
	if err != nil {
		return ""
	}
	var segs []string
	for _, s := range strings.Split(p.source, "/") {
		segs = append(segs, url.PathEscape(s))
	}
	for _, h := range gitHosts {
		if !strings.Contains(strings.ToLower(u.Host), h.host) {
			continue
		}
		pattern := h.edit
		if history {
			pattern = h.history
		}
		return strings.NewReplacer("{repo}", cfg.RepoURL, "{branch}", url.PathEscape(cfg.EditBranch), "{path}", strings.Join(segs, "/")).Replace(pattern)
	}
	return ""
}
