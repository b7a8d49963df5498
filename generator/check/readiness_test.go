package check_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

func ids(es []*resolve.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestReadiness(t *testing.T) {
	s := isms.New(t)
	// One SoA finding (item 8), one document-control finding on the scope (items 2 and
	// 12), and the objectives plan no longer approved (item 9 missing).
	s.EditRow(t, "A.5.7", "    reasons: [risk]\n", "")
	s.Edit(t, scope, "approver: CEO\n", "")
	s.Edit(t, objPlan, "status: approved", "status: review")
	g := s.Resolve(t)
	fs := check.Run(g)
	items := check.Readiness(g, fs)
	if len(items) != 20 {
		t.Fatalf("want the 20 Stage 1 items, got %d", len(items))
	}
	for i, it := range items {
		if it.Number != i+1 || it.Title == "" {
			t.Errorf("item %d: number %d title %q", i+1, it.Number, it.Title)
		}
	}
	type want struct {
		status   check.Status
		docs     []string
		findings []string // rule IDs
	}
	for n, w := range map[int]want{
		1:  {check.StatusMissing, nil, nil},
		2:  {check.StatusFindings, []string{"MAN-SCOPE"}, []string{check.RuleDocApproval}},
		3:  {check.StatusMet, []string{"POL-IS"}, nil},
		5:  {check.StatusMet, []string{"MAN-RISK", "RTP", "SOA"}, nil},
		6:  {check.StatusMet, []string{"REG-RISK"}, nil},
		7:  {check.StatusMet, []string{"RTP"}, nil},
		8:  {check.StatusFindings, []string{"SOA"}, []string{check.RuleSoANoReason}},
		9:  {check.StatusMissing, []string{"PLN-OBJ"}, []string{check.RuleClauseMissing}},
		12: {check.StatusMissing, nil, []string{check.RuleDocApproval}},
		18: {check.StatusMet, []string{"POL-IS"}, nil},
		19: {check.StatusMet, []string{"POL-IS"}, nil},
		20: {check.StatusMet, []string{"REG-EVIDENCE"}, nil},
	} {
		it := items[n-1]
		var rules []string
		for _, f := range it.Findings {
			rules = append(rules, f.Rule)
		}
		if it.Status != w.status || !slices.Equal(ids(it.Documents), w.docs) || !slices.Equal(rules, w.findings) {
			t.Errorf("item %d %s: status %s, documents %v, findings %v; want %s, %v, %v",
				n, it.Title, it.Status, ids(it.Documents), rules, w.status, w.docs, w.findings)
		}
	}
	if got := items[17].Controls; len(got) != len(check.DocumentedControls()) {
		t.Errorf("item 18 should list the %d applicable documented controls, got %v", len(check.DocumentedControls()), got)
	}
	if f := items[7].Findings[0]; f.Subject != "A.5.7" {
		t.Errorf("the SoA finding should name its control, got subject %q", f.Subject)
	}

	rep := check.NewReport(g, fs)
	if rep.Errors != 2 || rep.Warnings != 1 || len(rep.Coverage) != len(resolve.Clauses()) || len(rep.Checklist) != 20 {
		t.Errorf("report: %d errors, %d warnings, %d clauses, %d items", rep.Errors, rep.Warnings, len(rep.Coverage), len(rep.Checklist))
	}
}

func TestReadinessWithoutEvidence(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, evidence, "    file: evidence/encryption.txt\n", "")
	g := s.Resolve(t)
	it := check.Readiness(g, check.Run(g))[19]
	if it.Status != check.StatusMissing || len(it.Findings) != 1 || it.Findings[0].Rule != check.RuleEvidenceFile {
		t.Errorf("item 20 with no readable evidence: status %s, findings %v", it.Status, it.Findings)
	}
}

// TestFromDiag turns load and resolve errors into syntax and reference findings.
func TestFromDiag(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, risks, "    controls: [A.8.1]\n", "    controls: [A.9.2.1]\n")
	s.Edit(t, plan, "  approver: CEO\n", "  aprover: CEO\n")
	_, err := isms.ResolveDir(s.Write(t), isms.Date)
	l, ok := diag.AsList(err)
	if !ok {
		t.Fatalf("want content errors, got %v", err)
	}
	fs := check.FromDiag(l)
	want := map[string]string{
		check.RuleReference: s.Pos(t, risks, "A.9.2.1"),
		check.RuleSyntax:    s.Pos(t, plan, "aprover"),
	}
	for _, f := range fs {
		if f.Severity != check.Error {
			t.Errorf("load and resolve errors are errors: %s", f)
		}
		if pos, ok := want[f.Rule]; ok && f.Pos.String() == pos {
			delete(want, f.Rule)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing %v in:%s", want, dump(fs))
	}
}

// TestEvidenceFileErrorsAreFindings: an evidence file that is missing or outside the
// site root fails the load, at the record's file:; check reports it under the
// evidence-file rule.
func TestEvidenceFileErrorsAreFindings(t *testing.T) {
	for _, tc := range []struct{ file, contains string }{
		{"evidence/missing.txt", "file evidence/missing.txt not found"},
		{"../outside.txt", "file ../outside.txt resolves outside the site root"},
		{".ismsgen/dev-signing/signer-key.pem", "path is inside the hidden directory .ismsgen"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s := isms.New(t)
			s.Edit(t, evidence, "evidence/encryption.txt", tc.file)
			_, err := isms.ResolveDir(s.Write(t), isms.Date)
			l, ok := diag.AsList(err)
			if !ok {
				t.Fatalf("want content errors, got %v", err)
			}
			fs := check.FromDiag(l)
			if len(fs) != 1 || fs[0].Rule != check.RuleEvidenceFile || fs[0].Severity != check.Error ||
				fs[0].Pos.String() != s.Pos(t, evidence, tc.file) || !strings.Contains(fs[0].Message, tc.contains) {
				t.Errorf("want one %s error at %s containing %q, got:%s", check.RuleEvidenceFile, s.Pos(t, evidence, tc.file), tc.contains, dump(fs))
			}
		})
	}
}

// TestExampleISMS runs the rules over the example ISMS at the repository root: it is
// meant to pass with no errors (warnings are allowed: some are date-dependent).
func TestExampleISMS(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "data", "soa.yaml")); err != nil {
		t.Skip("skipping: the example ISMS has no data/soa.yaml yet")
	}
	g, err := isms.ResolveDir(root, "2026-12-01")
	if l, ok := diag.AsList(err); ok {
		t.Fatalf("the example ISMS does not load and resolve:%s", dump(check.FromDiag(l)))
	} else if err != nil {
		t.Fatal(err)
	}
	fs := check.Run(g)
	var errs []check.Finding
	for _, f := range fs {
		if f.Severity == check.Error {
			errs = append(errs, f)
		}
	}
	if len(errs) > 0 {
		t.Errorf("the example ISMS has %d errors:%s", len(errs), dump(errs))
	}
	for _, f := range fs {
		if f.Severity == check.Warning {
			t.Logf("%s", f)
		}
	}
}

// TestReadinessListsUncontrolledPages: files without front matter are listed on the
// readiness report and their findings concern document control (item 12).
func TestReadinessListsUncontrolledPages(t *testing.T) {
	s := isms.New(t)
	s.Files["content/guide.md"] = "# Staff guide\n"
	s.Files["content/handbook/README.md"] = "Handbook.\n"
	s.Files["content/about.md"] = "---\ntitle: About\n---\nAbout us.\n"
	g := s.Resolve(t)
	fs := check.Run(g)
	rep := check.NewReport(g, fs)
	var paths []string
	for _, e := range rep.Uncontrolled {
		paths = append(paths, e.Doc.Path)
	}
	if want := []string{"content/guide.md", "content/handbook/README.md"}; !slices.Equal(paths, want) {
		t.Errorf("uncontrolled %v, want %v", paths, want)
	}
	var rules []string
	for _, f := range rep.Checklist[11].Findings {
		rules = append(rules, f.Rule)
	}
	if want := []string{check.RuleDocUncontrolled, check.RuleDocUncontrolled}; !slices.Equal(rules, want) {
		t.Errorf("item 12 findings %v, want %v", rules, want)
	}
}

// Item 17 (10.2) is met only by a nonconformity log kept as data: a Markdown document
// that declares the clause is not enough, because its rows cannot be checked.
func TestNonconformityItemNeedsTheLog(t *testing.T) {
	item := func(s *isms.Site) check.ChecklistItem {
		g := s.Resolve(t)
		return check.Readiness(g, check.Run(g))[16]
	}
	if it := item(isms.New(t)); it.Number != 17 || it.Status != check.StatusMissing {
		t.Errorf("item %d with only a Markdown log: %s, want missing", it.Number, it.Status)
	}
	s := isms.New(t)
	s.Files["data/nonconformities.yaml"] = isms.RowSamples()["nonconformities"].File
	it := item(s)
	if it.Status != check.StatusMet {
		t.Errorf("item 17 with the log: %s, want met; findings %v", it.Status, it.Findings)
	}
	if !slices.ContainsFunc(it.Documents, func(e *resolve.Entity) bool { return e.ID == "REG-NCLOG" }) {
		t.Errorf("item 17 does not list the log among its documents: %v", it.Documents)
	}
}

// Item 15 (9.2) is met only once the audit programme, kept as data, records an audit
// held.
func TestAuditItemNeedsAHeldAudit(t *testing.T) {
	item := func(s *isms.Site) check.ChecklistItem {
		g := s.Resolve(t)
		return check.Readiness(g, check.Run(g))[14]
	}
	if it := item(isms.New(t)); it.Number != 15 || it.Status != check.StatusMissing {
		t.Errorf("item %d without the programme: %s, want missing", it.Number, it.Status)
	}
	s := isms.New(t).WithEveryRegister(t)
	if it := item(s); it.Status != check.StatusMet {
		t.Errorf("item 15 with a held audit: %s, want met; findings %v", it.Status, it.Findings)
	}
	s.Edit(t, "data/audits.yaml", "    held: 2026-03-06\n    status: done\n", "    status: planned\n")
	if it := item(s); it.Status != check.StatusMissing {
		t.Errorf("item 15 with audits planned only: %s, want missing", it.Status)
	}
}
