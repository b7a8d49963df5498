package layout

import "codeberg.org/go-pdf/fpdf"

type dest struct {
	page int
	y    float64
}

// Anchors hands out fpdf link IDs for destinations named by keys K, before or after
// they are drawn: a reference may come before its target (forward links) or after it.
type Anchors[K comparable] struct {
	pdf   *fpdf.Fpdf
	links map[K]int
	dests map[K]dest
	order []K
}

// NewAnchors returns the destinations of a document's PDF.
func NewAnchors[K comparable](pdf *fpdf.Fpdf) *Anchors[K] {
	return &Anchors[K]{pdf: pdf, links: map[K]int{}, dests: map[K]dest{}}
}

// Get returns the link ID of a destination.
func (a *Anchors[K]) Get(k K) int {
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

// Mark records that a destination is at y on the current page. The first mark wins.
func (a *Anchors[K]) Mark(k K, y float64) {
	if _, ok := a.dests[k]; ok {
		return
	}
	d := dest{page: a.pdf.PageNo(), y: y}
	a.dests[k] = d
	if id, ok := a.links[k]; ok {
		a.pdf.SetLink(id, d.y, d.page)
	}
}

// Finish points links whose destination was never drawn at their parent's (the top of
// the first page when that was not drawn either), so no link is left without one. It is
// the last call: the anchors let go of the writer (Doc.Output releases it).
func (a *Anchors[K]) Finish(parent func(K) K) {
	for _, k := range a.order {
		if _, ok := a.dests[k]; ok {
			continue
		}
		d, ok := a.dests[parent(k)]
		if !ok {
			d = dest{page: 1, y: 0}
		}
		a.pdf.SetLink(a.links[k], d.y, d.page)
	}
	a.pdf = nil
}
