package pack

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/pack/layout/inline"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// docCtx is the document being rendered. It is the hooks of its inline converter: it
// says where links and [[ID]] references lead in the pack.
type docCtx struct {
	r   *renderer
	it  *Item
	doc *model.Document
	src []byte
	in  *inline.Converter
}

// newDocCtx starts the rendering of a document's Markdown.
func (r *renderer) newDocCtx(it *Item, doc *model.Document) *docCtx {
	d := &docCtx{r: r, it: it, doc: doc, src: doc.Body}
	d.in = inline.New(doc.Body, d)
	return d
}

// Link lays out a Markdown link or a raw HTML <a> (inline.Hooks).
func (d *docCtx) Link(_ *inline.Converter, n ast.Node, dest string, st layout.Style, out *[]layout.Span) {
	d.r.linkSpans(d, n, dest, st, out)
}

// Node lays out the nodes of the ISMS's Markdown that the converter does not know:
// [[ID]] cross-references and footnote references (inline.Hooks).
func (d *docCtx) Node(c *inline.Converter, n ast.Node, st layout.Style, link int, url string, out *[]layout.Span) bool {
	switch n := n.(type) {
	case *markdown.Ref:
		if c.InLink() {
			// Inside a link: its text, in the link.
			*out = append(*out, layout.Span{Text: plainText(n, d.src), Style: st, Link: link, URL: url})
			return true
		}
		d.r.refSpans(n, st, out)
		return true
	case *east.FootnoteLink:
		fs := st
		fs.Size = st.Size * 0.75
		fs.Color = layout.ColLink
		l := d.r.anchors.Get(anchorKey{e: d.it.Entity, frag: fmt.Sprintf("fn:%d", n.Index)})
		*out = append(*out, layout.Span{Text: fmt.Sprintf("[%d]", n.Index), Style: fs, Link: l})
		return true
	}
	return false
}

// linkSpans renders a Markdown link or a raw HTML <a> to dest: internal when its target
// is in the pack, else the text followed by where it leads.
func (r *renderer) linkSpans(d *docCtx, n ast.Node, dest string, st layout.Style, out *[]layout.Span) {
	ls := st
	ls.Color = layout.ColLink
	inner := func(st layout.Style, link int, url string) {
		d.in.LinkText(n, st, link, url, out) // what is inside a link is its text
	}
	note := st
	note.Color = layout.ColMuted
	note.Bold, note.Italic, note.Strike = false, false, false
	t, ok := r.g.Target(n)
	if t.Broken != "" {
		inner(st, 0, "")
		*out = append(*out, layout.Span{Text: " [broken link]", Style: note})
		return
	}
	if ok && t.File != "" {
		// An attachment is not in the pack: its text, then where the intranet has it.
		inner(st, 0, "")
		u := urls.Absolute(r.g.Site.Config.BaseURL, urls.Asset(r.g.Site, t.File))
		if t.Fragment != "" {
			u += "#" + t.Fragment
		}
		*out = append(*out, layout.Span{Text: " (", Style: note}, layout.Span{Text: u, Style: withColor(note, layout.ColLink), URL: u}, layout.Span{Text: ")", Style: note})
		return
	}
	if ok && t.Entity != nil {
		if r.plan.leftOut(r.g, t.Entity) {
			// Classified above the pack's limit: the author's text and the ID alone.
			inner(st, 0, "")
			*out = append(*out, layout.Span{Text: " (" + idOrPage(t.Entity) + ")", Style: note})
			return
		}
		if l := r.entityLink(t.Entity, t.Fragment); l != 0 {
			inner(ls, l, "")
			return
		}
		inner(st, 0, "")
		*out = append(*out, r.whereNote(t.Entity, t.Fragment, " ("+entityLabel(t.Entity)+", ", note)...)
		return
	}
	switch {
	case strings.HasPrefix(dest, "#") && len(dest) > 1 && d.it.Entity != nil:
		inner(ls, r.anchors.Get(anchorKey{e: d.it.Entity, frag: dest[1:]}), "")
	case isExternal(dest):
		inner(ls, 0, dest)
		if label := plainText(n, d.src); label != dest && "mailto:"+label != dest {
			*out = append(*out, layout.Span{Text: " <" + dest + ">", Style: withColor(note, layout.ColLink), URL: dest})
		}
	default:
		inner(st, 0, "")
		if dest != "" {
			*out = append(*out, layout.Span{Text: " (" + dest + ")", Style: note})
		}
	}
}

// refSpans renders a [[ID]] cross-reference.
func (r *renderer) refSpans(n *markdown.Ref, st layout.Style, out *[]layout.Span) {
	t, ok := r.g.Target(n)
	if !ok || t.Entity == nil {
		*out = append(*out, layout.Span{Text: n.ID, Style: st})
		return
	}
	e := t.Entity
	if r.plan.leftOut(r.g, e) {
		// Classified above the pack's limit: the ID alone, never the title.
		text := n.ID
		if n.Label != "" {
			text = n.Label + " (" + n.ID + ")"
		}
		*out = append(*out, layout.Span{Text: text, Style: st})
		return
	}
	text := n.Label
	if text == "" {
		text = entityLabel(e)
	}
	if l := r.entityLink(e, ""); l != 0 {
		*out = append(*out, layout.Span{Text: text, Style: withColor(st, layout.ColLink), Link: l})
		return
	}
	note := st
	note.Color = layout.ColMuted
	*out = append(*out, layout.Span{Text: text, Style: st})
	lead := " ("
	if n.Label != "" {
		lead = " (" + entityLabel(e) + ", "
	}
	*out = append(*out, r.whereNote(e, "", lead, note)...)
}

// whereNote says where a target outside the pack is: its intranet URL, or that it is
// an unpublished draft (which has no page).
func (r *renderer) whereNote(e *resolve.Entity, frag, lead string, note layout.Style) []layout.Span {
	if !e.Published {
		return []layout.Span{{Text: lead + "draft, not published)", Style: note}}
	}
	u := r.intranetURL(e, frag)
	return []layout.Span{
		{Text: lead, Style: note},
		{Text: u, Style: withColor(note, layout.ColLink), URL: u},
		{Text: ")", Style: note},
	}
}

// idOrPage names an entity by its ID, or as "a page" when it has none.
func idOrPage(e *resolve.Entity) string {
	if e.ID == "" {
		return "a page not in this pack"
	}
	return e.ID
}

// entityLabel is how a reference to an entity reads: its ID and title.
func entityLabel(e *resolve.Entity) string {
	if e.Title == "" || e.Title == e.ID {
		return e.ID
	}
	if e.ID == "" {
		return e.Title // an uncontrolled page
	}
	return e.ID + " " + e.Title
}

func withColor(st layout.Style, c layout.RGB) layout.Style {
	st.Color = c
	return st
}

// plainText returns the text of an inline tree without formatting (headings for the
// outline, image alt text, link labels).
func plainText(n ast.Node, src []byte) string { return inline.PlainText(n, src) }
