package resolve

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/catalog"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/yuin/goldmark/ast"
)

// Options control what a build publishes.
type Options struct {
	Date   model.Date
	Drafts bool // publish documents whose status is draft
	// Links overrides the site's links: setting (error or warn) for broken Markdown
	// links and fragments; "" keeps the site's.
	Links model.LinkLevel
	// Previous is the graph of an earlier resolve of the same site, or nil: the live
	// preview's last good build. The references of a document that did not change since
	// then take their targets from it when nothing they resolve against changed either
	// (see reuse.go); the graph is the same as without it.
	Previous *Graph
}

// Resolve builds the link graph of site. The error, when not nil, is a diag.List of
// every unresolved reference and duplicate ID. The site is not modified.
func Resolve(site *model.Site, opt Options) (*Graph, error) {
	// The maps that take an entry per document and per reference are made at their
	// size: growing them was a measurable part of a live-preview rebuild.
	refs := 0
	for _, d := range site.Documents {
		refs += len(d.Refs)
	}
	r := &resolver{rows: map[model.Row]*Entity{}, g: &Graph{
		Site:      site,
		Date:      opt.Date,
		Drafts:    opt.Drafts,
		byID:      map[string]*Entity{},
		links:     map[*Entity][]*Entity{},
		backlinks: map[*Entity][]*Entity{},
		owned:     map[string]map[string]model.Row{},
		targets:   make(map[ast.Node]Target, refs),
		docByPath: make(map[string]*Entity, len(site.Documents)),
	}}
	r.links = opt.Links
	if r.links == "" {
		r.links = site.Config.Links
	}
	r.g.linkLevel = r.links
	r.define(opt)
	r.resolveData()
	r.resolveAcknowledgements()
	r.resolveCrosswalks()
	r.resolveBodies(r.bodyReuse(opt.Previous))
	r.finish()
	r.g.coverage()
	r.errs.Sort()
	r.g.Warnings.Sort()
	r.g.clean = len(r.errs) == 0 && len(r.g.Warnings) == 0
	return r.g, r.errs.Err()
}

type resolver struct {
	g     *Graph
	errs  diag.List
	links model.LinkLevel
	seen  map[*Entity]map[*Entity]bool
	// rows maps a register's row (*model.Risk, …) to its entity.
	rows map[model.Row]*Entity
	// indexes maps a folder (site path) to its index page, once a link needs it.
	indexes map[string]*Entity
}

// define registers every entity under its ID; duplicates are errors naming both places.
func (r *resolver) define(opt Options) {
	g := r.g
	add := func(e *Entity) {
		if e.ID == "" {
			return
		}
		if prev, dup := g.byID[e.ID]; dup {
			e.index = -1
			r.errs.AddKind(diag.KindReference, e.Pos, "duplicate ID %s: already defined at %s", e.ID, prev.Pos)
			return
		}
		g.byID[e.ID] = e
		e.index = len(g.entities)
		g.entities = append(g.entities, e)
		if e.Row != nil {
			r.rows[e.Row] = e
		}
	}
	site := g.Site
	for _, d := range site.Documents {
		pub := d.Meta.Status != model.StatusDraft || opt.Drafts
		e := &Entity{Kind: KindDocument, ID: d.Meta.ID, Title: d.Meta.Title, Pos: d.Meta.IDPos, Doc: d, Published: pub}
		if e.Pos.Path == "" {
			e.Pos = d.Meta.Pos
		}
		g.docByPath[d.Path] = e
		if e.ID == "" {
			// Uncontrolled pages are still pages; they cannot be referenced by ID.
			e.index = len(g.entities)
			g.entities = append(g.entities, e)
			continue
		}
		add(e)
	}
	regs := model.Registers()
	for _, reg := range regs {
		data := reg.Data(site)
		if *data.Source() == "" {
			continue
		}
		dc := data.Control()
		add(&Entity{Kind: KindRegister, ID: dc.ID, Title: dc.Title, Pos: dc.IDPos, Register: reg.Artefact, Reg: reg, DocControl: dc, Published: true})
	}
	for _, c := range site.Catalogue {
		add(&Entity{Kind: KindControl, ID: c.ID, Title: c.Title, Pos: c.Pos, Control: c, Published: true})
	}
	for _, reg := range regs {
		if reg.Row == nil {
			continue
		}
		for _, row := range reg.Data(site).Rows() {
			if row.RowID() == "" {
				r.errs.Add(row.RowPos(), "%s has no id", reg.Row.Noun)
			}
			e := &Entity{Kind: Kind(reg.Row.Kind), ID: row.RowID(), Title: row.RowTitle(), Pos: row.RowIDPos(), Reg: reg, Row: row, RowKind: reg.Row, Published: true}
			e.Risk, _ = row.(*model.Risk)
			e.Action, _ = row.(*model.Action)
			e.Evidence, _ = row.(*model.Evidence)
			add(e)
			if parts := reg.Row.Parts; parts != nil {
				for _, part := range parts.Of(row) {
					if part.RowID() == "" {
						r.errs.Add(part.RowPos(), "%s of %s %s has no id", parts.Noun, reg.Row.Noun, row.RowID())
						continue
					}
					add(&Entity{Kind: Kind(parts.Kind), ID: part.RowID(), Title: part.RowTitle(), Pos: part.RowIDPos(), Reg: reg, Row: part, RowKind: &parts.RowKind, Published: true})
				}
			}
		}
	}
}

// ref resolves a reference written in data or front matter; want lists the kinds the
// field may point at. It records the edge from → target.
func (r *resolver) ref(from *Entity, ref model.Ref, field string, want ...Kind) *Entity {
	t, ok := r.g.byID[ref.ID]
	if !ok {
		r.errs.AddKind(diag.KindReference, ref.Pos, "%s", r.unresolved(ref.ID, field))
		return nil
	}
	if len(want) > 0 && !kindIn(t.Kind, want) {
		r.errs.AddKind(diag.KindReference, ref.Pos, "%s: %s is a %s, not %s", field, ref.ID, t.Kind, kindsText(want))
		return nil
	}
	r.link(from, t)
	return t
}

// unresolved words the error for an ID that does not resolve, with a hint where one helps.
func (r *resolver) unresolved(id, where string) string {
	msg := fmt.Sprintf("unresolved reference %q", id)
	if where != "" {
		msg = fmt.Sprintf("%s: unresolved reference %q", where, id)
	}
	if f := r.frameworkNotInForce(id); f != "" {
		return msg + fmt.Sprintf(" (%s is a control of %s, which is not in force: add %s to frameworks: in data/site.yaml)", id, f, f)
	}
	if catalog.Is2013ID(id) {
		return msg + " (this is an ISO/IEC 27001:2013 control ID; the 2022 Annex A catalogue is in force: IDs A.5.1 to A.8.34)"
	}
	if s := r.closest(id); s != "" {
		return msg + fmt.Sprintf(" (did you mean %s?)", s)
	}
	return msg
}

// closest suggests an existing ID that differs from id only in case, or the one part of
// a row (an audit's finding) whose own ID id is, written without its row's ("OBS-1" for
// "AUD-1/OBS-1").
func (r *resolver) closest(id string) string {
	var parts []string
	for k := range r.g.byID {
		if strings.EqualFold(k, id) {
			return k
		}
		if strings.HasSuffix(k, "/"+id) {
			parts = append(parts, k)
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return ""
}

// link records the edge from → to once. A short list of links is searched for a
// duplicate as it is: a map per source, as before, cost a map made and filled for every
// document of a rebuild (most link to fewer than a dozen entities); a source with many
// links gets its set once it passes linkScan.
func (r *resolver) link(from, to *Entity) {
	if from == nil || to == nil || from == to {
		return
	}
	ls := r.g.links[from]
	if len(ls) < linkScan {
		if slices.Contains(ls, to) {
			return
		}
	} else {
		set := r.seen[from]
		if set == nil {
			if r.seen == nil {
				r.seen = map[*Entity]map[*Entity]bool{}
			}
			set = make(map[*Entity]bool, 2*len(ls))
			for _, e := range ls {
				set[e] = true
			}
			r.seen[from] = set
		}
		if set[to] {
			return
		}
		set[to] = true
	}
	r.g.links[from] = append(ls, to)
	r.g.backlinks[to] = append(r.g.backlinks[to], from)
}

// linkScan is how many links of one source are searched for a duplicate before a set
// is kept for them.
const linkScan = 24

func (r *resolver) resolveData() {
	g := r.g
	site := g.Site
	for _, d := range site.Documents {
		e := g.docByPath[d.Path]
		for _, c := range d.Meta.Controls {
			r.ref(e, c, "controls", KindControl)
		}
	}
	for _, reg := range model.Registers() {
		data := reg.Data(site)
		if *data.Source() == "" {
			continue
		}
		regEntity := g.byID[data.Control().ID]
		for _, c := range data.Control().Controls {
			r.ref(regEntity, c, "controls", KindControl)
		}
		for _, row := range data.Rows() {
			r.resolveRow(reg, regEntity, row)
			if reg.Row == nil || reg.Row.Parts == nil {
				continue
			}
			for _, part := range reg.Row.Parts.Of(row) {
				// A row references its parts; each part resolves its own references.
				r.link(r.rows[row], r.rows[part])
				r.resolveRow(reg, regEntity, part)
			}
		}
	}
	for _, pk := range site.Config.Packs {
		for _, c := range pk.Contents {
			if IsPackSelector(c.ID) {
				continue
			}
			if _, ok := g.byID[c.ID]; !ok {
				r.errs.AddKind(diag.KindReference, c.Pos, "pack %s: %s (a pack lists document IDs, generated artefacts %s, type:<document type> or clause:<number>)", pk.Name, r.unresolved(c.ID, ""), strings.Join(PackArtefacts(), ", "))
			}
		}
	}
}

// resolveRow resolves the references of one row of a register. A row that is an entity
// of its own links what it references. A row that belongs to another entity (an SoA
// row to its control: its Owner field) links that owner and what it references both
// ways (a control and the documents and evidence its row lists), and is the owner's
// row of the register (Graph.RowOf).
func (r *resolver) resolveRow(reg *model.Register, regEntity *Entity, row model.Row) {
	from := r.rows[row]
	fields := row.RowRefs()
	if reg.Row == nil {
		from = nil
		for _, f := range fields {
			if !f.Owner {
				continue
			}
			for _, ref := range f.Refs {
				owner := r.ref(regEntity, ref, f.Field, kindsOf(f.Kinds)...)
				if owner == nil {
					continue
				}
				from = owner
				owned := r.g.owned[reg.Name]
				if owned == nil {
					owned = map[string]model.Row{}
					r.g.owned[reg.Name] = owned
				}
				if prev, dup := owned[owner.ID]; dup {
					r.errs.AddKind(diag.KindReference, ref.Pos, "%s %s has a second row in %s (the first is at %s)", owner.Kind, owner.ID, reg.Title, prev.RowPos())
				} else {
					owned[owner.ID] = row
				}
			}
		}
	}
	for _, f := range fields {
		if f.Owner || (f.Soft && !r.keeps(f.Kinds)) {
			continue
		}
		for _, ref := range f.Refs {
			if t := r.ref(from, ref, f.Field, kindsOf(f.Kinds)...); t != nil && reg.Row == nil {
				r.link(t, from)
			}
		}
	}
}

// keeps reports whether the site keeps a register whose rows are of one of the kinds.
func (r *resolver) keeps(kinds []string) bool {
	for _, reg := range model.Registers() {
		for _, k := range reg.RowKinds() {
			if slices.Contains(kinds, k.Kind) && *reg.Data(r.g.Site).Source() != "" {
				return true
			}
		}
	}
	return false
}

func kindsOf(names []string) []Kind {
	out := make([]Kind, len(names))
	for i, n := range names {
		out[i] = Kind(n)
	}
	return out
}

// PackArtefacts returns the generated artefacts a pack may list: each register's
// section, the clause coverage matrix and the acknowledgement coverage.
func PackArtefacts() []string {
	var out []string
	for _, reg := range model.Registers() {
		out = append(out, reg.Artefact)
	}
	return append(out, "clauses", AckArtefact)
}

// IsPackSelector reports whether a pack contents entry is a generated artefact, a
// framework's coverage (coverage:NAME) or a type: or clause: selector rather than an ID.
func IsPackSelector(s string) bool {
	if strings.HasPrefix(s, "type:") || strings.HasPrefix(s, "clause:") || strings.HasPrefix(s, "coverage:") {
		return true
	}
	for _, a := range PackArtefacts() {
		if s == a {
			return true
		}
	}
	return false
}

// resolveBodies resolves [[ID]] references and links to .md files in every document
// (raw HTML <a> and <img> included). A document reuse can replay from the previous
// graph is not resolved again (reuse may be nil).
func (r *resolver) resolveBodies(reuse *bodyReuse) {
	for _, d := range r.g.Site.Documents {
		from := r.g.docByPath[d.Path]
		if reuse.replay(r, d, from) {
			continue
		}
		for _, n := range d.Refs {
			switch n := n.(type) {
			case *markdown.Ref:
				t, ok := r.g.byID[n.ID]
				if !ok {
					r.errs.AddKind(diag.KindReference, d.PosAt(n.Offset), "%s", r.unresolved(n.ID, ""))
					continue
				}
				r.g.targets[n] = Target{Entity: t}
				r.link(from, t)
			case *ast.Link:
				r.resolveLink(d, from, n, string(n.Destination))
			case *ast.Image:
				r.resolveImage(d, n, string(n.Destination))
			case *markdown.HTMLElement:
				if dest, ok := markdown.LinkDestination(n); ok {
					r.resolveLink(d, from, n, dest)
				} else if src, ok := markdown.ImageSource(n); ok {
					r.resolveImage(d, n, src)
				}
			}
		}
	}
}

// finish orders the published documents and the backlinks.
func (r *resolver) finish() {
	g := r.g
	for _, e := range g.entities {
		if (e.Kind == KindDocument || e.Kind == KindRegister) && e.Published {
			g.documents = append(g.documents, e)
		}
	}
	slices.SortStableFunc(g.documents, func(a, b *Entity) int {
		if a.ID != b.ID {
			if a.ID == "" || b.ID == "" {
				// The uncontrolled pages last.
				if a.ID == "" {
					return 1
				}
				return -1
			}
			return compareNatural(a.ID, b.ID)
		}
		return strings.Compare(a.Pos.Path, b.Pos.Path)
	})
	for _, bl := range g.backlinks {
		sortEntities(bl)
	}
}

func kindIn(k Kind, ks []Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// kindsText words the kinds a field takes: "a control", "a document or register".
func kindsText(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	if len(ks) == 1 {
		for _, reg := range model.Registers() {
			for _, k := range reg.RowKinds() {
				if k.Kind == s[0] {
					return article(k.Noun)
				}
			}
		}
	}
	return article(strings.Join(s, " or "))
}

// article puts "a" or "an" before a noun.
func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
