package pack

import (
	"sort"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// sources lists the files whose content the pack shows.
func sources(g *resolve.Graph, p *Plan) []string {
	site := g.Site
	set := map[string]bool{}
	add := func(paths ...string) {
		for _, s := range paths {
			if _, ok := site.Files[s]; ok && s != "" {
				set[s] = true
			}
		}
	}
	add("data/site.yaml")
	addEvidence := func() {
		add(site.Evidence.Path)
		for _, ev := range site.Evidence.Evidence {
			if ev != nil && ev.SHA256 != "" {
				add(ev.File)
			}
		}
	}
	for _, it := range p.Items {
		switch it.Kind {
		case ItemDocument:
			documentSources(g, p, it.Entity.Doc, add)
		case ItemSoA:
			add(site.SoA.Path, site.Risks.Path)
			for _, c := range site.Catalogue {
				add(c.Pos.Path)
			}
		case ItemEvidence:
			addEvidence()
		case ItemCoverage:
			add(it.Framework.Path, site.SoA.Path)
			for _, x := range g.Crosswalks() {
				if x.Source.ID == it.Framework.Name {
					add(x.Path)
				}
			}
		case ItemAcknowledgements:
			add(site.Acknowledgements.Sources...)
			for _, e := range ackDocuments(g, p) {
				add(e.Pos.Path)
			}
		case ItemClauses:
			for _, cov := range g.ClauseCoverage() {
				for _, e := range cov.By {
					if !p.leftOut(g, e) {
						add(e.Pos.Path)
					}
				}
			}
		default:
			if reg := registerOf(string(it.Kind)); reg != nil {
				add(reg.File)
			}
		}
	}
	if p.attachesEvidence(g) {
		addEvidence()
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// documentSources adds a document, its images and the sources of everything it
// references (their titles are printed), but not those the pack leaves out (their IDs
// alone are printed).
func documentSources(g *resolve.Graph, p *Plan, d *model.Document, add func(...string)) {
	add(d.Path)
	diagramSources(g.Site.Files, d, add)
	// A document's Refs (markdown.Outline) are its links, references and images outside
	// dropped raw HTML, which is never printed: the only nodes with a source to add.
	for _, n := range d.Refs {
		if src, ok := markdown.ImageSource(n); ok {
			add(imagePath(g.Site, d, src))
		}
		if t, ok := g.Target(n); ok && t.Entity != nil && !p.leftOut(g, t.Entity) {
			add(t.Entity.Pos.Path)
		}
	}
}

// imagePath returns the site path of a local image destination (as resolve checks it),
// or "" for an external one.
func imagePath(site *model.Site, d *model.Document, dest string) string {
	p, _, ok := markdown.LocalDest(dest)
	if !ok || p == "" {
		return ""
	}
	return site.LinkPath(d.Path, p)
}
