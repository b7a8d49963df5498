package site

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Rows of the long listings, for the live preview.
//
// The document register, the section pages and the owners' pages show a row per
// document: at 1,000 documents a title edit rendered a 400 KB and a 280 KB table
// through html/template again, 30–50 ms a page, for one changed row. Their layouts
// write such a table with Page.Rows, which executes a row template (a {{define}} of the
// layout) per row and keeps each row's HTML, by page, template and row. A later render
// reuses a row's HTML under the rule that reuses whole pages (incremental.go,
// titleedit.go): when the render's inputs are the same but for bodies, or when they
// differ by title edits only and the row is not a changed document's and its HTML shows
// none of them (by old title, ID or link). A row template sees one row and the page
// (its path, its links), and so reads nothing else a render's inputs could change.
// rows_test.go proves the result equals a fresh render after such edits.

// rowFragment is the HTML of one row and what its links raised the page's label to.
type rowFragment struct {
	html  []byte
	shown model.Classification
}

// pageRows is what Page.Rows needs while a page renders.
type pageRows struct {
	tmpl *template.Template
	// goRows are the Go twins of the theme's row templates (gorows.go).
	goRows map[string]func(htmlWriter, *docRowView)
	// old are the previous render's rows of the page and ok reports whether one may be
	// reused; nil when none may.
	old map[string]rowFragment
	ok  func(from string, row *docRow, html []byte) bool
	// made are this render's rows of the page, kept for the next render; nil when the
	// render keeps nothing (a build writing to a Sink).
	made map[string]rowFragment
}

// docRowView is what a row template of a docRow sees: the row's fields and, through
// the page at a deeper level, the page's methods ($.LinkBare, $.Owner). The fields are
// its own, not promoted from an embedded *docRow: text/template looks a field up by
// name at every use, and a promoted one costs reflect a search of the embedded structs
// (FieldByNameFunc), 5% of a 5,000-document build's template time.
type docRowView struct {
	Entity  *resolve.Entity
	Info    *resolve.DocInfo
	Overdue bool
	rowPage
}

type rowPage struct{ *Page }

// Rows writes each row with the layout's template name, reusing the previous render's
// HTML of a row where nothing it shows changed.
func (p *Page) Rows(name string, rows []docRow) (template.HTML, error) {
	pr := p.rows
	if pr == nil || pr.tmpl == nil {
		return "", fmt.Errorf("Rows %q: called outside a page's layout", name)
	}
	var b bytes.Buffer
	type span struct {
		key        string
		start, end int
		shown      model.Classification
	}
	var spans []span
	// A key met twice (two rows of one entity) is neither reused nor kept.
	keys := make([]string, len(rows))
	seen := make(map[string]bool, len(rows))
	dup := map[string]bool{}
	for i := range rows {
		keys[i] = name + "\x00" + rowKey(rows[i].Entity)
		dup[keys[i]] = seen[keys[i]]
		seen[keys[i]] = true
	}
	for i := range rows {
		if i == 1 {
			// Rows are alike: grow the buffer once, not a dozen times.
			b.Grow(len(rows) * (b.Len() + b.Len()/4))
		}
		row := &rows[i]
		key := keys[i]
		if f, ok := pr.old[key]; ok && !dup[key] && pr.ok(p.Path, row, f.html) {
			b.Write(f.html)
			p.shown = model.MaxClassification(p.shown, f.shown)
			spans = append(spans, span{key, -1, -1, ""})
			pr.keep(key, f)
			continue
		}
		saved := p.shown
		p.shown = ""
		start := b.Len()
		view := &docRowView{Entity: row.Entity, Info: &row.Info, Overdue: row.Overdue, rowPage: rowPage{p}}
		if g := pr.goRows[name]; g != nil {
			g(htmlWriter{&b}, view)
		} else if err := pr.tmpl.ExecuteTemplate(&b, name, view); err != nil {
			p.shown = model.MaxClassification(saved, p.shown)
			return "", err
		}
		spans = append(spans, span{key, start, b.Len(), p.shown})
		p.shown = model.MaxClassification(saved, p.shown)
	}
	if pr.made != nil {
		out := b.Bytes()
		for _, s := range spans {
			if dup[s.key] {
				delete(pr.made, s.key)
			} else if s.start >= 0 {
				// A copy: a row kept for many renders must not hold its whole table.
				pr.keep(s.key, rowFragment{html: bytes.Clone(out[s.start:s.end]), shown: s.shown})
			}
		}
	}
	return template.HTML(b.String()), nil
}

// keep records a row's HTML for the next render.
func (pr *pageRows) keep(key string, f rowFragment) {
	if pr.made != nil {
		pr.made[key] = f
	}
}

// rowKey names a row's entity among a listing's rows.
func rowKey(e *resolve.Entity) string {
	if e == nil {
		return ""
	}
	path := ""
	if e.Doc != nil {
		path = e.Doc.Path
	}
	return string(e.Kind) + "\x00" + e.ID + "\x00" + path
}

// rowReuser returns what reports whether the previous render's HTML of a row may be
// reused in this render, or nil when no row may be.
func (r *renderer) rowReuser(prev *Output, cur *renderState) func(from string, row *docRow, html []byte) bool {
	if cur.reusable(prev) != nil {
		return func(string, *docRow, []byte) bool { return true }
	}
	old, changed := cur.titleEdits(prev)
	if old == nil {
		return nil
	}
	shows := r.titleShows(old, changed)
	edited := make(map[string]bool, len(changed))
	for _, p := range changed {
		edited[p] = true
	}
	return func(from string, row *docRow, html []byte) bool {
		if d := row.Entity.Doc; d != nil && edited[d.Path] {
			return false
		}
		return !shows(html, from)
	}
}

// pageRowsOf returns what Page.Rows needs to render the page with layout t.
func (r *renderer) pageRowsOf(p *Page, t *template.Template) *pageRows {
	pr := &pageRows{tmpl: t, goRows: r.theme.goRows}
	if r.opt.Sink != nil {
		return pr
	}
	pr.made = map[string]rowFragment{}
	if prev := r.opt.Previous; r.rowReuse != nil && prev != nil && prev.state != nil {
		if v, ok := prev.state.rows.Load(p.Path); ok {
			pr.old, pr.ok = v.(map[string]rowFragment), r.rowReuse
		}
	}
	return pr
}

// keepRows records the rows a page rendered for the next render.
func (r *renderer) keepRows(p *Page) {
	if pr := p.rows; pr != nil && len(pr.made) > 0 {
		r.state.rows.Store(p.Path, pr.made)
	}
	p.rows = nil
}

// carryRows keeps, for the next render, the rows of a page copied from the previous
// render.
func (st *renderState) carryRows(prev *Output, path string) {
	if prev == nil || prev.state == nil {
		return
	}
	if v, ok := prev.state.rows.Load(path); ok {
		st.rows.Store(path, v)
	}
}
