package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"sync"
)

// Versions is what the pages show of git and releases (.Site.Versions in templates;
// package versions fills it and the layouts partials/versions.html, changes.html and
// releases.html show it). It is plain data with a few nil-safe methods for templates.
type Versions struct {
	// Changed maps a source file (slash path relative to the site root) to the last git
	// commit that touched it: the "last changed" line of its page.
	Changed map[string]*GitChange
	// Switcher returns the version switcher of a page (by output path) of the version
	// being rendered; nil outside a build with releases.
	Switcher func(page string) *VersionNav
	// Extra are pages the site adds: the "what changed" pages.
	Extra []ExtraPage
	// Trend is the dashboard figures of every release, oldest first: the home page
	// draws each chart's trend across them (trend.go).
	Trend []ReleaseFigures

	// byPage is Changed by page, filled by the render; asked records the pages whose
	// layout showed the switcher, so that one whose theme does not still gets it.
	byPage map[string]*GitChange
	asked  sync.Map
}

// Nav returns the switcher of a page, or nil.
func (v *Versions) Nav(page string) *VersionNav {
	if v == nil || v.Switcher == nil {
		return nil
	}
	v.asked.Store(page, true)
	return v.Switcher(page)
}

// LastChange returns the last git change of a page's source, or nil.
func (v *Versions) LastChange(page string) *GitChange {
	if v == nil {
		return nil
	}
	return v.byPage[page]
}

// Pages returns the extra pages to render (nil-safe).
func (v *Versions) Pages() []ExtraPage {
	if v == nil {
		return nil
	}
	return v.Extra
}

// Fingerprint summarises what the site render reads of v, so an incremental render
// (Options.Previous) re-renders the pages when it changes. The switcher is not part of
// it: the live preview builds no releases.
func (v *Versions) Fingerprint() string {
	if v == nil {
		return ""
	}
	// encoding/json sorts map keys, so the same data always gives the same bytes.
	b, err := json.Marshal(struct {
		Changed map[string]*GitChange
		Extra   []ExtraPage
		Trend   []ReleaseFigures
	}{v.Changed, v.Extra, v.Trend})
	if err != nil {
		return "unhashable:" + err.Error()
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// GitChange is one git commit as a page shows it: "last changed on Date by Author
// (commit Short)".
type GitChange struct {
	Commit string // full hash
	Short  string // abbreviated hash
	Date   string // author date, YYYY-MM-DD in the author's time zone
	Author string
}

// ExtraPage is an extra page of the site.
type ExtraPage struct {
	Path   string // output path, e.g. changes/isms-2026.1.html
	Layout string // layouts/<Layout>.html
	Title  string
	Data   any // *Comparison or *ReleaseIndex
}

// VersionNav is the version switcher of one page in one version of the site.
type VersionNav struct {
	// Label names the version the page belongs to: "current" or a release tag.
	Label string
	// Release is set on the pages of a release (not the working tree).
	Release bool
	// Items lists the current site, then the releases newest first.
	Items []VersionItem
	// Superseded is set on the pages of a release older than the latest one.
	Superseded bool
	// Latest names the newest release.
	Latest string
	// CurrentHref links to this page in the current site (its home when the page is
	// gone).
	CurrentHref string
	// ChangesHref links to the "what changed" page of this version; ReleasesHref to the
	// list of releases.
	ChangesHref  string
	ReleasesHref string
}

// VersionItem is one entry of the switcher.
type VersionItem struct {
	Label  string
	Href   string // relative to the page
	Date   string // release date, YYYY-MM-DD ("" for the current site)
	Short  string // abbreviated commit ("" for the current site)
	Active bool   // the version this page belongs to
	Exists bool   // the page exists in that version (else Href is its home)
	Latest bool   // the newest release
}

// VersionInfo names one side of a comparison.
type VersionInfo struct {
	Name   string // release tag, or "current"
	Commit string // full hash ("" for the working tree)
	Short  string
	Date   string // YYYY-MM-DD
	Home   string // its home page (site path)
	// Changes is its "what changed" page (site path).
	Changes string
}

// Comparison is a "what changed" page: one version against the one before it.
type Comparison struct {
	// From is nil for the first release, which has nothing to compare with.
	From *VersionInfo
	To   VersionInfo

	Added   []DocRef // in To only (for the first release: every document)
	Removed []DocRef // in From only
	Changed []DocChange

	SoA []SoAChange

	// Registers lists the changes of the registers whose rows are entities (risks,
	// treatment actions, evidence...), in the register table's order, then of the
	// acknowledgement coverage (Name "acknowledgements": one row per distributed
	// document and group); a set without changes is left out.
	Registers []RegisterChanges

	// Classification is the highest classification of what the comparison lists (the
	// page's label). Withheld counts the changes left out because they concern items
	// classified above Limit, the site's publish.max_classification.
	Classification string
	Withheld       int
	Limit          string
}

// Empty reports whether nothing changed.
func (c *Comparison) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Changed)+len(c.SoA)+len(c.Registers) == 0
}

// DocRef is a document of one version.
type DocRef struct {
	ID, Title, Type, Version, Status string
	Path                             string // its page (site path)
}

// DocChange is a document whose source changed between two versions.
type DocChange struct {
	ID, Title  string
	OldVersion string
	NewVersion string
	// Bumped reports whether the version changed.
	Bumped           bool
	OldPath, NewPath string // its pages (site paths)
	// Register marks a register kept as data (the SoA and others): its changes are
	// listed row by row below, not as text.
	Register bool
	// Diff is the word-level diff of the Markdown body; empty when only the front
	// matter changed.
	Diff []Segment
}

// Segment is a run of words of a diff.
type Segment struct {
	// Op is "eq" (unchanged), "ins" (inserted), "del" (deleted) or "gap" (unchanged
	// words left out; Text is empty).
	Op   string
	Text string
}

// SoAChange is a Statement of Applicability row that changed.
type SoAChange struct {
	Control, Title   string
	Added, Removed   bool
	Fields           []FieldChange // applicability, status, justification
	OldPath, NewPath string        // the control's page (site paths)
}

// FieldChange is one field's old and new value.
type FieldChange struct {
	Field, Old, New string
}

// RegisterChanges are the rows of one register that changed.
type RegisterChanges struct {
	Name    string // the register's name ("risks")
	Section string // its title ("Risk register")
	Added   []RowChange
	Removed []RowChange
	Changed []RowChange
}

// RowChange is a register row that changed. Fields are the tracked fields that changed
// (model.Register.Tracked), or for a row added or removed the values they have.
type RowChange struct {
	ID, Title string
	Fields    []FieldChange
	Path      string // its page (site path) in the version that has it
}

// ReleaseIndex is the list of releases (changes/index.html).
type ReleaseIndex struct {
	Current  VersionInfo
	Releases []VersionInfo // newest first
	// Failed lists releases whose tree did not build, with why.
	Failed []string
}

// indexChanges fills the "last changed" of every document's and register's page from
// the changes of their source files.
func (v *Versions) indexChanges(pages []*Page) {
	if v == nil {
		return
	}
	v.byPage = map[string]*GitChange{}
	for _, p := range pages {
		e := p.Entity
		switch {
		case e == nil:
		case e.Doc != nil:
			if c, ok := v.Changed[e.Doc.Path]; ok {
				v.byPage[p.Path] = c
			}
		case e.DocControl != nil:
			if c, ok := v.Changed[e.DocControl.Pos.Path]; ok {
				v.byPage[p.Path] = c
			}
		}
	}
}

// switcherFallback gives the version switcher to a page whose layout did not show it (a
// theme's baseof.html written before versions existed): partials/versions.html,
// executed for the page, goes just inside <main>, else inside <body>.
func (r *renderer) switcherFallback(t *template.Template, p *Page, html []byte) ([]byte, error) {
	v := r.opt.Versions
	if v == nil || v.Switcher == nil {
		return html, nil
	}
	if _, shown := v.asked.Load(p.Path); shown {
		return html, nil
	}
	partial := t.Lookup("partials/versions.html")
	if partial == nil {
		return html, nil
	}
	at := -1
	for _, tag := range []string{"<main", "<body"} {
		if i := bytes.Index(html, []byte(tag)); i >= 0 {
			if j := bytes.IndexByte(html[i:], '>'); j >= 0 {
				at = i + j + 1
				break
			}
		}
	}
	if at < 0 {
		return html, nil
	}
	var buf bytes.Buffer
	if err := partial.Execute(&buf, p); err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(html)+buf.Len())
	return append(append(append(out, html[:at]...), buf.Bytes()...), html[at:]...), nil
}
