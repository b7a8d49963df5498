package check

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
)

// Options tune a run of the rules. It exists so that later inputs (such as git history
// for "under version control" checks) do not change Run's callers.
type Options struct {
	// Git is the git history of the sources (package versions reads it); nil outside a
	// git repository, where the git rules do not run.
	Git GitHistory
}

// Run applies every rule to the resolved ISMS and returns the findings sorted by
// position, then rule, then message.
func Run(g *resolve.Graph) []Finding { return RunOptions(g, Options{}) }

// RunOptions is Run with options.
func RunOptions(g *resolve.Graph, opt Options) []Finding {
	c := &checker{g: g, sev: severities()}
	c.soa()
	c.consistency()
	c.clauses()
	c.controlDocuments()
	c.documents()
	c.uncontrolled()
	c.todos()
	c.risks()
	c.actions()
	c.evidence()
	c.frameworks()
	c.assets()
	c.suppliers()
	c.legal()
	c.audits()
	c.objectives()
	c.acknowledgements()
	c.nonconformities()
	c.gitChanges(opt.Git)
	for _, w := range g.Warnings {
		c.add(RuleBrokenLink, w.Pos, "", "%s", w.Msg)
	}
	return Sort(c.out)
}

// checker carries one run: the graph and the findings so far.
type checker struct {
	g   *resolve.Graph
	sev map[string]Severity
	out []Finding

	risksByID map[string]*model.Risk // riskIndex's cache
}

// add records a finding of a rule; the severity comes from the rule table so that a rule
// cannot disagree with its documentation.
func (c *checker) add(rule string, pos diag.Pos, subject, format string, args ...any) {
	sev, ok := c.sev[rule]
	if !ok {
		panic("check: unknown rule " + rule)
	}
	c.out = append(c.out, Finding{Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...), Pos: pos, Subject: subject})
}

// FromDiag turns load and resolve errors into findings, so that check reports them in
// the same formats as its own: unresolved, mistyped and duplicate IDs and links are
// "reference" errors, evidence files that cannot be read are "evidence-file" errors,
// everything else (decoding, refused source files) is "syntax".
func FromDiag(l diag.List) []Finding {
	out := make([]Finding, 0, len(l))
	for _, e := range l {
		rule := RuleSyntax
		switch e.Kind {
		case diag.KindEvidence:
			rule = RuleEvidenceFile
		case diag.KindReference:
			rule = RuleReference
		case diag.KindLink:
			rule = RuleBrokenLink
		}
		out = append(out, Finding{Rule: rule, Severity: Error, Message: e.Msg, Pos: e.Pos})
	}
	return Sort(out)
}

// list joins IDs for messages.
func list(ids []string) string { return strings.Join(ids, ", ") }
