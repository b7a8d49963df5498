package export

import (
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// soaTable has one row per catalogue control, in catalogue order, whether or not the SoA
// has a row for it: an auditor must see the gaps too.
func (x exporter) soaTable() *Table {
	g := x.g
	t := &Table{Columns: []string{"control", "title", "theme", "applicable", "reasons", "justification", "status", "owner", "documents", "evidence", "risks", "target"}}
	for _, c := range g.Site.Catalogue {
		if !x.keepID(c.ID) {
			continue
		}
		var applicable any
		var reasons []string
		var justification, status, owner string
		var target any
		if row, ok := g.SoARow(c.ID); ok {
			if row.Applicable != nil {
				applicable = *row.Applicable
			}
			for _, r := range row.Reasons {
				reasons = append(reasons, string(r))
			}
			justification, status, owner = row.Justification, string(row.Status), row.Owner
			target = date(row.Target)
		}
		docs, ev := g.Implementation(c.ID)
		var risks []string
		if e, ok := g.Lookup(c.ID); ok {
			risks = x.ids(g.BacklinksOfKind(e, resolve.KindRisk))
		}
		t.Rows = append(t.Rows, []any{c.ID, c.Title, c.Theme, applicable, reasons, justification, status, owner, x.ids(docs), x.ids(ev), risks, target})
	}
	return t
}

// riskTable has one row per risk, in register order. Levels and bands are computed by
// the method, never typed in; the residual level is the inherent one when no residual
// likelihood and impact are recorded.
func (x exporter) riskTable() *Table {
	g := x.g
	t := &Table{Columns: []string{"id", "title", "asset", "threat", "vulnerability", "cia", "owner",
		"likelihood", "impact", "level", "band", "acceptable", "treatment", "controls", "actions",
		"residual_likelihood", "residual_impact", "residual_level", "accepted_by", "accepted", "accepted_until", "review"}}
	m := &g.Site.Risks.Method
	for _, r := range g.Site.Risks.Risks {
		if r == nil || !x.keepID(r.ID) {
			continue
		}
		var cia []string
		for _, c := range r.CIA {
			cia = append(cia, string(c))
		}
		inherent, residual := g.RiskLevels(r)
		var level, band, acceptable, resL, resI, resLevel any
		if r.Likelihood != 0 && r.Impact != 0 {
			level, band, acceptable = inherent, m.Band(inherent), m.Acceptable(inherent)
			resLevel = residual
		}
		if res := r.Residual; res != nil {
			resL, resI = number(res.Likelihood), number(res.Impact)
			if res.Likelihood == 0 || res.Impact == 0 {
				resLevel = nil
			}
		}
		t.Rows = append(t.Rows, []any{r.ID, r.Title, r.Asset, r.Threat, r.Vulnerability, cia, r.Owner,
			number(r.Likelihood), number(r.Impact), level, band, acceptable, string(r.Treatment), model.IDs(r.Controls), model.IDs(r.Actions),
			resL, resI, resLevel, r.AcceptedBy, date(r.Accepted), date(r.AcceptedUntil), date(r.Review)})
	}
	return t
}

// treatmentTable has one row per treatment action, in plan order; overdue is derived
// from the due date and the build date.
func (x exporter) treatmentTable() *Table {
	g := x.g
	t := &Table{Columns: []string{"id", "title", "risks", "action", "controls", "owner", "approver", "start", "due", "status", "overdue", "evidence", "completed"}}
	for _, a := range g.Site.Treatment.Actions {
		if a == nil || !x.keepID(a.ID) {
			continue
		}
		t.Rows = append(t.Rows, []any{a.ID, a.Title, model.IDs(a.Risks), a.Action, model.IDs(a.Controls), a.Owner, a.Approver,
			date(a.Start), date(a.Due), string(a.Status), g.Overdue(a), model.IDs(a.Evidence), date(a.Completed)})
	}
	return t
}

// documentTable has one row per published controlled document and register, in ID
// order: the master list of documents (7.5.3). A document without a classification has
// the site's default one.
func (x exporter) documentTable() *Table {
	g := x.g
	t := &Table{Columns: []string{"id", "title", "type", "version", "status", "owner", "approver", "approved", "next_review", "review_overdue", "classification", "path"}}
	for _, e := range g.Documents() {
		m, ok := g.Controlled(e)
		if !ok || !x.keep(e) {
			continue
		}
		class := m.Classification
		if class == "" {
			class = g.Site.Config.Classification
		}
		t.Rows = append(t.Rows, []any{m.ID, m.Title, string(m.Type), m.Version, string(m.Status), m.Owner, m.Approver,
			date(m.Approved), date(m.NextReview), g.DocReviewOverdue(m), string(class), m.Path})
	}
	return t
}

// date is a date cell: YYYY-MM-DD, or nil when unset.
func date(d model.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// number is a scale value cell: nil when unset (0 is never on a scale).
func number(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
