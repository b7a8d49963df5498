package site

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// soaRow is one SoA row as shown: the control, its row (nil when the SoA has none) and
// the risks that cite the control (derived, never typed).
type soaRow struct {
	Control *resolve.Entity
	Row     *model.SoARow
	Risks   []*resolve.Entity
}

type soaGroup struct {
	Theme string
	Rows  []soaRow
}

func (r *renderer) soaData() []soaGroup {
	var out []soaGroup
	for _, grp := range r.controlGroups(true) {
		sg := soaGroup{Theme: grp.Theme}
		for _, c := range grp.Controls {
			row, _ := r.g.SoARow(c.ID)
			sg.Rows = append(sg.Rows, soaRow{Control: c, Row: row, Risks: r.pub.filter(r.g.BacklinksOfKind(c, resolve.KindRisk))})
		}
		out = append(out, sg)
	}
	return out
}

// risksData is the risk register page: the method, the heat maps and the rows.
type risksData struct {
	Method   *model.RiskMethod
	Inherent heatMap
	Residual heatMap
	Rows     []riskRow
}

type riskRow struct {
	Entity             *resolve.Entity
	Risk               *model.Risk
	Inherent, Residual int
	InherentBand       string
	ResidualBand       string
	Acceptable         bool
}

// heatMap is a likelihood × impact grid; Rows run from the highest likelihood down.
type heatMap struct {
	Title string
	Cells [][]heatCell
}

type heatCell struct {
	Likelihood, Impact, Level int
	Band                      string
	Risks                     []*resolve.Entity
}

func (r *renderer) risksData() risksData {
	g := r.g
	m := &g.Site.Risks.Method
	d := risksData{Method: m, Inherent: r.newHeatMap("Inherent risk"), Residual: r.newHeatMap("Residual risk")}
	for _, e := range g.OfKind(resolve.KindRisk) {
		x := e.Risk
		in, res := g.RiskLevels(x)
		d.Rows = append(d.Rows, riskRow{Entity: e, Risk: x, Inherent: in, Residual: res,
			InherentBand: m.Band(in), ResidualBand: m.Band(res), Acceptable: m.Acceptable(res)})
		d.Inherent.place(x.Likelihood, x.Impact, e)
		if x.Residual != nil {
			d.Residual.place(x.Residual.Likelihood, x.Residual.Impact, e)
		} else {
			d.Residual.place(x.Likelihood, x.Impact, e)
		}
	}
	return d
}

func (r *renderer) newHeatMap(title string) heatMap {
	m := &r.g.Site.Risks.Method
	h := heatMap{Title: title}
	for i := len(m.Likelihood) - 1; i >= 0; i-- {
		l := m.Likelihood[i]
		var row []heatCell
		for _, im := range m.Impact {
			lvl := m.Level(l.Value, im.Value)
			row = append(row, heatCell{Likelihood: l.Value, Impact: im.Value, Level: lvl, Band: m.Band(lvl)})
		}
		h.Cells = append(h.Cells, row)
	}
	return h
}

func (h *heatMap) place(l, i int, e *resolve.Entity) {
	for ri := range h.Cells {
		for ci := range h.Cells[ri] {
			c := &h.Cells[ri][ci]
			if c.Likelihood == l && c.Impact == i {
				c.Risks = append(c.Risks, e)
				return
			}
		}
	}
}

func urlsSlug(s string) string { return strings.ToLower(urls.Slug(s)) }

func scaleName(scale []model.ScaleStep, v int) string {
	for _, s := range scale {
		if s.Value == v {
			if s.Name != "" {
				return s.Name
			}
		}
	}
	return fmt.Sprint(v)
}

// ScaleName names a likelihood value (for templates).
// ScaleWords names a likelihood and an impact as the pack's risk register does.
func (p *Page) ScaleWords(likelihood, impact int) string {
	return p.G.Site.Risks.Method.ScaleWords(likelihood, impact)
}

func (p *Page) LikelihoodName(v int) string { return scaleName(p.G.Site.Risks.Method.Likelihood, v) }

// ImpactName names an impact value.
func (p *Page) ImpactName(v int) string { return scaleName(p.G.Site.Risks.Method.Impact, v) }

// RiskLevels returns a risk's inherent and residual level and bands.
func (p *Page) RiskRow(e *resolve.Entity) riskRow {
	m := &p.G.Site.Risks.Method
	in, res := p.G.RiskLevels(e.Risk)
	return riskRow{Entity: e, Risk: e.Risk, Inherent: in, Residual: res, InherentBand: m.Band(in), ResidualBand: m.Band(res), Acceptable: m.Acceptable(res)}
}

// readinessData is the readiness page.
type readinessData struct {
	Findings  []check.Finding
	Checklist []check.ChecklistItem
	Coverage  []resolve.Coverage
	// Uncontrolled are the pages written without front matter.
	Uncontrolled []*resolve.Entity
	// Acknowledgements are the published documents whose distribution names a group,
	// with its acknowledgement coverage (7.3), in document order.
	Acknowledgements []ackRow
}

// ackRow is one document's acknowledgement coverage for one group.
type ackRow struct {
	Entity   *resolve.Entity
	Coverage resolve.AckCoverage
}

func (r *renderer) readinessData() readinessData {
	d := readinessData{
		Findings:  r.opt.Findings,
		Checklist: check.Readiness(r.g, r.opt.Findings),
		Coverage:  r.g.ClauseCoverage(),

		Uncontrolled: r.g.Uncontrolled(),
	}
	for _, e := range r.pub.filter(r.g.Entities()) {
		for _, c := range r.g.Acknowledgements(e) {
			d.Acknowledgements = append(d.Acknowledgements, ackRow{Entity: e, Coverage: c})
		}
	}
	return d
}

// FindingText is a finding's message, unless it concerns something the site withholds:
// then it names only the rule's subject by ID, since the message may quote its content.
func (p *Page) FindingText(f check.Finding) string {
	for _, e := range findingSubjects(p.G, f) {
		if p.pub().withheld(e) {
			name := e.ID
			if name == "" {
				name = "a page"
			}
			return fmt.Sprintf("A finding on %s, which is classified %s and not published on this intranet.", name, p.G.Classification(e))
		}
	}
	return f.Message
}

// FindingURL links a finding to the page of what it concerns.
func (p *Page) FindingURL(f check.Finding) string {
	if e, ok := p.G.Lookup(f.Subject); ok {
		return p.URL(e)
	}
	if e, ok := p.G.DocumentByPath(f.Pos.Path); ok {
		return p.URL(e)
	}
	return ""
}

// SoASummary is the SoA's one-sentence summary (as the packs open it) over the controls
// the site shows: a row withheld for its classification is not counted.
func (p *Page) SoASummary() string { return p.G.SoASummaryOf(p.pub().shown) }

// TreatmentSummary is the treatment plan's summary over the actions the site shows.
func (p *Page) TreatmentSummary() string { return p.G.TreatmentSummaryOf(p.pub().shown) }
