package pack

import (
	"net/url"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ismsgen/ismsgen/generator/pack/layout"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// anchorKey names a link destination: an entity (a document, a register, or a control,
// risk, action or evidence row) and optionally a heading fragment or footnote within it.
type anchorKey struct {
	e    *resolve.Entity
	frag string
}

type dest struct {
	page int
	y    float64
}

// anchors hands out fpdf link IDs for destinations before or after they are drawn: a
// reference may come before its target (forward links) or after it.
type anchors struct {
	pdf   *fpdf.Fpdf
	links map[anchorKey]int
	dests map[anchorKey]dest
	order []anchorKey
}

func newAnchors(pdf *fpdf.Fpdf) *anchors {
	return &anchors{pdf: pdf, links: map[anchorKey]int{}, dests: map[anchorKey]dest{}}
}

// get returns the link ID of a destination.
func (a *anchors) get(k anchorKey) int {
	if id, ok := a.links[k]; ok {
		return id
	}
	id := a.pdf.AddLink()
	a.links[k] = id
	a.order = append(a.order, k)
	if d, ok := a.dests[k]; ok {
		a.pdf.SetLink(id, d.y, d.page)
	}
	return id
}

// mark records that a destination is at y on the current page. The first mark wins.
func (a *anchors) mark(k anchorKey, y float64) {
	if _, ok := a.dests[k]; ok {
		return
	}
	d := dest{page: a.pdf.PageNo(), y: y}
	a.dests[k] = d
	if id, ok := a.links[k]; ok {
		a.pdf.SetLink(id, d.y, d.page)
	}
}

// finish points links whose fragment was never drawn at their entity, so no link is
// left without a destination.
func (a *anchors) finish() {
	for _, k := range a.order {
		if _, ok := a.dests[k]; ok {
			continue
		}
		d, ok := a.dests[anchorKey{e: k.e}]
		if !ok {
			d = dest{page: 1, y: 0}
		}
		a.pdf.SetLink(a.links[k], d.y, d.page)
	}
}

// entityLink returns the internal link to an entity (and heading fragment) when the
// pack prints it, else 0.
func (r *renderer) entityLink(e *resolve.Entity, frag string) int {
	if e == nil {
		return 0
	}
	if r.inPack[e] != nil {
		return r.anchors.get(anchorKey{e: e, frag: frag})
	}
	if r.rowsIn[e.Kind] {
		return r.anchors.get(anchorKey{e: e})
	}
	return 0
}

// intranetURL returns the intranet address of an entity's page: its placeholder page
// when the site leaves it out (publish.max_classification).
func (r *renderer) intranetURL(e *resolve.Entity, frag string) string {
	if e.ID != "" && r.g.Classification(e).Above(r.g.Site.Config.Publish.MaxClassification) {
		return urls.Absolute(r.g.Site.Config.BaseURL, urls.Withheld(e.ID))
	}
	u := urls.Absolute(r.g.Site.Config.BaseURL, urls.Of(e))
	if frag != "" {
		u += "#" + frag
	}
	return u
}

// isExternal reports whether a link destination leaves the site (has a scheme).
func isExternal(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && u.Scheme != "" || strings.HasPrefix(dest, "//")
}

// idLinks returns spans for a list of entity IDs: each linked when the pack prints it.
func (r *renderer) idLinks(ids []string, st layout.Style) []layout.Span {
	var out []layout.Span
	for i, id := range ids {
		if i > 0 {
			out = append(out, layout.Span{Text: ", ", Style: st})
		}
		s := layout.Span{Text: id, Style: st}
		if e, ok := r.g.Lookup(id); ok {
			if l := r.entityLink(e, ""); l != 0 {
				s.Link = l
				s.Style.Color = layout.ColLink
			}
		}
		out = append(out, s)
	}
	return out
}

// entityIDs returns the IDs of entities.
func entityIDs(es []*resolve.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// rowMark returns the mark of a table row that is entity e's destination (nil for none).
func (r *renderer) rowMark(e *resolve.Entity) func(y float64) {
	if e == nil {
		return nil
	}
	return func(y float64) { r.anchors.mark(anchorKey{e: e}, y) }
}
