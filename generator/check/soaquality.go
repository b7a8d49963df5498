package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
)

// defaultMinJustification is the fewest characters an exclusion's justification may have
// when data/site.yaml sets no checks.min_justification.
const defaultMinJustification = 20

// placeholderJustification reports whether a justification (lower case, without
// trailing dots) is what people type when they have no reason to give.
func placeholderJustification(s string) bool {
	switch s {
	case "", "-", "--", "n/a", "na", "n.a", "not applicable", "none", "tbd", "todo", "not relevant", "no":
		return true
	}
	return false
}

// weakJustification reports an exclusion justified by a placeholder or by too few words
// to tell an auditor why the control does not apply (6.1.3 d).
func (c *checker) weakJustification(row *model.SoARow) {
	j := strings.TrimSpace(row.Justification)
	min := c.g.Site.Config.Checks.MinJustification
	if min <= 0 {
		min = defaultMinJustification
	}
	pos := keyPos(row.JustificationPos, row.Pos)
	key := strings.ToLower(strings.TrimRight(j, ". "))
	switch {
	case placeholderJustification(key):
		c.add(RuleSoAWeakJustification, pos, row.Control.ID, "%s is excluded with the justification %q, which says nothing: say why the control does not apply to the organisation", row.Control.ID, j)
	case utf8.RuneCountInString(j) < min:
		c.add(RuleSoAWeakJustification, pos, row.Control.ID, "%s is excluded with a justification of %d characters (%q), fewer than %d: say why the control does not apply to the organisation", row.Control.ID, utf8.RuneCountInString(j), j, min)
	}
}

// excludedImplemented reports an excluded control whose row still records an
// implementation: either the exclusion or the implementation is wrong.
func (c *checker) excludedImplemented(row *model.SoARow) {
	var has []string
	switch row.Status {
	case model.Implemented, model.Partial, model.Planned:
		has = append(has, "status "+string(row.Status))
	}
	if len(row.Documents) > 0 {
		has = append(has, "documents")
	}
	if len(row.Evidence) > 0 {
		has = append(has, "evidence")
	}
	if len(has) > 0 {
		c.add(RuleSoAExcludedImplemented, keyPos(row.StatusPos, row.ApplicablePos, row.Pos), row.Control.ID,
			"%s is marked not applicable but its row records %s: include the control, or remove what it records", row.Control.ID, joinAnd(has))
	}
}

// justificationRisks reports the risks a justification cites that do not cite the
// control: "included to treat R-3" is a claim the risk register must back.
func (c *checker) justificationRisks(row *model.SoARow) {
	for _, id := range citedRisks(row.Justification, c.riskIndex()) {
		if r := c.riskIndex()[id]; !cites(r.Controls, row.Control.ID) {
			c.add(RuleSoAJustificationRisk, keyPos(row.JustificationPos, row.Pos), row.Control.ID,
				"the justification for %s cites risk %s, which does not list %s among its controls: add it to the risk's controls: or correct the justification", row.Control.ID, id, row.Control.ID)
		}
	}
}

// riskIndex maps risk IDs to risks, built once per run.
func (c *checker) riskIndex() map[string]*model.Risk {
	if c.risksByID == nil {
		c.risksByID = map[string]*model.Risk{}
		for _, r := range c.g.Site.Risks.Risks {
			if r != nil && r.ID != "" {
				c.risksByID[r.ID] = r
			}
		}
	}
	return c.risksByID
}

// citedRisks returns the risk IDs a text mentions, each once, in order.
func citedRisks(text string, risks map[string]*model.Risk) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.'
	}) {
		w = strings.TrimRight(w, ".-")
		if _, ok := risks[w]; ok && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// keyPos is the first set position: a key's own, else its row's.
func keyPos(ps ...diag.Pos) diag.Pos {
	for _, p := range ps {
		if p.Path != "" {
			return p
		}
	}
	return diag.Pos{}
}
