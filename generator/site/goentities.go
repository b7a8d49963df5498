package site

import (
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// The pages of risks and treatment actions are as many as the risk register's rows (the
// synthetic corpus has 500 of each): their layouts' "main" blocks have Go twins, as the
// document layout has (goframe.go).

// refSection writes a <section> listing refs by LinkTitled, as the risk and action
// layouts do: nothing when none resolves.
func refSection(w htmlWriter, p *Page, refs []model.Ref, id, heading string) {
	es := p.Refs(refs)
	if len(es) == 0 {
		return
	}
	w.raw(`<section><h2 id="` + id + `">` + heading + `</h2><ul>`)
	for _, e := range es {
		w.raw("<li>")
		w.html(p.LinkTitled(e))
	}
	w.raw("</ul></section>")
}

// bandBadge writes a risk level's badge: its band's class, the level and the band.
func bandBadge(w htmlWriter, level int, band string) {
	w.raw(`<span class="badge band-`)
	w.text(urls.Slug(strings.ToLower(band)))
	w.raw(`">` + strconv.Itoa(level) + " ")
	w.text(band)
	w.raw("</span>")
}

// field writes one <div><dt>label<dd>value</div> of a text value that is not empty.
func field(w htmlWriter, label, value string) {
	if value == "" {
		return
	}
	w.raw("<div><dt>" + label + "<dd>")
	w.text(value)
	w.raw("</div>")
}

// mainEnd writes what the risk and action layouts end with: the backlinks.
func mainEnd(f *frameRun) error {
	f.w.raw("\n")
	if err := f.partial("partials/backlinks.html"); err != nil {
		return err
	}
	f.w.raw("\n")
	return nil
}

// riskMain is the "main" block of layouts/risk.html.
func riskMain(f *frameRun) error {
	w, p := f.w, f.p
	if p.Entity == nil || p.Entity.Risk == nil {
		return f.t.ExecuteTemplate(w.b, "main", p) // for the template's own error
	}
	r, row := p.Entity.Risk, p.RiskRow(p.Entity)
	w.raw("\n" + `<h1><span class="doc-id">`)
	w.text(r.ID)
	w.raw("</span> ")
	w.text(r.Title)
	w.raw("</h1>")
	if r.Description != "" {
		w.raw(`<p class="lead">`)
		w.text(r.Description)
		w.raw("</p>")
	}
	w.raw("\n" + `<dl class="fields">`)
	if len(r.Asset) > 0 {
		w.raw("<div><dt>Asset<dd>")
		for i, a := range r.Asset {
			if i > 0 {
				w.raw(", ")
			}
			w.html(p.LinkTitledID(a.ID))
		}
		w.raw("</div>")
	}
	field(w, "Threat", r.Threat)
	field(w, "Vulnerability", r.Vulnerability)
	if len(r.CIA) > 0 {
		w.raw("<div><dt>Affects<dd>")
		for i, c := range r.CIA {
			if i > 0 {
				w.raw(", ")
			}
			w.text(c)
		}
		w.raw("</div>")
	}
	w.raw("\n  <div><dt>Risk owner<dd>")
	w.html(p.Owner(r.Owner))
	w.raw("</div>\n  <div><dt>Inherent level<dd>likelihood " + strconv.Itoa(r.Likelihood) + " (")
	w.text(p.LikelihoodName(r.Likelihood))
	w.raw("), impact " + strconv.Itoa(r.Impact) + " (")
	w.text(p.ImpactName(r.Impact))
	w.raw("): ")
	bandBadge(w, row.Inherent, row.InherentBand)
	w.raw("</div>\n  <div><dt>Treatment<dd>")
	w.text(r.Treatment)
	w.raw("</div>")
	if res := r.Residual; res != nil {
		w.raw("<div><dt>Residual level<dd>likelihood " + strconv.Itoa(res.Likelihood) + ", impact " + strconv.Itoa(res.Impact) + ": ")
		bandBadge(w, row.Residual, row.ResidualBand)
		w.raw("</div>")
	}
	w.raw("\n  <div><dt>Within threshold<dd>")
	if row.Acceptable {
		w.raw("Yes")
	} else {
		w.raw("No (threshold " + strconv.Itoa(p.G.Site.Risks.Method.Acceptance) + ")")
	}
	w.raw("</div>")
	if r.AcceptedBy != "" {
		w.raw("<div><dt>Accepted by<dd>")
		w.text(r.AcceptedBy)
		if !r.Accepted.IsZero() {
			w.raw(" on ")
			w.html(dateHTML(r.Accepted))
		}
		if !r.AcceptedUntil.IsZero() {
			w.raw(", until ")
			w.html(dateHTML(r.AcceptedUntil))
		}
		w.raw("</div>")
	}
	if !r.Review.IsZero() {
		w.raw("<div><dt>Next review<dd>")
		w.html(dateHTML(r.Review))
		w.raw("</div>")
	}
	w.raw("\n</dl>")
	refSection(w, p, r.Controls, "controls", "Controls")
	refSection(w, p, r.Actions, "actions", "Treatment actions")
	return mainEnd(f)
}

// actionMain is the "main" block of layouts/action.html.
func actionMain(f *frameRun) error {
	w, p := f.w, f.p
	if p.Entity == nil || p.Entity.Action == nil {
		return f.t.ExecuteTemplate(w.b, "main", p)
	}
	a := p.Entity.Action
	over := p.G.Overdue(a)
	w.raw("\n" + `<h1><span class="doc-id">`)
	w.text(a.ID)
	w.raw("</span> ")
	w.text(p.Entity.Title)
	w.raw("</h1>")
	if over {
		w.raw(`<div class="banner banner-overdue" role="note"><strong>Overdue.</strong> This action was due on `)
		w.html(dateHTML(a.Due))
		w.raw(" and is ")
		w.text(a.Status)
		w.raw(".</div>")
	}
	w.raw("\n" + `<dl class="fields">`)
	field(w, "Action", a.Action)
	w.raw("\n  <div><dt>Owner<dd>")
	w.html(p.Owner(a.Owner))
	w.raw("</div>")
	field(w, "Approver", a.Approver)
	field(w, "Resources", a.Resources)
	if !a.Start.IsZero() {
		w.raw("<div><dt>Start<dd>")
		w.html(dateHTML(a.Start))
		w.raw("</div>")
	}
	w.raw("\n  <div><dt>Due<dd>")
	w.html(dateHTML(a.Due))
	w.raw("</div>\n  " + `<div><dt>Status<dd><span class="badge action-`)
	w.text(a.Status)
	w.raw(`">`)
	w.text(a.Status)
	w.raw("</span></div>")
	if !a.Completed.IsZero() {
		w.raw("<div><dt>Completed<dd>")
		w.html(dateHTML(a.Completed))
		w.raw("</div>")
	}
	field(w, "Performance measure", a.Measure)
	w.raw("\n</dl>")
	refSection(w, p, a.Risks, "risks", "Risks")
	refSection(w, p, a.Controls, "controls", "Controls")
	refSection(w, p, a.Evidence, "evidence", "Evidence")
	return mainEnd(f)
}
