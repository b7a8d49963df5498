package pack

import (
	"net/url"
	"strings"

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

// entityLink returns the internal link to an entity (and heading fragment) when the
// pack prints it, else 0.
func (r *renderer) entityLink(e *resolve.Entity, frag string) int {
	if e == nil {
		return 0
	}
	if r.inPack[e] != nil {
		return r.anchors.Get(anchorKey{e: e, frag: frag})
	}
	if r.rowsIn[e.Kind] {
		return r.anchors.Get(anchorKey{e: e})
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
	return func(y float64) { r.anchors.Mark(anchorKey{e: e}, y) }
}

// entityAnchor is the destination a link to a fragment falls back to when the fragment
// was never drawn: its entity.
func entityAnchor(k anchorKey) anchorKey { return anchorKey{e: k.e} }
