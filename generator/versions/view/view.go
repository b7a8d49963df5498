// Package view holds what the theme is given about versions: the git "last changed"
// line of a document, the version switcher and superseded banner of every page of a
// versioned build, and the data of the "what changed" pages. It is plain data with a
// few nil-safe methods for templates; package versions fills it, package site hands it
// to the layouts (partials/versions.html, changes.html, releases.html). It imports
// nothing of the pipeline so that both can depend on it.
package view

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
)

// SlotMarker is where a versioned build puts the version switcher of a page. The site
// render leaves it in place (the releases are not all known yet); package versions
// replaces it once every release is built, by executing partials/versions.html again.
const SlotMarker = "<!--ismsgen:versions-->"

// Versions is .Site.Versions in templates.
type Versions struct {
	// Deferred is set for the site render of a versioned build: partials/versions.html
	// prints Slot and no switcher; the switcher is filled in later.
	Deferred bool
	// Switcher returns the switcher of a page (by output path); nil when the page has
	// none. It is set only when the slot is filled.
	Switcher func(page string) *Nav
	// Changed maps a page (by output path) to the last git commit that touched its
	// source file.
	Changed map[string]*Change
	// Extra are pages the site adds: the "what changed" pages.
	Extra []Page
}

// Slot returns the marker the switcher is filled in at (only while Deferred).
func (v *Versions) Slot() template.HTML {
	if v == nil || !v.Deferred {
		return ""
	}
	return template.HTML(SlotMarker)
}

// Nav returns the switcher of a page, or nil.
func (v *Versions) Nav(page string) *Nav {
	if v == nil || v.Switcher == nil {
		return nil
	}
	return v.Switcher(page)
}

// LastChange returns the last git change of a page's source, or nil.
func (v *Versions) LastChange(page string) *Change {
	if v == nil {
		return nil
	}
	return v.Changed[page]
}

// Pages returns the extra pages to render (nil-safe).
func (v *Versions) Pages() []Page {
	if v == nil {
		return nil
	}
	return v.Extra
}

// Fingerprint summarises what the site render reads of v, so an incremental render
// (site.Options.Previous) re-renders the pages when it changes. Switcher is not part of
// it: it is only set after the site render, when the slots are filled.
func (v *Versions) Fingerprint() string {
	if v == nil {
		return ""
	}
	// encoding/json sorts map keys, so the same data always gives the same bytes.
	b, err := json.Marshal(struct {
		Deferred bool
		Changed  map[string]*Change
		Extra    []Page
	}{v.Deferred, v.Changed, v.Extra})
	if err != nil {
		return "unhashable:" + err.Error()
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Change is one git commit as a page shows it: "last changed on Date by Author
// (commit Short)".
type Change struct {
	Commit string // full hash
	Short  string // abbreviated hash
	Date   string // author date, YYYY-MM-DD in the author's time zone
	Author string
}

// Page is an extra page of the site.
type Page struct {
	Path   string // output path, e.g. changes/isms-2026.1.html
	Layout string // layouts/<Layout>.html
	Title  string
	Data   any // *Comparison or *ReleaseIndex
}

// Nav is the version switcher of one page in one version of the site.
type Nav struct {
	// Label names the version the page belongs to: "current" or a release tag.
	Label string
	// Release is set on the pages of a release (not the working tree).
	Release bool
	// Items lists the current site, then the releases newest first.
	Items []Item
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

// Item is one entry of the switcher.
type Item struct {
	Label  string
	Href   string // relative to the page
	Date   string // release date, YYYY-MM-DD ("" for the current site)
	Short  string // abbreviated commit ("" for the current site)
	Active bool   // the version this page belongs to
	Exists bool   // the page exists in that version (else Href is its home)
	Latest bool   // the newest release
}

// Version names one side of a comparison.
type Version struct {
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
	From *Version
	To   Version

	Added   []DocRef // in To only (for the first release: every document)
	Removed []DocRef // in From only
	Changed []DocChange

	SoA []SoAChange

	RisksAdded   []RiskRef
	RisksRemoved []RiskRef
	RiskLevels   []RiskChange

	ActionsAdded   []ActionRef
	ActionsRemoved []ActionRef
	ActionStatus   []ActionChange

	// Classification is the highest classification of what the comparison lists (the
	// page's label). Withheld counts the changes left out because they concern items
	// classified above Limit, the site's publish.max_classification.
	Classification string
	Withheld       int
	Limit          string
}

// Empty reports whether nothing changed.
func (c *Comparison) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Changed)+len(c.SoA)+len(c.RisksAdded)+len(c.RisksRemoved)+
		len(c.RiskLevels)+len(c.ActionsAdded)+len(c.ActionsRemoved)+len(c.ActionStatus) == 0
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

// RiskRef is a risk of one version.
type RiskRef struct {
	ID, Title          string
	Inherent, Residual int
	Band               string // of the residual level
	Path               string
}

// RiskChange is a risk whose level changed.
type RiskChange struct {
	ID, Title                string
	OldInherent, NewInherent int
	OldResidual, NewResidual int
	OldBand, NewBand         string // of the residual levels
	Path                     string
}

// ActionRef is a treatment action of one version.
type ActionRef struct {
	ID, Title, Status string
	Path              string
}

// ActionChange is a treatment action whose status changed.
type ActionChange struct {
	ID, Title, OldStatus, NewStatus string
	Path                            string
}

// ReleaseIndex is the list of releases (changes/index.html).
type ReleaseIndex struct {
	Current  Version
	Releases []Version // newest first
	// Failed lists releases whose tree did not build, with why.
	Failed []string
}
