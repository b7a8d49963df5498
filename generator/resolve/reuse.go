package resolve

import (
	"maps"
	"slices"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// Reusing the previous graph's targets, for the live preview.
//
// Resolving the references of every body was the largest part of resolving a rebuilt
// site (about 5 ms of CPU at 1,000 documents), though an edit changes one document. A
// document's references resolve against its own path, the IDs and kinds of the
// entities, the paths of the documents, which of them are folder indexes, the headings
// (anchors and custom IDs) of the documents they link to, the files and folders of the
// site, its content directory and its links: setting; nothing else. So when the
// previous graph was resolved without an error or a warning and none of that changed
// (the entities are the same IDs of the same kinds in the same order, the documents
// that changed kept their paths and headings, the same files and folders), an
// unchanged document (the loader keeps the same *model.Document for unchanged bytes)
// gets the targets its references had, each entity taken at the same place in the new
// graph, and records the same links in the same order. The documents that changed are
// resolved as before, in their turn, so the links and backlinks come out in the same
// order as a full resolve's. reuse_test.go proves the graph equals a full resolve's.

// bodyReuse is what the previous graph gives the references of unchanged documents.
type bodyReuse struct {
	prev *Graph
	// docs maps a document's path to its counterpart in the previous graph.
	docs map[string]*model.Document
	buf  []carriedTarget // one document's targets, between replay's two passes
}

// bodyReuse returns what the previous graph can give this resolve's bodies, or nil
// when something they resolve against changed. It runs after define (the entities)
// and before resolveBodies.
func (r *resolver) bodyReuse(prev *Graph) *bodyReuse {
	g := r.g
	if prev == nil || !prev.clean || len(r.errs) > 0 || prev.linkLevel != r.links {
		return nil
	}
	s, ps := g.Site, prev.Site
	if s.Config.ContentDir != ps.Config.ContentDir || !maps.Equal(s.Dirs, ps.Dirs) || !slices.Equal(s.Content, ps.Content) ||
		!sameKeys(s.Files, ps.Files) || len(s.Documents) != len(ps.Documents) {
		return nil
	}
	if len(g.entities) != len(prev.entities) {
		return nil
	}
	prev.targetsMu.RLock()
	moved := prev.moved
	prev.targetsMu.RUnlock()
	if moved {
		return nil
	}
	for i, e := range g.entities {
		p := prev.entities[i]
		if e.Kind != p.Kind || e.ID != p.ID || (e.Doc == nil) != (p.Doc == nil) {
			return nil
		}
	}
	docs := make(map[string]*model.Document, len(s.Documents))
	for i, d := range s.Documents {
		p := ps.Documents[i]
		if d.Path != p.Path {
			return nil
		}
		if d != p && (d.Index != p.Index || !maps.Equal(d.Anchors, p.Anchors) || !maps.Equal(d.CustomIDs, p.CustomIDs)) {
			return nil
		}
		e, pe := g.docByPath[d.Path], prev.docByPath[p.Path]
		if e == nil || pe == nil || e.index != pe.index || e.index < 0 {
			return nil
		}
		docs[d.Path] = p
	}
	return &bodyReuse{prev: prev, docs: docs}
}

// sameKeys reports whether two maps have the same keys.
func sameKeys(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// replay gives the references of d, when it is the previous graph's document, the
// targets they had there, records its links, and reports true; it reports false, having
// recorded nothing, when d must be resolved (it changed, or reuse is nil).
func (u *bodyReuse) replay(r *resolver, d *model.Document, from *Entity) bool {
	if u == nil || u.docs[d.Path] != d || d.AST == nil {
		return false
	}
	g, prev := r.g, u.prev
	prev.targetsMu.RLock()
	defer prev.targetsMu.RUnlock()
	// Every target first: one that cannot be carried (there is none in a clean graph
	// of the same entities) leaves the document to be resolved.
	carried := u.buf[:0]
	for _, n := range d.Refs {
		t, ok := prev.targets[n]
		if !ok {
			continue
		}
		if t.Broken != "" || (t.Entity != nil && !prev.owns(t.Entity)) {
			return false
		}
		if t.Entity != nil {
			t.Entity = g.entities[t.Entity.index]
		}
		carried = append(carried, carriedTarget{n, t})
	}
	u.buf = carried
	for _, c := range carried {
		g.targets[c.node] = c.t
		if c.t.Entity != nil {
			r.link(from, c.t.Entity)
		}
	}
	g.reusedBodies++
	return true
}

// carriedTarget is a reference's target taken from the previous graph.
type carriedTarget struct {
	node ast.Node
	t    Target
}

// owns reports whether e is an entity of g.
func (g *Graph) owns(e *Entity) bool {
	return e.index >= 0 && e.index < len(g.entities) && g.entities[e.index] == e
}
