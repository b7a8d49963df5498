package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// The dashboard of the home page: the ISMS at a glance in charts (charts.go), from the
// resolved graph and the readiness findings; only what the site publishes.

// dashboard is the home page's charts and the overdue actions the actions chart names.
type dashboard struct {
	Charts  []chart
	Overdue []*resolve.Entity // treatment actions past their due date
}

func (r *renderer) dashboardData() dashboard {
	var rels []ReleaseFigures
	if r.opt.Versions != nil {
		rels = r.opt.Versions.Trend
	}
	d := r.dashboardCharts(len(rels) > 0)
	d.addTrends(rels)
	// A chart with nothing to draw today is left out, unless its trend shows what it
	// had in earlier releases.
	d.Charts = slices.DeleteFunc(d.Charts, func(c chart) bool { return len(c.Bars) == 0 && c.Trend == nil })
	return d
}

// dashboardCharts is the dashboard without the trends: the charts of the registers the
// site publishes, with those that have no bars when empty is set (their counts are
// zeros in a trend).
func (r *renderer) dashboardCharts(empty bool) dashboard {
	var d dashboard
	add := func(c chart, ok bool) {
		if ok && (empty || len(c.Bars) > 0) {
			d.Charts = append(d.Charts, c)
		}
	}
	add(r.soaChart(), r.hasRegister("soa"))
	add(r.riskChart(), r.hasRegister("risks"))
	actions, overdue := r.actionChart()
	add(actions, r.hasRegister("treatment"))
	if r.hasRegister("treatment") {
		d.Overdue = overdue
	}
	add(r.reviewChart(), true)
	add(r.findingChart(), true)
	return d
}

// soaChart is the SoA's implementation status by theme.
func (r *renderer) soaChart() chart {
	c := chart{ID: "chart-soa", Title: "SoA implementation by theme", Legend: []chartSeg{
		{Label: "implemented", Class: "ok"}, {Label: "partial", Class: "warn"}, {Label: "planned", Class: "plan"},
		{Label: "not implemented", Class: "bad"}, {Label: "not applicable", Class: "muted"}, {Label: "no SoA row", Class: "missing"}}}
	for _, grp := range r.controlGroups(true) {
		segs := slices.Clone(c.Legend)
		for _, e := range grp.Controls {
			row, ok := r.g.SoARow(e.ID)
			switch {
			case !ok:
				segs[5].N++
			case !row.IsApplicable():
				segs[4].N++
			case row.Status == model.Implemented:
				segs[0].N++
			case row.Status == model.Partial:
				segs[1].N++
			case row.Status == model.NotImplemented:
				segs[3].N++
			default: // planned, or no status yet
				segs[2].N++
			}
		}
		c.Bars = append(c.Bars, chartBar{Label: strings.ToUpper(grp.Theme[:1]) + grp.Theme[1:], Href: urls.SoA, Segs: segs})
	}
	return c
}

// riskChart is the residual risks by band, within the acceptance threshold or above.
func (r *renderer) riskChart() chart {
	m := &r.g.Site.Risks.Method
	c := chart{ID: "chart-risks", Title: "Residual risks by band", Legend: []chartSeg{
		{Label: "within appetite", Class: "ok"}, {Label: "above appetite", Class: "bad"}}}
	idx := map[string]int{}
	for _, b := range m.Bands {
		idx[b.Name] = len(c.Bars)
		c.Bars = append(c.Bars, chartBar{Label: b.Name, Href: urls.Risks, Segs: slices.Clone(c.Legend)})
	}
	for _, e := range r.pub.filter(r.g.OfKind(resolve.KindRisk)) {
		_, res := r.g.RiskLevels(e.Risk)
		i, ok := idx[m.Band(res)]
		if !ok {
			continue
		}
		if m.Acceptable(res) {
			c.Bars[i].Segs[0].N++
		} else {
			c.Bars[i].Segs[1].N++
		}
	}
	return c
}

// actionChart is the treatment actions by status, overdue ones apart, and the overdue
// actions themselves.
func (r *renderer) actionChart() (chart, []*resolve.Entity) {
	c := chart{ID: "chart-actions", Title: "Treatment actions by status", Legend: []chartSeg{
		{Label: "on time", Class: "ok"}, {Label: "overdue", Class: "bad"}}}
	statuses := []model.ActionStatus{model.ActionPlanned, model.ActionInProgress, model.ActionDone, model.ActionCancelled}
	for _, st := range statuses {
		c.Bars = append(c.Bars, chartBar{Label: string(st), Href: urls.Treatment, Segs: slices.Clone(c.Legend)})
	}
	var overdue []*resolve.Entity
	for _, e := range r.pub.filter(r.g.OfKind(resolve.KindAction)) {
		i := slices.Index(statuses, e.Action.Status)
		if i < 0 {
			continue
		}
		if r.g.Overdue(e.Action) {
			c.Bars[i].Segs[1].N++
			overdue = append(overdue, e)
		} else {
			c.Bars[i].Segs[0].N++
		}
	}
	return c, overdue
}

// reviewWindows are the buckets of the reviews chart, in days from the build date.
var reviewWindows = []struct{ label, class string }{
	{"overdue", "bad"}, {"in 30 days", "warn"}, {"in 31–60 days", "plan"}, {"in 61–90 days", "ok"}}

// reviewChart is the reviews due in the next 90 days (and overdue) by owner: documents
// and registers to review, risks to review.
func (r *renderer) reviewChart() chart {
	c := chart{ID: "chart-reviews", Title: "Reviews due in the next 90 days by owner"}
	for _, w := range reviewWindows {
		c.Legend = append(c.Legend, chartSeg{Label: w.label, Class: w.class})
	}
	by := map[string]*chartBar{}
	count := func(owner string, next model.Date) {
		if next.IsZero() || owner == "" {
			return
		}
		days := int(next.Time().Sub(r.g.Date.Time()) / (24 * time.Hour))
		i := -1
		switch {
		case days < 0:
			i = 0
		case days <= 30:
			i = 1
		case days <= 60:
			i = 2
		case days <= 90:
			i = 3
		}
		if i < 0 {
			return
		}
		b := by[owner]
		if b == nil {
			b = &chartBar{Label: owner, Href: urls.Owner(owner), Segs: slices.Clone(c.Legend)}
			by[owner] = b
		}
		b.Segs[i].N++
	}
	for _, e := range r.controlledShown() {
		if info, ok := r.g.Controlled(e); ok && info.Status == model.StatusApproved {
			count(info.Owner, info.NextReview)
		}
	}
	for _, e := range r.pub.filter(r.g.OfKind(resolve.KindRisk)) {
		count(e.Risk.Owner, e.Risk.Review)
	}
	for _, b := range by {
		c.Bars = append(c.Bars, *b)
	}
	slices.SortFunc(c.Bars, func(a, b chartBar) int {
		return cmp.Or(cmp.Compare(b.Total(), a.Total()), strings.Compare(a.Label, b.Label))
	})
	return c
}

// controlledShown returns the published documents and registers.
func (r *renderer) controlledShown() []*resolve.Entity {
	out := r.pub.filter(r.g.Documents())
	for _, reg := range model.Registers() {
		if e, shown := r.pub.register(reg.Artefact); shown && e != nil {
			out = append(out, e)
		}
	}
	return out
}

// findingChart is the readiness findings by rule, errors and warnings.
func (r *renderer) findingChart() chart {
	c := chart{ID: "chart-findings", Title: "Readiness findings by rule", Legend: []chartSeg{
		{Label: "errors", Class: "bad"}, {Label: "warnings", Class: "warn"}}}
	by := map[string]*chartBar{}
	for _, f := range r.opt.Findings {
		b := by[f.Rule]
		if b == nil {
			b = &chartBar{Label: f.Rule, Href: urls.Readiness, Segs: slices.Clone(c.Legend)}
			by[f.Rule] = b
		}
		if f.Severity == check.Error {
			b.Segs[0].N++
		} else {
			b.Segs[1].N++
		}
	}
	for _, b := range by {
		c.Bars = append(c.Bars, *b)
	}
	slices.SortFunc(c.Bars, func(a, b chartBar) int {
		return cmp.Or(cmp.Compare(b.Segs[0].N, a.Segs[0].N), cmp.Compare(b.Total(), a.Total()), strings.Compare(a.Label, b.Label))
	})
	return c
}
