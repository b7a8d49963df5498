package model

import (
	"path"
	"strings"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/yuin/goldmark/ast"
)

// Site is everything loaded from one ISMS directory.
type Site struct {
	Root      string // absolute path of the site directory
	Config    Config
	Documents []*Document // sorted by Path
	// Frameworks are every catalogue known: the built-in ISO/IEC 27001:2022 Annex A and
	// NIS2 catalogues, then data/controls/ in file order. Catalogue holds the controls of
	// those in force (Config.Frameworks), in that order; Crosswalks the mappings between
	// frameworks (built in, then data/mappings/ in file order).
	Frameworks      []*Framework
	Catalogue       []*Control
	Crosswalks      []*Crosswalk
	SoA             SoA
	Risks           RiskRegister
	Treatment       TreatmentPlan
	Evidence        EvidenceRegister
	AssetInventory  AssetInventory
	Suppliers       SupplierRegister
	Legal           LegalRegister
	Nonconformities NonconformityLog
	Audits          AuditProgramme
	Objectives      ObjectiveRegister
	// Acknowledgements are the staff's acknowledgements of documents (7.3).
	Acknowledgements Acknowledgements
	// Files maps every source file that went into the model (slash path relative to Root)
	// to its bytes, so later stages (manifests, error excerpts) never re-read the disk.
	Files map[string][]byte
	// Content lists every file under the content directory that the site includes
	// (slash paths relative to Root, sorted): documents, images and every other file.
	// Documents and images are read into Files; other files only when a document links
	// to them. Dirs holds the directories under it, the content directory included.
	Content []string
	Dirs    map[string]bool
	// Assets are the files under the content directory that the site copies, at their
	// path under it: every image, and every other file a document links to (sorted).
	Assets []string
	// Ignored maps each file or directory that an ignore: pattern left out of the site
	// (slash path relative to Root) to that pattern.
	Ignored map[string]string
}

// ContentPath returns the site path (relative to Root) of rel, a slash path relative
// to the content directory.
func (s *Site) ContentPath(rel string) string { return path.Join(s.Config.ContentDir, rel) }

// LinkPath returns the site path that a link path written in the document at from (a
// site path) leads to: relative to the document's folder, or, when it starts with /,
// to the content directory, as on a git host.
func (s *Site) LinkPath(from, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(path.Join(s.Config.ContentDir, p))
	}
	return path.Clean(path.Join(path.Dir(from), p))
}

// ContentRel returns the site path p relative to the content directory, and whether p
// lies under it (the directory itself does not).
func (s *Site) ContentRel(p string) (string, bool) { return ContentRel(s.Config.ContentDir, p) }

// ContentRel returns the slash path p relative to the content directory dir ("content",
// or "." for the site root), and whether p lies under it.
func ContentRel(dir, p string) (string, bool) {
	if dir == "" || dir == "." {
		if p == "" || p == "." || p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
			return "", false
		}
		return p, true
	}
	rel, ok := strings.CutPrefix(p, dir+"/")
	return rel, ok && rel != ""
}

// Config is data/site.yaml.
type Config struct {
	Pos            diag.Pos       `yaml:"-"`
	Organisation   string         `yaml:"organisation"`
	Title          string         `yaml:"title"`
	BaseURL        string         `yaml:"base_url"`
	Theme          string         `yaml:"theme"`
	Language       string         `yaml:"language"`
	Classification Classification `yaml:"classification"`
	Scope          string         `yaml:"scope"` // one-paragraph scope summary for the home page and pack covers
	UnsafeHTML     bool           `yaml:"unsafe_html"`
	Publish        PublishConfig  `yaml:"publish"`
	Packs          []PackConfig   `yaml:"packs"`
	Signing        SigningConfig  `yaml:"signing"`
	PDF            PDFConfig      `yaml:"pdf"`
	// Links is error (the default) or warn: what a broken Markdown link or fragment is.
	Links LinkLevel `yaml:"links"`
	// ContentDir is the directory of the documents, relative to the site root: content
	// (the default), or "." for a repository whose documents sit at its root. Load
	// cleans it and sets the default.
	ContentDir    string   `yaml:"content_dir"`
	ContentDirPos diag.Pos `yaml:"-"`
	// Ignore are globs, relative to ContentDir, of files and directories left out of
	// the site (see load's ignore.go for the syntax).
	Ignore    []string       `yaml:"ignore"`
	IgnorePos diag.Pos       `yaml:"-"`
	Versions  VersionsConfig `yaml:"versions"`
	// Frameworks names the catalogues in force (default [iso27001-2022] and every
	// catalogue of data/controls/).
	Frameworks    []Ref    `yaml:"frameworks"`
	FrameworksPos diag.Pos `yaml:"-"`
	// Checks tunes the readiness rules.
	Checks ChecksConfig   `yaml:"checks"`
	Params map[string]any `yaml:"params"`
	// RepoURL is the web address of the site's git repository (https://github.com/o/r):
	// every document page then links to its source there ("Edit this page") and to
	// its history, on EditBranch (default main).
	RepoURL    string   `yaml:"repo_url"`
	RepoURLPos diag.Pos `yaml:"-"`
	EditBranch string   `yaml:"edit_branch"`
}

// ChecksConfig tunes the readiness rules (data/site.yaml checks:).
type ChecksConfig struct {
	Pos diag.Pos `yaml:"-"`
	// MinJustification is the fewest characters an SoA exclusion's justification may
	// have (default 20): "N/A" justifies nothing.
	MinJustification int `yaml:"min_justification"`
	// EvidenceValidFor is how long evidence stays fresh: default (a cycle such as 12m)
	// and per control theme (organizational, people, physical, technological).
	EvidenceValidFor    map[string]Cycle `yaml:"evidence_valid_for"`
	EvidenceValidForPos diag.Pos         `yaml:"-"`
	// AuditCycle is the certification cycle the internal audit programme must cover
	// (default 3y).
	AuditCycle Cycle `yaml:"audit_cycle"`
	// AcknowledgementDays is how long staff have to acknowledge a new major version
	// (default 30), and AcknowledgementCoverage the share of its distribution group
	// that must have by then (default 95, a percentage).
	AcknowledgementDays     int     `yaml:"acknowledgement_days"`
	AcknowledgementCoverage float64 `yaml:"acknowledgement_coverage"`
}

// AckDays is how long staff have to acknowledge a new version (default 30).
func (c ChecksConfig) AckDays() int {
	if c.AcknowledgementDays > 0 {
		return c.AcknowledgementDays
	}
	return 30
}

// AckCoverage is the percentage of a group that must acknowledge (default 95).
func (c ChecksConfig) AckCoverage() float64 {
	if c.AcknowledgementCoverage > 0 {
		return c.AcknowledgementCoverage
	}
	return 95
}

// PublishConfig limits what the intranet site publishes.
type PublishConfig struct {
	Pos diag.Pos `yaml:"-"`
	// MaxClassification leaves documents, registers and their rows classified above it
	// out of the site (pages, search index, CSV exports, evidence files); "" publishes
	// everything.
	MaxClassification Classification `yaml:"max_classification"`
}

// PackConfig describes one PDF audit pack.
type PackConfig struct {
	Pos            diag.Pos `yaml:"-"`
	Name           string   `yaml:"name"`
	Title          string   `yaml:"title"`
	Paper          string   `yaml:"paper"` // A4 (default) or Letter
	AttachEvidence bool     `yaml:"attach_evidence"`
	// Contents lists, in order, what goes into the pack: a document ID, a generated
	// artefact (soa, risk-register, treatment-plan, evidence, clauses) or a selector
	// "type:policy" for every document of a type not listed explicitly.
	Contents []Ref `yaml:"contents"`
	// MaxClassification leaves what is classified above it out of the pack; "" is no
	// limit.
	MaxClassification Classification `yaml:"max_classification"`
}

// SigningConfig names the PEM files used to sign packs (paths relative to the site root
// or absolute).
type SigningConfig struct {
	Cert     string `yaml:"cert"`
	Key      string `yaml:"key"`
	Name     string `yaml:"name"`
	Reason   string `yaml:"reason"`
	Location string `yaml:"location"`
	// Root is the root certificate (PEM, one or several) that verify trusts for this
	// site's packs when no --ca is given.
	Root string `yaml:"root"`
	// TSA is the URL of an RFC 3161 time-stamping authority that timestamps every pack's
	// signature (PAdES B-T) in build and pack; "" keeps builds offline.
	TSA    string   `yaml:"tsa"`
	TSAPos diag.Pos `yaml:"-"`
}

// PDFConfig is how PDF packs are typeset.
type PDFConfig struct {
	Pos diag.Pos `yaml:"-"`
	// Fonts are TrueType font files of the organisation's (paths relative to the site
	// root, never outside it), tried in order before the built-in fallback fonts for a
	// character the Go fonts lack: CJK, a house font's symbols. Load reads them into
	// Site.Files.
	Fonts []Ref `yaml:"fonts"`
}

// VersionsConfig selects the git tags that are ISMS releases.
type VersionsConfig struct {
	Tags string `yaml:"tags"` // glob, default "isms-*"
}

// Ref is a reference to something by ID, written in a data file or front matter, with
// the position it was written at so an unresolved reference can be reported there.
type Ref struct {
	ID  string
	Pos diag.Pos
}

func (r Ref) String() string { return r.ID }

// RefList is a field that takes one ID or a list of them (asset: AS-01, or
// asset: [AS-01, AS-02]).
type RefList []Ref

// IDs returns the IDs of refs.
func IDs(refs []Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

// Document is one Markdown file under the content directory.
type Document struct {
	Path string // slash path relative to the site root, e.g. content/policies/access-control.md
	// Rel is Path relative to the content directory, e.g. policies/access-control.md.
	Rel string
	// Index marks the index page of its folder, as a git host shows it: README.md,
	// _index.md or index.md (when a folder has several: index.md, then _index.md, then
	// README.md). The content directory's own index is the home page's introduction.
	Index bool
	// NoFrontMatter marks a file written without front matter: an uncontrolled page
	// whose title comes from its first heading (or its file name).
	NoFrontMatter bool
	Pos           diag.Pos // the file
	Meta          DocControl
	Body          []byte   // Markdown after the front matter
	AST           ast.Node // parsed body; nodes' segments index Body; nil after a one-shot load
	// BodyLine is the 1-based line of the file at which Body starts, so positions in
	// the AST map back to the file.
	BodyLine int
	// Lines holds the byte offset of each line start in Body.
	Lines []int
	// Refs are the nodes of AST that point elsewhere ([[ID]] references, links and
	// images), in source order, and Anchors the IDs of its headings: found once when the
	// document is parsed, so that resolving a rebuilt site does not walk every body again.
	// In a one-shot build (load.NewOneShot) the AST is dropped once these are collected,
	// and Refs are stand-ins (markdown.StandIns) that hold nothing of it.
	Refs    []ast.Node
	Anchors map[string]string
	// CustomIDs maps the text anchor of each heading with a custom ID to that ID
	// (markdown.CustomIDs), Todos are the byte offsets in Body of its TODO markers
	// (markdown.Todos): what resolve and check read of the body besides Refs.
	CustomIDs map[string]string
	Todos     []int
	// BodySum is the SHA-256 of Body, so incremental rendering can compare bodies
	// without hashing every one again.
	BodySum [32]byte
	// Generated marks documents ismsgen makes itself (SoA, registers): no file behind them.
	Generated bool
}

// ID returns the document ID, or "" for an uncontrolled page.
func (d *Document) ID() string { return d.Meta.ID }

// Title returns the document title.
func (d *Document) Title() string { return d.Meta.Title }

// PosAt maps a byte offset in Body to a file position (the column in characters).
func (d *Document) PosAt(offset int) diag.Pos {
	line := 0
	lo, hi := 0, len(d.Lines)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		if d.Lines[mid] <= offset {
			line = mid
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	col := 1
	if len(d.Lines) > 0 && offset >= d.Lines[line] && offset <= len(d.Body) {
		// Columns count characters, as editors do, not bytes.
		col = utf8.RuneCount(d.Body[d.Lines[line]:offset]) + 1
	}
	return diag.Pos{Path: d.Path, Line: d.BodyLine + line, Col: col}
}

// Revision is one entry of a document's change history.
type Revision struct {
	Pos     diag.Pos `yaml:"-"`
	Version string   `yaml:"version"`
	Date    Date     `yaml:"date"`
	Author  string   `yaml:"author"`
	Change  string   `yaml:"change"`
}

// Clause is an ISO/IEC 27001 clause number such as "6.1.2", with its position.
type Clause struct {
	Number string
	Pos    diag.Pos
}
