package pack

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// docCtx is the document being rendered.
type docCtx struct {
	it  *Item
	doc *model.Document
	src []byte
}

// inlines converts the inline children of a block into spans in the base style.
func (r *renderer) inlines(d *docCtx, parent ast.Node, base layout.Style) []layout.Span {
	var out []layout.Span
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(d, c, base, 0, "", &out)
	}
	return out
}

// inline appends the spans of one inline node. link and url are those of an enclosing
// link.
func (r *renderer) inline(d *docCtx, n ast.Node, st layout.Style, link int, url string, out *[]layout.Span) {
	add := func(text string, st layout.Style) {
		*out = append(*out, layout.Span{Text: text, Style: st, Link: link, URL: url})
	}
	children := func(st layout.Style, link int, url string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.inline(d, c, st, link, url, out)
		}
	}
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(d.src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		add(string(v), st)
		switch {
		case n.HardLineBreak():
			*out = append(*out, layout.Span{Break: true, Style: st})
		case n.SoftLineBreak():
			add(" ", st)
		}
	case *ast.String:
		add(string(n.Value), st)
	case *ast.CodeSpan:
		cs := st
		cs.Mono, cs.Bold, cs.Italic = true, false, false
		cs.Size = st.Size * 0.92
		if link == 0 && url == "" {
			cs.Color = layout.RGB{R: 150, G: 30, B: 60}
		}
		add(codeText(n, d.src), cs)
	case *ast.Emphasis:
		es := st
		if n.Level >= 2 {
			es.Bold = true
		} else {
			es.Italic = true
		}
		children(es, link, url)
	case *east.Strikethrough:
		ss := st
		ss.Strike = true
		children(ss, link, url)
	case *ast.Link:
		r.linkSpans(d, n, string(n.Destination), st, out)
	case *ast.AutoLink:
		if r.inLink > 0 {
			add(string(n.Label(d.src)), st) // inside a link: its text
			return
		}
		dest := string(n.URL(d.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
			dest = "mailto:" + dest
		}
		ls := st
		ls.Color = layout.ColLink
		*out = append(*out, layout.Span{Text: string(n.Label(d.src)), Style: ls, URL: dest})
	case *ast.Image:
		if r.inLink > 0 {
			// An image inside a link (a badge) is the link's text.
			add(plainText(n, d.src), st)
			return
		}
		is := st
		is.Italic = true
		is.Color = layout.ColMuted
		add("[image: "+plainText(n, d.src)+"]", is)
	case *markdown.HTMLElement:
		r.htmlInline(d, n, st, link, url, out)
	case *markdown.HTMLText:
		add(collapseSpace(string(n.Value)), st)
	case *ast.RawHTML, *markdown.HTMLHidden:
		// Tags and comments are never shown.
	case *markdown.Ref:
		if r.inLink > 0 {
			// Inside a link: its text, in the link.
			*out = append(*out, layout.Span{Text: plainText(n, d.src), Style: st, Link: link, URL: url})
			return
		}
		r.refSpans(n, st, out)
	case *east.FootnoteLink:
		fs := st
		fs.Size = st.Size * 0.75
		fs.Color = layout.ColLink
		l := r.anchors.Get(anchorKey{e: d.it.Entity, frag: fmt.Sprintf("fn:%d", n.Index)})
		*out = append(*out, layout.Span{Text: fmt.Sprintf("[%d]", n.Index), Style: fs, Link: l})
	case *east.TaskCheckBox, *east.FootnoteBacklink:
		// The list marker shows the check box; footnotes are listed at the end.
	default:
		children(st, link, url)
	}
}

// linkSpans renders a Markdown link or a raw HTML <a> to dest: internal when its target
// is in the pack, else the text followed by where it leads.
func (r *renderer) linkSpans(d *docCtx, n ast.Node, dest string, st layout.Style, out *[]layout.Span) {
	ls := st
	ls.Color = layout.ColLink
	inner := func(st layout.Style, link int, url string) {
		r.inLink++ // what is inside a link is its text: no link inside a link
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.inline(d, c, st, link, url, out)
		}
		r.inLink--
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

// unescape resolves backslash escapes and entity references in Markdown text, as
// goldmark's HTML writer does.
func unescape(v []byte) []byte { return markdown.Unescape(v) }

// codeText returns the text of a code span.
func codeText(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		}
	}
	return strings.ReplaceAll(b.String(), "\n", " ")
}

// plainText returns the text of an inline tree without formatting (headings for the
// outline, image alt text, link labels).
func plainText(n ast.Node, src []byte) string {
	return strings.TrimSpace(markdown.PlainText(n, src, markdown.TextOptions{
		Unescape: true, HardBreaks: true, CodeSpans: markdown.CodeSpanOneLine, AutoLinks: true, ImageAlt: true,
	}))
}
