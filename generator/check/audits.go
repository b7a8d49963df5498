package check

import (
	"fmt"
	"slices"

	"github.com/ismsgen/ismsgen/generator/model"
)

// defaultAuditCycleMonths is the certification cycle the audit programme covers when
// checks.audit_cycle does not say.
const defaultAuditCycleMonths = 36

// audits checks the internal audit programme (9.2): over the cycle it audits every
// clause of 4 to 10 and every applicable control, audits are held when planned, and
// the nonconformities they find are in the log.
func (c *checker) audits() {
	p := &c.g.Site.Audits
	if p.Path == "" {
		return
	}
	today := c.g.Date
	months := c.g.Site.Config.Checks.AuditCycle.Months
	if months == 0 {
		months = defaultAuditCycleMonths
	}
	from, to := today.AddMonths(-months), today.AddMonths(months)
	var inCycle []*model.Audit
	for _, a := range p.Audits {
		if a == nil {
			continue
		}
		switch {
		case a.Status == model.AuditPlanned && !a.Planned.IsZero() && a.Planned.Before(today):
			c.add(RuleAuditOverdue, keyPos(a.PlannedPos, a.Pos), a.ID, "audit %s was planned for %s (build date %s) and is still planned: hold it, move it, or cancel it", a.ID, a.Planned, today)
		case a.Status == model.AuditDone && a.Held.IsZero():
			c.add(RuleAuditDates, keyPos(a.StatusPos, a.Pos), a.ID, "audit %s is done but records no date it was held: set held: (YYYY-MM-DD)", a.ID)
		case a.Held.After(today):
			c.add(RuleAuditDates, keyPos(a.HeldPos, a.Pos), a.ID, "audit %s is held on %s, after the build date %s", a.ID, a.Held, today)
		}
		for _, f := range a.Findings {
			if f != nil && f.Type.IsNonconformity() && f.Nonconformity.ID == "" {
				c.add(RuleAuditUntracked, f.Pos, a.ID, "audit %s found nonconformity %s but names no entry of the nonconformity log: raise it there and set nonconformity:", a.ID, f.ID)
			}
		}
		when := a.Held
		if when.IsZero() {
			when = a.Planned
		}
		if a.Status != model.AuditCancelled && !when.Before(from) && !when.After(to) {
			inCycle = append(inCycle, a)
		}
	}
	c.auditGaps(inCycle, months)
	c.findingLinks()
}

// findingLinks reports a finding and a nonconformity that name each other differently:
// a nonconformity's finding: whose finding raised another entry (or none), and a
// finding's nonconformity: whose entry names another finding. A finding whose entry
// names no finding is left alone (the log's finding: is optional).
func (c *checker) findingLinks() {
	for _, nc := range c.g.Site.Nonconformities.Nonconformities {
		if nc == nil || nc.Finding.ID == "" {
			continue
		}
		e, ok := c.g.Lookup(nc.Finding.ID)
		if !ok {
			continue
		}
		f, isFinding := e.Row.(*model.AuditFinding)
		if !isFinding || f.Nonconformity.ID == nc.ID {
			continue
		}
		raised := "raised no nonconformity"
		if f.Nonconformity.ID != "" {
			raised = "raised " + f.Nonconformity.ID
		}
		c.add(RuleAuditFindingLink, keyPos(nc.Finding.Pos, nc.Pos), nc.ID, "nonconformity %s was raised by finding %s, but that finding %s: set its nonconformity: to %s, or correct finding:", nc.ID, nc.Finding.ID, raised, nc.ID)
	}
	for _, a := range c.g.Site.Audits.Audits {
		if a == nil {
			continue
		}
		for _, f := range a.Findings {
			if f == nil || f.Nonconformity.ID == "" {
				continue
			}
			e, ok := c.g.Lookup(f.Nonconformity.ID)
			if !ok {
				continue
			}
			nc, isNC := e.Row.(*model.Nonconformity)
			if !isNC || nc.Finding.ID == "" || nc.Finding.ID == f.RowID() {
				continue
			}
			c.add(RuleAuditFindingLink, keyPos(f.Nonconformity.Pos, f.NonconformityPos, f.Pos), a.ID, "finding %s raised nonconformity %s, whose finding: names %s: correct one of them", f.RowID(), nc.ID, nc.Finding.ID)
		}
	}
}

// auditGaps reports the clauses of 4 to 10 and the applicable controls that no audit of
// the cycle covers, once each, at the programme's document block.
func (c *checker) auditGaps(audits []*model.Audit, months int) {
	at := c.g.Site.Audits.Document.Pos
	cycle := model.Cycle{Months: months}
	var clauses []string
	for n := 4; n <= 10; n++ {
		cl := fmt.Sprint(n)
		if !slices.ContainsFunc(audits, func(a *model.Audit) bool { return auditsClause(a, cl) }) {
			clauses = append(clauses, cl)
		}
	}
	if len(clauses) > 0 {
		c.add(RuleAuditGap, at, "", "no audit planned or held within %s of the build date covers clause %s: add them to an audit's scope: clauses:", cycle, joinAnd(clauses))
	}
	var controls []string
	for _, row := range c.g.Site.SoA.Controls {
		if row == nil || !row.IsApplicable() {
			continue
		}
		e, ok := c.g.Lookup(row.Control.ID)
		if !ok || e.Control == nil {
			continue
		}
		if !slices.ContainsFunc(audits, func(a *model.Audit) bool { return auditsControl(a, e.Control) }) {
			controls = append(controls, row.Control.ID)
		}
	}
	if len(controls) > 0 {
		c.add(RuleAuditGap, at, "", "no audit planned or held within %s of the build date covers applicable control %s: add them to an audit's scope: controls: or themes:", cycle, list(controls))
	}
}

func auditsClause(a *model.Audit, clause string) bool {
	for _, cl := range a.Scope.Clauses {
		if clauseWithin(clause, cl.Number) {
			return true
		}
	}
	return false
}

func auditsControl(a *model.Audit, ctl *model.Control) bool {
	return slices.Contains(a.Scope.Themes, ctl.Theme) || cites(a.Scope.Controls, ctl.ID)
}
