package check

import (
	"fmt"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// sitePath is the site settings file; findings about the ISMS as a whole point there.
const sitePath = "data/site.yaml"

// clauses checks that every mandatory clause of Clauses is covered by an approved
// document or register (ClauseCoverage). A missing clause belongs to no file, so it is
// reported at data/site.yaml, the file that stands for the whole ISMS; its subject is
// the clause number.
func (c *checker) clauses() {
	if !c.g.Site.InForce(model.ISO27001) {
		return
	}
	at := c.g.Site.Config.Pos
	if at.Path == "" {
		at = diag.Pos{Path: sitePath}
	}
	for _, cov := range c.g.ClauseCoverage() {
		if !cov.Clause.Mandatory || cov.Covered() {
			continue
		}
		cl := cov.Clause
		why := fmt.Sprintf("no approved document declares it: add clauses: [%q] to the front matter of the approved document that holds it", cl.Number)
		if len(cov.By) > 0 {
			why = fmt.Sprintf("it is declared only by %s, none of them approved", statusList(cov.By))
		}
		c.add(RuleClauseMissing, at, cl.Number, "clause %s (%s) requires documented information, %s; %s", cl.Number, cl.Title, cl.Requires, why)
	}
}

// statusList names documents with their status: "PLN-OBJ (draft), REC-KPI (review)".
func statusList(es []*resolve.Entity) string {
	s := make([]string, len(es))
	for i, e := range es {
		st := statusOf(e)
		if st == "" {
			st = "no status"
		}
		s[i] = fmt.Sprintf("%s (%s)", e.ID, st)
	}
	return list(s)
}

// statusOf returns the status of a document or register.
func statusOf(e *resolve.Entity) string {
	switch {
	case e.Doc != nil:
		return string(e.Doc.Meta.Status)
	case e.DocControl != nil:
		return string(e.DocControl.Status)
	}
	return ""
}
