package resolve

import (
	"slices"
	"sync"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// Kind is what an entity is.
type Kind string

const (
	KindDocument Kind = "document"
	KindRegister Kind = "register" // the SoA, risk register, treatment plan, evidence register
	KindControl  Kind = "control"
	KindRisk     Kind = "risk"
	KindAction   Kind = "action"
	KindEvidence Kind = "evidence"
)

// Register names of the registers kept as data.
const (
	RegSoA       = "soa"
	RegRisks     = "risk-register"
	RegTreatment = "treatment-plan"
	RegEvidence  = "evidence"
)

// Entity is anything a reference can point at. Exactly one of the typed pointers is set,
// according to Kind (a register sets Register and DocControl).
type Entity struct {
	Kind  Kind
	ID    string
	Title string
	Pos   diag.Pos // where the ID is defined

	Doc      *model.Document
	Register string // the register's pack artefact name (RegSoA, …)
	// Reg describes the register a register entity or a row entity belongs to.
	Reg *model.Register
	// Row is the register row a row entity is (a *model.Risk, …), or the part of a
	// row (an audit's *model.AuditFinding); RowKind is its kind, Reg's Row or its Parts.
	Row        model.Row
	RowKind    *model.RowKind
	DocControl *model.DocControl
	Control    *model.Control
	Risk       *model.Risk
	Action     *model.Action
	Evidence   *model.Evidence

	// Published is false for documents left out of this build (drafts without --drafts).
	Published bool

	// index is the entity's place in its graph's Entities (-1 for a duplicate, which
	// has none): an entity of an earlier graph of the same site names its counterpart
	// by it (see reuse.go).
	index int
}

// Target is where a Markdown reference or link points: an entity and, for links to a
// heading, the heading's ID.
type Target struct {
	Entity   *Entity
	Fragment string // the heading's ID, whichever of its anchors the link named
	// Broken is why the link does not resolve, when links: warn let the build go on;
	// renderers show such a link as text with a marker.
	Broken string
	// File is the site path of the file a link leads to when it is not a document (an
	// attachment such as a PDF or a spreadsheet under the content directory, copied to
	// the site); Fragment is then the link's #fragment as written.
	File string
}

// Graph is the resolved ISMS.
type Graph struct {
	Site *model.Site
	// Date is the build date: overdue actions and past-due reviews are derived from it.
	Date model.Date
	// Drafts reports whether draft documents are published.
	Drafts bool

	byID      map[string]*Entity
	entities  []*Entity // in definition order: documents by path, registers, catalogue, risks, actions, evidence
	documents []*Entity // published documents and registers, sorted by ID
	links     map[*Entity][]*Entity
	backlinks map[*Entity][]*Entity
	// owned maps a register whose rows belong to other entities (the SoA) to each
	// owner's row, by the owner's ID.
	owned map[string]map[string]model.Row
	// targets maps Ref and Link nodes of document ASTs to their targets; targetsMu
	// guards it against Forget while a render's workers read it.
	targets   map[ast.Node]Target
	targetsMu sync.RWMutex
	// moved records that Forget or Detach took targets away (guarded by targetsMu): a
	// later resolve then reuses none of them (see reuse.go).
	moved bool
	// targetsHigh is the most targets held since the map was last made: a Go map keeps
	// its buckets when entries go, so shrink makes it again once most have gone.
	targetsHigh int
	// docByPath maps a document's source path to its entity.
	docByPath map[string]*Entity

	// Warnings are the broken Markdown links and fragments of a links: warn build.
	Warnings diag.List
	// linkLevel is the links: setting the graph was resolved under; clean says it
	// resolved without an error or a warning, reusedBodies counts the documents whose
	// references took their targets from Options.Previous (see reuse.go).
	linkLevel    model.LinkLevel
	clean        bool
	reusedBodies int

	acks map[*Entity][]*model.Acknowledgement // acknowledgements by document
	// impl keeps Implementation's answers, by control ID.
	impl sync.Map // string → [2][]*Entity

	// crosswalks are the crosswalks in use (both frameworks in force), mapped the
	// requirements they map (by ID) and requirements the coverage of every requirement
	// of a framework in force, by framework name (see coverage.go).
	crosswalks   []*model.Crosswalk
	mapped       map[string][]mappedTo
	requirements map[string][]*Requirement
	requirement  map[string]*Requirement
}

// Lookup returns the entity with the ID.
func (g *Graph) Lookup(id string) (*Entity, bool) {
	e, ok := g.byID[id]
	return e, ok
}

// Entities returns every entity in definition order.
func (g *Graph) Entities() []*Entity { return g.entities }

// OfKind returns the entities of a kind in definition order.
func (g *Graph) OfKind(k Kind) []*Entity {
	var out []*Entity
	for _, e := range g.entities {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// Documents returns the published documents (Markdown documents and registers), sorted
// by ID then path.
func (g *Graph) Documents() []*Entity { return g.documents }

// DocumentByPath returns the document entity of a content path.
func (g *Graph) DocumentByPath(p string) (*Entity, bool) {
	e, ok := g.docByPath[p]
	return e, ok
}

// Links returns what e references, deduplicated, in order of first reference.
func (g *Graph) Links(e *Entity) []*Entity { return g.links[e] }

// Backlinks returns what references e, deduplicated, sorted by kind then ID.
func (g *Graph) Backlinks(e *Entity) []*Entity { return g.backlinks[e] }

// BacklinksOfKind returns the backlinks of e that are of kind k.
func (g *Graph) BacklinksOfKind(e *Entity, k Kind) []*Entity {
	var out []*Entity
	for _, b := range g.backlinks[e] {
		if b.Kind == k {
			out = append(out, b)
		}
	}
	return out
}

// RowOf returns the row of the register called name that belongs to the entity with
// the ID (a control's SoA row).
func (g *Graph) RowOf(name, id string) (model.Row, bool) {
	r, ok := g.owned[name][id]
	return r, ok
}

// SoARow returns the SoA row of a control.
func (g *Graph) SoARow(controlID string) (*model.SoARow, bool) {
	r, ok := g.RowOf("soa", controlID)
	if !ok {
		return nil, false
	}
	row, ok := r.(*model.SoARow)
	return row, ok
}

// Target returns the target of a Ref or Link node of a document's AST.
func (g *Graph) Target(n ast.Node) (Target, bool) {
	g.targetsMu.RLock()
	defer g.targetsMu.RUnlock()
	t, ok := g.targets[n]
	return t, ok
}

// TargetEntities appends to dst the entity of each node's target that has one, in
// order, under one lock: a pack's classification asks for every reference of every
// document it holds, and a lock per reference, shared with the render's workers, was
// most of that.
func (g *Graph) TargetEntities(dst []*Entity, nodes []ast.Node) []*Entity {
	g.targetsMu.RLock()
	defer g.targetsMu.RUnlock()
	for _, n := range nodes {
		if t, ok := g.targets[n]; ok && t.Entity != nil {
			dst = append(dst, t.Entity)
		}
	}
	return dst
}

// Forget drops the targets of nodes (a document's Refs), so that the graph no longer
// holds its AST: the build calls it once nothing will render the document again.
func (g *Graph) Forget(nodes []ast.Node) {
	g.targetsMu.Lock()
	defer g.targetsMu.Unlock()
	g.moved = true
	for _, n := range nodes {
		delete(g.targets, n)
	}
	g.shrink()
}

// shrink makes the targets map again, with the targets it holds, once it holds fewer
// than a quarter of the most it held: a render that forgets each document's targets
// after its page (and attaches them to the body parsed again before it) would otherwise
// keep, to its end, a map the size of every reference of the site. The caller holds
// targetsMu.
func (g *Graph) shrink() {
	n := len(g.targets)
	g.targetsHigh = max(g.targetsHigh, n)
	if n >= g.targetsHigh/4 || g.targetsHigh < 1024 {
		return
	}
	m := make(map[ast.Node]Target, n)
	for k, v := range g.targets {
		m[k] = v
	}
	g.targets, g.targetsHigh = m, n
}

// Detach drops the targets of nodes (a document's Refs), as Forget does, and returns them
// in order (nil where a node has none), for Attach to give to the nodes of the same body
// parsed again.
func (g *Graph) Detach(nodes []ast.Node) []*Target {
	g.targetsMu.Lock()
	defer g.targetsMu.Unlock()
	g.moved = true
	out := make([]*Target, len(nodes))
	for i, n := range nodes {
		if t, ok := g.targets[n]; ok {
			out[i] = &t
			delete(g.targets, n)
		}
	}
	g.shrink()
	return out
}

// Attach gives the targets Detach returned to the Refs of the same body parsed again: the
// parse is deterministic, so the i-th node is the same reference. It reports false, and
// attaches nothing, when the counts differ.
func (g *Graph) Attach(nodes []ast.Node, targets []*Target) bool {
	if len(nodes) != len(targets) {
		return false
	}
	g.targetsMu.Lock()
	defer g.targetsMu.Unlock()
	for i, n := range nodes {
		if targets[i] != nil {
			g.targets[n] = *targets[i]
		}
	}
	g.targetsHigh = max(g.targetsHigh, len(g.targets))
	return true
}

// RiskLevels returns the inherent and residual level of a risk (residual equals
// inherent when none is recorded).
func (g *Graph) RiskLevels(r *model.Risk) (inherent, residual int) {
	m := &g.Site.Risks.Method
	inherent = m.Level(r.Likelihood, r.Impact)
	residual = inherent
	if r.Residual != nil {
		residual = m.Level(r.Residual.Likelihood, r.Residual.Impact)
	}
	return inherent, residual
}

// Overdue reports whether an action is past due on the build date.
func (g *Graph) Overdue(a *model.Action) bool { return a.Overdue(g.Date) }

// ReviewOverdue reports whether a document's next review date is before the build date.
func (g *Graph) ReviewOverdue(next model.Date) bool {
	return !next.IsZero() && next.Before(g.Date)
}

func kindOrder(k Kind) int {
	switch k {
	case KindDocument:
		return 0
	case KindRegister:
		return 1
	case KindControl:
		return 2
	case KindRisk:
		return 3
	case KindAction:
		return 4
	}
	return 5
}

// sortEntities orders entities by kind, then ID (stable: entities of the same kind and
// ID, the uncontrolled pages, keep their order).
func sortEntities(es []*Entity) {
	slices.SortStableFunc(es, compareEntities)
}

func compareEntities(a, b *Entity) int {
	if x, y := kindOrder(a.Kind), kindOrder(b.Kind); x != y {
		return x - y
	}
	return compareNatural(a.ID, b.ID)
}

// compareNatural is naturalLess as a comparison.
func compareNatural(a, b string) int {
	switch {
	case naturalLess(a, b):
		return -1
	case naturalLess(b, a):
		return 1
	}
	return 0
}
