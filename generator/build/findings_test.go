package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// An audit finding is an entity of its own, AUDIT/FINDING: it has a page with its
// audit, controls and nonconformity linked and what references it (a document's
// [[ID]], the nonconformity's finding:), a search entry, and its audit's page links it.
func TestAuditFindingIsAnEntity(t *testing.T) {
	s := isms.New(t).WithEveryRegister(t)
	s.Edit(t, "content/records/audit.md", "Audit results.", "Audit results: see [[AUD-1/F-1]] and [[AUD-1/F-2]].")
	dest, _ := buildFixture(t, s)
	files := allFiles(t, dest)
	page := string(files["audits/findings/AUD-1-F-1.html"])
	if page == "" {
		t.Fatal("no page audits/findings/AUD-1-F-1.html")
	}
	for _, want := range []string{
		`<h1><span class="doc-id">AUD-1/F-1</span> An access review missed a system.</h1>`,
		`<dt>Audit<dd><a class="ref" href="../AUD-1.html"`,
		`href="../../controls/A.5.18.html"`,
		`<dt>Nonconformity<dd><a class="ref" href="../../nonconformities/NC-1.html"`,
		// Referenced by the report; the audit and NC-1 are linked in its fields already.
		`<dt>document<dd><a class="ref" href="../../records/audit.html"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the finding's page lacks %s:\n%s", want, page)
		}
	}
	if strings.Contains(page, `<dt>audit<dd>`) {
		t.Error("the finding's page lists its audit under Referenced by as well as in its fields")
	}
	if _, ok := files["audits/findings/AUD-1-F-2.html"]; !ok {
		t.Error("the observation F-2 has no page")
	}
	nc := string(files["nonconformities/NC-1.html"])
	if want := `<dt>Finding<dd><a class="ref" href="../audits/findings/AUD-1-F-1.html"`; !strings.Contains(nc, want) {
		t.Errorf("NC-1's page does not link its finding: want %s", want)
	}
	audit := string(files["audits/AUD-1.html"])
	if want := `<tr id="F-1"><td class="nowrap"><a class="ref" href="findings/AUD-1-F-1.html"`; !strings.Contains(audit, want) {
		t.Errorf("the audit's page does not link its finding: want %s", want)
	}
	report := string(files["records/audit.html"])
	if want := `href="../audits/findings/AUD-1-F-2.html"`; !strings.Contains(report, want) {
		t.Errorf("the report's [[AUD-1/F-2]] does not link the finding: want %s", want)
	}
	search := string(files[urls.SearchData])
	if want := `"i":"AUD-1/F-1","t":"An access review missed a system.","k":"finding","u":"audits/findings/AUD-1-F-1.html"`; !strings.Contains(search, want) {
		t.Errorf("the search index lacks %s", want)
	}
}

// An unknown finding, in a nonconformity's finding: or a document's [[ID]], and a
// finding without an ID are errors at their positions.
func TestUnknownFindingIsAnError(t *testing.T) {
	s := isms.New(t).WithEveryRegister(t)
	s.Edit(t, "data/nonconformities.yaml", "finding: AUD-1/F-1", "finding: AUD-1/F-9")
	s.Edit(t, "content/records/audit.md", "Audit results.", "Audit results: [[AUD-2/F-1]], [[F-1]].")
	s.Edit(t, "data/audits.yaml", "      - id: F-2\n        type: observation\n", "      - type: observation\n")
	_, err := build.Run(t.Context(), build.Options{Source: s.Write(t), Dest: filepath.Join(t.TempDir(), "public"), NoPack: true})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	ncAt := s.Pos(t, "data/nonconformities.yaml", "AUD-1/F-9")
	docAt := s.Pos(t, "content/records/audit.md", "[[AUD-2/F-1]]")
	noID := s.Pos(t, "data/audits.yaml", "type: observation")
	for _, want := range []string{
		ncAt + `: finding: unresolved reference "AUD-1/F-9"`,
		docAt + `: unresolved reference "AUD-2/F-1"`,
		noID + `: audit finding of audit AUD-1 has no id`,
		s.Pos(t, "content/records/audit.md", "[[F-1]]") + `: unresolved reference "F-1" (did you mean AUD-1/F-1?)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the errors lack %q:\n%v", want, err)
		}
	}
}
