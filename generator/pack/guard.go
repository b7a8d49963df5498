package pack

import (
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// A panic while rendering is a bug in ismsgen, but the author can only act on where it
// happened: it becomes a positioned error against the document (or register, or pack
// configuration) being rendered, so that the build fails with exit status 1 and the
// live preview stays up, instead of the process dying with a stack trace.

// failures are the items whose rendering panicked and the errors that says. They
// outlive a renderer: after a panic, rendering goes on in a fresh one.
type failures struct {
	errs  diag.List
	items map[*Item]bool
}

// guardItem runs part of an item's rendering; a panic in it marks the item failed with
// an error positioned at the item's source, and guardItem returns false. An item that
// failed before is not run again.
func (r *renderer) guardItem(it *Item, f func()) (ok bool) {
	if r.fail.items[it] {
		return false
	}
	defer func() {
		if v := recover(); v != nil {
			pos, doing := r.itemSource(it)
			r.fail.errs = append(r.fail.errs, diag.Internal(pos, doing, v))
			r.fail.items[it] = true
			ok = false
		}
	}()
	f()
	return true
}

// itemSource is where a panic while rendering an item is reported, and what was under
// way: the document's file, the register's definition, or the contents entry of a
// generated artefact.
func (r *renderer) itemSource(it *Item) (diag.Pos, string) {
	switch e := it.Entity; {
	case e != nil && e.Doc != nil:
		return diag.Pos{Path: e.Doc.Path, Line: 1, Col: 1}, "rendering this document"
	case e != nil && e.Kind == resolve.KindRegister && e.Pos.Path != "":
		return e.Pos, "rendering this register"
	case it.Pos.Path != "":
		return it.Pos, "rendering " + it.Title() + " in pack " + r.plan.Config.Name
	}
	return packPos(r.g, r.plan), "rendering " + it.Title() + " in pack " + r.plan.Config.Name
}

// packPos is where a pack is configured: its entry in data/site.yaml, or the file for
// the default pack.
func packPos(g *resolve.Graph, p *Plan) diag.Pos {
	if p.Config.Pos.Path != "" {
		return p.Config.Pos
	}
	if g.Site.Config.Pos.Path != "" {
		return g.Site.Config.Pos
	}
	return diag.Pos{Path: "data/site.yaml"}
}
