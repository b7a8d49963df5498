package site

import (
	"strconv"
	"strings"

	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// The risk register and the treatment plan list every risk and action, with their
// references: their layouts' "main" blocks have Go twins too (goframe.go).

// exportLinks writes a register's "Download as CSV · XLSX" line.
func exportLinks(w htmlWriter, p *Page, kind string) {
	w.raw(`<p class="exports"><a href="`)
	w.url(p.CSV(kind))
	w.raw(`" download>Download as CSV</a> · <a href="`)
	w.url(p.XLSX(kind))
	w.raw(`" download>XLSX</a></p>`)
}

// links writes each resolved ref by Link, each followed by a space.
func links(w htmlWriter, p *Page, refs []*resolve.Entity) {
	for _, e := range refs {
		w.html(p.Link(e))
		w.raw(" ")
	}
}

// risksMain is the "main" block of layouts/risks.html.
func risksMain(f *frameRun) error {
	w, p := f.w, f.p
	d, ok := p.Data.(risksData)
	if !ok || d.Method == nil {
		return f.t.ExecuteTemplate(w.b, "main", p)
	}
	w.raw("\n<h1>")
	w.text(p.Title)
	w.raw("</h1>\n")
	if err := f.partial("partials/doccontrol.html"); err != nil {
		return err
	}
	w.raw("\n")
	exportLinks(w, p, "risks")
	w.raw("\n" + `<section class="method">` + "\n" + `<h2 id="method">Method</h2>` + "\n<p>Risk level = likelihood ")
	if d.Method.Formula == "add" {
		w.raw("+")
	} else {
		w.raw("×")
	}
	w.raw(" impact. Levels up to <strong>" + strconv.Itoa(d.Method.Acceptance) + "</strong> are within the acceptance threshold.</p>")
	if len(d.Method.Bands) > 0 {
		w.raw(`<p class="bands">`)
		for i, b := range d.Method.Bands {
			if i > 0 {
				w.raw(" · ")
			}
			w.raw(`<span class="badge band-`)
			w.text(urls.Slug(strings.ToLower(b.Name)))
			w.raw(`">`)
			w.text(b.Name)
			w.raw("</span> ≤ " + strconv.Itoa(b.Max))
		}
		w.raw("</p>")
	}
	w.raw("\n</section>\n" + `<section class="heatmaps">` + "\n" + `<h2 id="heat-map">Heat map</h2>` + "\n" + `<div class="heatmap-pair">` + "\n<figure>")
	w.html(p.HeatMapSVG(d.Inherent))
	w.raw("<figcaption>Before treatment</figcaption></figure>\n<figure>")
	w.html(p.HeatMapSVG(d.Residual))
	w.raw("<figcaption>After treatment (residual)</figcaption></figure>\n</div>\n" + `<h3 id="movement">Movement from inherent to residual risk</h3>` + "\n" +
		`<div class="table-wrap"><table class="register movement" data-sortable>` + "\n" +
		`<thead><tr><th>Risk</th><th>Title</th><th data-sort-first="descending">Inherent</th><th data-sort-first="descending">Residual</th><th data-sort-first="descending">Movement</th></tr></thead>` + "\n<tbody>")
	for _, r := range d.Rows {
		w.raw("\n" + `<tr><td data-sort="`)
		w.text(r.Entity.ID)
		w.raw(`">`)
		w.html(p.LinkBare(r.Entity))
		w.raw("</td><td>")
		w.text(r.Risk.Title)
		w.raw("</td>\n" + `<td data-sort="` + strconv.Itoa(r.Inherent) + `">`)
		w.text(p.ScaleWords(r.Risk.Likelihood, r.Risk.Impact))
		w.raw(" = ")
		bandBadge(w, r.Inherent, r.InherentBand)
		w.raw("</td>\n" + `<td data-sort="` + strconv.Itoa(r.Residual) + `">`)
		w.text(p.ScaleWords(r.ResidualLikelihood(), r.ResidualImpact()))
		w.raw(" = ")
		bandBadge(w, r.Residual, r.ResidualBand)
		w.raw("</td>\n" + `<td data-sort="` + strconv.Itoa(r.Down()) + `">`)
		switch {
		case r.Down() > 0:
			w.raw(`<span class="down">↓ down ` + strconv.Itoa(r.Down()) + "</span>")
		case r.Up() > 0:
			w.raw(`<span class="up">↑ up ` + strconv.Itoa(r.Up()) + "</span>")
		default:
			w.raw("unchanged")
		}
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody>\n</table></div>\n</section>\n<section>\n" + `<h2 id="register">Register</h2>` + "\n" +
		`<div class="table-wrap"><table class="register risks" data-sortable>` + "\n" +
		`<thead><tr><th>Risk</th><th>Title</th><th data-filter>Owner</th><th><abbr title="Likelihood">L</abbr></th><th><abbr title="Impact">I</abbr></th><th data-filter data-sort-first="descending">Level</th><th data-filter>Treatment</th><th>Controls</th><th>Actions</th><th data-filter data-sort-first="descending">Residual</th><th>Accepted</th></tr></thead>` + "\n<tbody>")
	for _, r := range d.Rows {
		rk := r.Risk
		w.raw("\n<tr>\n" + `<td data-sort="`)
		w.text(r.Entity.ID)
		w.raw(`">`)
		w.html(p.LinkBare(r.Entity))
		w.raw("</td><td>")
		w.text(rk.Title)
		w.raw("</td><td>")
		w.html(p.Owner(rk.Owner))
		w.raw("</td>\n" + `<td data-sort="` + strconv.Itoa(rk.Likelihood) + `"><abbr title="`)
		w.text(p.LikelihoodName(rk.Likelihood))
		w.raw(`">` + strconv.Itoa(rk.Likelihood) + `</abbr></td><td data-sort="` + strconv.Itoa(rk.Impact) + `"><abbr title="`)
		w.text(p.ImpactName(rk.Impact))
		w.raw(`">` + strconv.Itoa(rk.Impact) + "</abbr></td>\n" + `<td data-sort="` + strconv.Itoa(r.Inherent) + `" data-value="`)
		w.text(r.InherentBand)
		w.raw(`">`)
		bandBadge(w, r.Inherent, r.InherentBand)
		w.raw(` <span class="scale-words">`)
		w.text(p.ScaleWords(rk.Likelihood, rk.Impact))
		w.raw("</span></td>\n<td>")
		w.text(rk.Treatment)
		w.raw("</td>\n<td>")
		links(w, p, p.Refs(rk.Controls))
		w.raw("</td>\n<td>")
		links(w, p, p.Refs(rk.Actions))
		w.raw("</td>\n" + `<td data-sort="` + strconv.Itoa(r.Residual) + `" data-value="`)
		w.text(r.ResidualBand)
		w.raw(`">`)
		bandBadge(w, r.Residual, r.ResidualBand)
		w.raw(` <span class="scale-words">`)
		w.text(p.ScaleWords(r.ResidualLikelihood(), r.ResidualImpact()))
		w.raw("</span>")
		if !r.Acceptable {
			w.raw(` <span class="badge badge-overdue">above threshold</span>`)
		}
		w.raw("</td>\n<td>")
		w.text(rk.AcceptedBy)
		if !rk.Accepted.IsZero() {
			w.raw(", ")
			w.html(dateHTML(rk.Accepted))
		}
		w.raw("</td>\n</tr>")
	}
	w.raw("\n</tbody>\n</table></div>\n</section>\n")
	if err := f.partial("partials/history.html"); err != nil {
		return err
	}
	w.raw("\n")
	return nil
}

// treatmentMain is the "main" block of layouts/treatment.html.
func treatmentMain(f *frameRun) error {
	w, p := f.w, f.p
	actions := p.G.OfKind("action")
	for _, e := range actions {
		if e.Action == nil {
			return f.t.ExecuteTemplate(w.b, "main", p) // for the template's own error
		}
	}
	w.raw("\n<h1>")
	w.text(p.Title)
	w.raw("</h1>\n")
	if err := f.partial("partials/doccontrol.html"); err != nil {
		return err
	}
	w.raw("\n" + `<p class="summary">`)
	w.text(p.TreatmentSummary())
	w.raw("</p>\n")
	exportLinks(w, p, "treatment")
	w.raw("\n" + `<div class="table-wrap"><table class="register treatment" data-sortable>` + "\n" +
		`<thead><tr><th>Action</th><th>Title</th><th>Risks</th><th>Controls</th><th data-filter>Owner</th><th>Due</th><th data-filter>Status</th><th>Evidence</th></tr></thead>` + "\n<tbody>")
	for _, e := range actions {
		a := e.Action
		over := p.G.Overdue(a)
		w.raw("\n<tr")
		if over {
			w.raw(` class="overdue"`)
		}
		w.raw(">\n" + `<td data-sort="`)
		w.text(e.ID)
		w.raw(`">`)
		w.html(p.LinkBare(e))
		w.raw("</td><td>")
		w.text(e.Title)
		w.raw("</td>\n<td>")
		links(w, p, p.Refs(a.Risks))
		w.raw("</td>\n<td>")
		links(w, p, p.Refs(a.Controls))
		w.raw("</td>\n<td>")
		w.html(p.Owner(a.Owner))
		w.raw("</td>\n" + `<td data-sort="`)
		w.text(a.Due)
		w.raw(`">`)
		w.html(dateHTML(a.Due))
		if over {
			w.raw(` <span class="badge badge-overdue">overdue</span>`)
		}
		w.raw("</td>\n" + `<td><span class="badge action-`)
		w.text(a.Status)
		w.raw(`">`)
		w.text(a.Status)
		w.raw("</span></td>\n<td>")
		links(w, p, p.Refs(a.Evidence))
		w.raw("</td>\n</tr>")
	}
	w.raw("\n</tbody>\n</table></div>\n")
	if err := f.partial("partials/history.html"); err != nil {
		return err
	}
	w.raw("\n")
	return nil
}
