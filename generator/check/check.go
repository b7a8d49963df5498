package check

import (
	"fmt"
	"strings"

	"github.com/ismsgen/ismsgen/generator/diag"
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
	c.risks()
	c.actions()
	c.evidence()
	c.gitChanges(opt.Git)
	return Sort(c.out)
}

// checker carries one run: the graph and the findings so far.
type checker struct {
	g   *resolve.Graph
	sev map[string]Severity
	out []Finding
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
		switch {
		case isEvidenceFileError(e.Msg):
			rule = RuleEvidenceFile
		case isReferenceError(e.Msg):
			rule = RuleReference
		}
		out = append(out, Finding{Rule: rule, Severity: Error, Message: e.Msg, Pos: e.Pos})
	}
	return Sort(out)
}

// isReferenceError recognises the messages of package resolve (see resolve.go); load's
// messages are about decoding and never use these phrases.
func isReferenceError(msg string) bool {
	return strings.Contains(msg, "unresolved reference") ||
		strings.HasPrefix(msg, "duplicate ID ") ||
		strings.Contains(msg, " has a second SoA row") ||
		strings.Contains(msg, ", not a ") ||
		strings.HasPrefix(msg, "link to ") ||
		strings.HasPrefix(msg, "image ")
}

// isEvidenceFileError recognises load's messages for an evidence file it could not
// read: "evidence EV-1: file evidence/x.pdf not found; …" (see load's evidenceFile).
func isEvidenceFileError(msg string) bool {
	id, rest, ok := strings.Cut(strings.TrimPrefix(msg, "evidence "), ": file ")
	return ok && strings.HasPrefix(msg, "evidence ") && !strings.Contains(id, " ") && rest != ""
}

// list joins IDs for messages.
func list(ids []string) string { return strings.Join(ids, ", ") }
