package urls

import (
	"path"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Fixed pages of the site.
const (
	Home       = "index.html"
	Documents  = "documents.html"
	SoA        = "soa.html"
	Risks      = "risks/index.html"
	Treatment  = "treatment/index.html"
	Evidence   = "evidence/index.html"
	Controls   = "controls/index.html"
	Tags       = "tags/index.html"
	Changes    = "changes/index.html" // the releases (package versions writes it)
	Readiness  = "readiness.html"
	Downloads  = "downloads.html"
	Search     = "search.html"
	NotFound   = "404.html"
	SearchData = "search-index.js"
)

// Of returns the output path (slash-separated, relative to the site root) of an
// entity's page.
func Of(e *resolve.Entity) string {
	switch {
	case e.Kind == resolve.KindDocument:
		return DocumentPath(e.Doc)
	case e.Kind == resolve.KindControl:
		return "controls/" + Slug(e.ID) + ".html"
	case e.Kind == resolve.KindRegister && e.Reg != nil:
		return e.Reg.Page
	case e.RowKind != nil:
		return e.RowKind.Dir + "/" + Slug(e.ID) + ".html"
	case e.Reg != nil && e.Reg.Row != nil:
		return RowPage(e.Reg, e.ID)
	}
	// Every entity is a document, a control, a register or a register's row: anything
	// else is a bug, and a page at a made-up path would hide it.
	panic("urls.Of: an entity of kind " + string(e.Kind) + " has no page")
}

// RowPage is the page of the row with the ID of a register whose rows are entities.
func RowPage(reg *model.Register, id string) string {
	return reg.Row.Dir + "/" + Slug(id) + ".html"
}

// DocumentPath returns the page of a document: its path under the content directory
// with .html for .md (policies/access-control.md is policies/access-control.html). A
// folder's index (README.md, _index.md or index.md: model.Document.Index) is the
// folder's index.html, as a git host shows it; the content directory's own is the home
// page (index.html), which shows it as its introduction. A folder whose index.html is a
// fixed page (risks/, treatment/, evidence/, controls/, tags/, changes/) keeps it: the
// document takes its own name in lower case there, risks/readme.html.
func DocumentPath(d *model.Document) string {
	rel := d.Rel
	if rel == "" {
		rel = strings.TrimPrefix(d.Path, "content/") // a document made without load
	}
	if d.Index {
		dir := path.Dir(rel)
		if dir == "." {
			return Home
		}
		if p := dir + "/index.html"; !fixedIndex(p) {
			return p
		}
		return dir + "/" + strings.ToLower(strings.TrimSuffix(path.Base(rel), path.Ext(rel))) + ".html"
	}
	return strings.TrimSuffix(rel, path.Ext(rel)) + ".html"
}

// fixedIndex reports whether p is the index page of a folder of generated pages.
func fixedIndex(p string) bool {
	switch p {
	case Risks, Treatment, Evidence, Controls, Tags, Changes:
		return true
	}
	return false
}

// Withheld returns the placeholder page of an item the site leaves out
// (publish.max_classification): named by its ID alone, since its file name or title
// may say what it is about.
func Withheld(id string) string { return "withheld/" + Slug(id) + ".html" }

// Coverage returns the coverage page of a framework in force.
func Coverage(framework string) string { return "coverage/" + Slug(framework) + ".html" }

// Tag returns the page of a tag.
func Tag(tag string) string { return "tags/" + Slug(strings.ToLower(tag)) + ".html" }

// EvidenceFile returns where an evidence file is copied in the output.
func EvidenceFile(src string) string { return "files/" + src }

// Asset returns where a file under the content directory (an image or attachment
// beside a document) is copied: its path under the content directory.
func Asset(site *model.Site, src string) string {
	if rel, ok := site.ContentRel(src); ok {
		return rel
	}
	return src
}

// Slug keeps the characters that are safe in a file name and a URL and replaces others.
func Slug(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), ".")
}

// Rel returns the relative URL from the page at from to the path to (both relative to
// the site root), so that the site works from file:// and under any base path. The
// folders the two share are left out: from policies/a.html, policies/b.html is "b.html"
// (a page links its section's pages, in the sidebar and the pager, by their file names).
func Rel(from, to string) string {
	f, t := from, to
	for {
		i := strings.IndexByte(f, '/')
		if i < 0 || i >= len(t) || t[i] != '/' || f[:i] != t[:i] {
			break
		}
		f, t = f[i+1:], t[i+1:]
	}
	if t == "" || t[0] == '#' || t[0] == '?' {
		// The site root, or a folder itself: from the root down.
		f, t = from, to
	}
	return strings.Repeat("../", strings.Count(f, "/")) + t
}

// Absolute joins a base URL and a page path for printing (PDF packs).
func Absolute(base, p string) string {
	if base == "" {
		return p
	}
	return strings.TrimSuffix(base, "/") + "/" + p
}

// Owner returns the path of the page of an owner's items ("my items"): what a person or
// role owns across the ISMS.
func Owner(name string) string { return "owners/" + strings.ToLower(Slug(name)) + ".html" }
