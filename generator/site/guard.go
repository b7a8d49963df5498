package site

import "github.com/ismsgen/ismsgen/generator/diag"

// A panic while rendering a page is a bug in ismsgen, but the author can only act on
// where it happened: it becomes a positioned error against the page's source (see
// diag.Internal), so that the build fails with exit status 1 and the live preview stays
// up and shows it, instead of the process dying.

// guardPage runs one piece of a page's work (doing: "rendering", "indexing") and turns
// a panic in it into the page's error.
func guardPage[T any](p *Page, doing string, f func() (T, error)) (v T, err error) {
	defer func() {
		if x := recover(); x != nil {
			var zero T
			v, err = zero, pagePanic(p, doing, x)
		}
	}()
	return f()
}

// pagePanic is the error for a panic while working on page p: against the document
// the page shows, else the data file it is made from, else the page itself.
func pagePanic(p *Page, doing string, v any) *diag.Error {
	if e := p.Entity; e != nil && e.Doc != nil {
		return diag.Internal(diag.Pos{Path: e.Doc.Path, Line: 1, Col: 1}, doing+" this document", v)
	}
	return diag.Internal(diag.Pos{Path: p.source}, doing+" page "+p.Path, v)
}
