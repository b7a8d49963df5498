package pack

import (
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// ItemKind is what an item of a pack is.
type ItemKind string

// Item kinds: a Markdown document, or one of the artefacts the pack generates from data.
const (
	ItemDocument  ItemKind = "document"
	ItemSoA       ItemKind = ItemKind(resolve.RegSoA)
	ItemRisks     ItemKind = ItemKind(resolve.RegRisks)
	ItemTreatment ItemKind = ItemKind(resolve.RegTreatment)
	ItemEvidence  ItemKind = ItemKind(resolve.RegEvidence)
	ItemClauses   ItemKind = "clauses"
	// ItemAcknowledgements is the acknowledgement coverage (7.3): each distributed
	// document and group, as the acknowledgements export lists them.
	ItemAcknowledgements ItemKind = resolve.AckArtefact
	// ItemCoverage is a framework's coverage (coverage:NAME): every requirement with
	// what it maps onto and its derived coverage.
	ItemCoverage ItemKind = "coverage"
)

// Selector prefixes a pack's contents may use besides IDs and artefact names.
const (
	// TypeSelector selects every published, approved document of a type.
	TypeSelector = "type:"
	// ClauseSelector selects every published, approved document or register that
	// declares an ISO/IEC 27001 clause (or one of its sub-clauses). DefaultPack uses it,
	// since it cannot know a site's document IDs.
	ClauseSelector = "clause:"
	// CoverageSelector names the coverage of a framework in force (coverage:nis2).
	CoverageSelector = "coverage:"
)

// Item is one document or generated artefact of a pack, in pack order.
type Item struct {
	Kind ItemKind
	// Entity is the document or register; nil for the clause coverage matrix, which has
	// no source of its own.
	Entity *resolve.Entity
	// Pos is the contents entry that put the item in the pack.
	Pos diag.Pos
	// Framework is the framework of a coverage item.
	Framework *model.Framework
}

// generated reports whether the item is an artefact without a document of its own (the
// clause coverage matrix, a framework's coverage, the acknowledgement coverage): no
// document-control table.
func (it *Item) generated() bool {
	return it.Kind == ItemClauses || it.Kind == ItemCoverage || it.Kind == ItemAcknowledgements
}

// ID returns the item's document ID ("" for the clause coverage matrix).
func (it *Item) ID() string {
	if it.Entity == nil {
		return ""
	}
	return it.Entity.ID
}

// Title returns the item's title.
func (it *Item) Title() string {
	if it.Kind == ItemCoverage {
		return it.Framework.DisplayTitle() + ": coverage"
	}
	if it.Kind == ItemAcknowledgements {
		return "Acknowledgement coverage"
	}
	if it.Entity == nil {
		return "Clause coverage matrix"
	}
	return it.Entity.Title
}

// Plan is what goes into one pack.
type Plan struct {
	Config model.PackConfig
	Items  []*Item
	// Sources lists, sorted, the slash paths (relative to the site root) of every source
	// file whose content is in the pack: documents, data files, evidence files and
	// content images. Paths outside g.Site.Files (the built-in catalogue) are left out.
	Sources []string
	// LeftOut lists the documents and registers the contents select that are classified
	// above the pack's max_classification, in contents order: they are not in the pack.
	LeftOut []*resolve.Entity

	class model.Classification // see Classification
}

// leftOut reports whether a pack leaves an entity out for its classification.
func (p *Plan) leftOut(g *resolve.Graph, e *resolve.Entity) bool {
	return e != nil && g.Classification(e).Above(p.Config.MaxClassification)
}

// leaveOut records an item the pack's classification limit leaves out.
func (p *Plan) leaveOut(e *resolve.Entity) {
	for _, x := range p.LeftOut {
		if x == e {
			return
		}
	}
	p.LeftOut = append(p.LeftOut, e)
}

// Title returns the pack's title.
func (p *Plan) Title() string {
	switch {
	case p.Config.Title != "":
		return p.Config.Title
	case p.Config.Name != "":
		return p.Config.Name
	}
	return "Audit pack"
}

// DefaultPack is the pack built when a site configures none: the Stage 1 core set in
// the order an auditor reads it, chosen by declared clauses and document types since a
// site's IDs are unknown. Its generated artefacts are left out quietly when the site
// lacks their data file.
func DefaultPack() model.PackConfig {
	var contents []model.Ref
	for _, c := range []string{
		"clause:4.1", "clause:4.2", "clause:4.3", "clause:5.2", "clause:5.3",
		"clause:6.1.2", resolve.RegRisks, resolve.RegTreatment, resolve.RegSoA, resolve.RegEvidence, "clause:6.1.3",
		"clause:6.2", "clause:7.2", "clause:7.3", string(ItemAcknowledgements), "clause:7.4", "clause:7.5",
		"clause:8.1", "clause:8.2", "clause:8.3",
		"clause:9.1", "clause:9.2", "clause:9.3", "clause:10.1", "clause:10.2",
		"type:policy", "type:procedure", string(ItemClauses),
	} {
		contents = append(contents, model.Ref{ID: c})
	}
	return model.PackConfig{Name: "stage1", Title: "Stage 1 audit pack", Paper: "A4", Contents: contents}
}

// PlanPack resolves a pack's contents against the graph. Problems (an unknown ID, a
// control where a document is wanted, a draft left out of the build, an entry listed
// twice, an unknown selector) come back together as a diag.List at the entries'
// positions.
func PlanPack(g *resolve.Graph, cfg model.PackConfig) (*Plan, error) {
	p, err := PlanOutline(g, cfg)
	if err != nil {
		return nil, err
	}
	p.Sources = sources(g, p)
	return p, nil
}

// PlanOutline is PlanPack without the plan's Sources, which only a pack's manifest and
// its verification read: the downloads page of a build that makes no packs (the live
// preview, build --no-pack) needs the title and classification alone, and finding every
// source of every document costs as much as the rest of the plan.
func PlanOutline(g *resolve.Graph, cfg model.PackConfig) (*Plan, error) {
	p := &Plan{Config: cfg}
	if p.Config.Paper == "" {
		p.Config.Paper = "A4"
	}
	var errs diag.List
	name := cfg.Name
	if name == "" {
		name = "(unnamed)"
	}
	bad := func(pos diag.Pos, format string, args ...any) {
		errs.Add(pos, "pack %s: "+format, append([]any{name}, args...)...)
	}
	registers := map[string]*resolve.Entity{}
	for _, e := range g.OfKind(resolve.KindRegister) {
		registers[e.Register] = e
	}

	// First pass: the explicit entries, which selectors never repeat.
	explicit := map[*resolve.Entity]diag.Pos{}
	generatedAt := map[ItemKind]diag.Pos{}
	chosen := make([]*Item, len(cfg.Contents))
	for i, c := range cfg.Contents {
		id := strings.TrimSpace(c.ID)
		var it *Item
		switch {
		case strings.HasPrefix(id, TypeSelector):
			t := model.DocType(strings.TrimPrefix(id, TypeSelector))
			if !validType(t) {
				bad(c.Pos, "unknown document type in %q (types: %s)", id, typeNames())
			}
			continue
		case strings.HasPrefix(id, ClauseSelector):
			if strings.TrimSpace(strings.TrimPrefix(id, ClauseSelector)) == "" {
				bad(c.Pos, "%q names no clause (write clause:6.1.2)", id)
			}
			continue
		case strings.HasPrefix(id, CoverageSelector):
			name := strings.TrimSpace(strings.TrimPrefix(id, CoverageSelector))
			f := g.Site.FrameworkNamed(name)
			if f == nil || !f.InForce {
				bad(c.Pos, "%q: %q is not a framework in force (frameworks: in data/site.yaml)", id, name)
				continue
			}
			it = &Item{Kind: ItemCoverage, Framework: f, Pos: c.Pos}
		case id == string(ItemClauses) || id == string(ItemAcknowledgements):
			kind := ItemKind(id)
			if at, dup := generatedAt[kind]; dup {
				bad(c.Pos, "%s is listed twice (first at %s)", id, at)
				continue
			}
			generatedAt[kind] = c.Pos
			if kind == ItemAcknowledgements && len(g.Site.Acknowledgements.Sources) == 0 {
				if c.Pos.Path != "" {
					bad(c.Pos, "%s needs %s or CSV files under %s/, which this site does not have", id, model.AckFile, model.AckDir)
				}
				continue
			}
			it = &Item{Kind: kind, Pos: c.Pos}
		case isArtefact(id):
			e := registers[id]
			if e == nil {
				if c.Pos.Path != "" {
					bad(c.Pos, "%s needs %s, which this site does not have", id, registerOf(id).File)
				}
				continue
			}
			it = &Item{Kind: ItemKind(id), Entity: e, Pos: c.Pos}
		default:
			e, ok := g.Lookup(id)
			switch {
			case !ok:
				bad(c.Pos, "unresolved reference %q (a pack lists document IDs, generated artefacts %s, or type:<document type>)", id, strings.Join(resolve.PackArtefacts(), ", "))
				continue
			case e.Kind == resolve.KindRegister:
				it = &Item{Kind: ItemKind(e.Register), Entity: e, Pos: c.Pos}
			case e.Kind != resolve.KindDocument:
				bad(c.Pos, "%s is a %s, not a document", id, e.Kind)
				continue
			case !e.Published:
				bad(c.Pos, "%s is a draft and not published in this build (approve it, remove it from the pack, or build with drafts)", id)
				continue
			default:
				it = &Item{Kind: ItemDocument, Entity: e, Pos: c.Pos}
			}
		}
		if it.Entity != nil {
			if prev, dup := explicit[it.Entity]; dup {
				bad(c.Pos, "%s is listed twice (first at %s)", it.Entity.ID, prev)
				continue
			}
			explicit[it.Entity] = c.Pos
			if p.leftOut(g, it.Entity) {
				p.leaveOut(it.Entity)
				continue
			}
		}
		chosen[i] = it
	}

	// Second pass: items in order, selectors expanded to what is not listed elsewhere.
	taken := map[*resolve.Entity]bool{}
	for e := range explicit {
		taken[e] = true
	}
	for i, c := range cfg.Contents {
		if chosen[i] != nil {
			p.Items = append(p.Items, chosen[i])
			continue
		}
		id := strings.TrimSpace(c.ID)
		var match func(e *resolve.Entity) bool
		switch {
		case strings.HasPrefix(id, TypeSelector):
			t := model.DocType(strings.TrimPrefix(id, TypeSelector))
			match = func(e *resolve.Entity) bool { return e.Doc != nil && e.Doc.Meta.Type == t }
		case strings.HasPrefix(id, ClauseSelector):
			n := strings.TrimSpace(strings.TrimPrefix(id, ClauseSelector))
			match = func(e *resolve.Entity) bool { return declaresClause(e, n) }
		default:
			continue
		}
		for _, e := range g.Documents() {
			if taken[e] || e.ID == "" || !e.Published || !e.Approved() || !match(e) {
				continue
			}
			taken[e] = true
			if p.leftOut(g, e) {
				p.leaveOut(e)
				continue
			}
			kind := ItemDocument
			if e.Kind == resolve.KindRegister {
				kind = ItemKind(e.Register)
			}
			p.Items = append(p.Items, &Item{Kind: kind, Entity: e, Pos: c.Pos})
		}
	}
	if len(p.Items) == 0 && len(errs) == 0 {
		if len(p.LeftOut) > 0 {
			bad(cfg.Pos, "nothing to put in the pack: everything its contents select is classified above its max_classification %s", cfg.MaxClassification)
		} else {
			bad(cfg.Pos, "nothing to put in the pack: its contents select no published, approved document")
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	p.class = classify(g, p)
	return p, nil
}

func isArtefact(id string) bool { return registerOf(id) != nil }

// registerOf returns the register whose pack artefact is id, or nil.
func registerOf(id string) *model.Register {
	for _, reg := range model.Registers() {
		if reg.Artefact == id {
			return reg
		}
	}
	return nil
}

func validType(t model.DocType) bool {
	for _, x := range model.DocTypes {
		if x == t {
			return true
		}
	}
	return false
}

func typeNames() string {
	s := make([]string, len(model.DocTypes))
	for i, t := range model.DocTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// declaresClause reports whether a document or register lists a clause or one of its
// sub-clauses (6.1.3 covers "6.1.3 d").
func declaresClause(e *resolve.Entity, number string) bool {
	var cs []model.Clause
	switch {
	case e.Doc != nil:
		cs = e.Doc.Meta.Clauses
	case e.DocControl != nil:
		cs = e.DocControl.Clauses
	}
	for _, c := range cs {
		n := c.Number
		if n == number || (len(n) > len(number) && strings.HasPrefix(n, number) && (n[len(number)] == '.' || n[len(number)] == ' ')) {
			return true
		}
	}
	return false
}
