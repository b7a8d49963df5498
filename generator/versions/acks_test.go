package versions

import (
	"slices"
	"testing"

	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// ackVersion is the fixture with its policy distributed to a group of three and the
// acknowledgements of an LMS export.
func ackVersion(t *testing.T, csv string) *isms.Site {
	t.Helper()
	s := isms.New(t)
	s.Files["data/acknowledgements.yaml"] = "groups:\n  - name: All staff\n    members: [Ann Lee, Bo Chan, Cy Díaz]\n"
	s.Files["data/acknowledgements/lms.csv"] = "person,group,document,version,date\n" + csv
	s.Edit(t, "content/policies/is-policy.md", "classification: internal\n", "classification: internal\ndistribution: All staff\n")
	return s
}

// "What changed" lists acknowledgement coverage like a register's rows: a release in
// which more people acknowledged shows the policy's row with the old and new counts and
// coverage, a newly distributed document is added with its coverage, a document no
// longer distributed is removed, and a release compared with itself lists nothing.
func TestAcknowledgementChanges(t *testing.T) {
	const ann = "Ann Lee,All staff,POL-IS,1.1,2026-01-12\n"
	base := ackVersion(t, ann)
	old := takeSnapshot(base.Resolve(t))
	if c := diff(&side{snap: old}, side{snap: old}); len(c.Registers) != 0 {
		t.Fatalf("a version compared with itself lists %+v", c.Registers)
	}

	more := ackVersion(t, ann+"Bo Chan,All staff,POL-IS,1.1,2026-02-01\n")
	more.Edit(t, "content/records/review.md", "classification: internal\n", "classification: internal\ndistribution: All staff\n")
	c := diff(&side{snap: old, root: "versions/v1/"}, side{snap: takeSnapshot(more.Resolve(t))})
	ch := changesOf(t, c, resolve.AckArtefact)
	if ch == nil || ch.Section != "Acknowledgement coverage" {
		t.Fatalf("no acknowledgement changes: %+v", c.Registers)
	}
	if len(ch.Changed) != 1 || ch.Changed[0].ID != "POL-IS" || ch.Changed[0].Title != "Information security policy — All staff" ||
		ch.Changed[0].Path != "policies/is-policy.html" {
		t.Fatalf("changed: %+v", ch.Changed)
	}
	for _, want := range []site.FieldChange{
		{Field: "acknowledged", Old: "1", New: "2"},
		{Field: "outstanding", Old: "2", New: "1"},
		{Field: "coverage", Old: "33%", New: "66%"},
	} {
		if !slices.Contains(ch.Changed[0].Fields, want) {
			t.Errorf("POL-IS's change lacks %+v: %+v", want, ch.Changed[0].Fields)
		}
	}
	if len(ch.Changed[0].Fields) != 3 {
		t.Errorf("POL-IS's version did not change, but: %+v", ch.Changed[0].Fields)
	}
	if len(ch.Added) != 1 || ch.Added[0].ID != "REC-MR" || !slices.Contains(ch.Added[0].Fields, site.FieldChange{Field: "coverage", New: "0%"}) {
		t.Errorf("added: %+v", ch.Added)
	}

	// A new major version resets the coverage; undistributing the review removes it.
	major := ackVersion(t, ann)
	major.Edit(t, "content/policies/is-policy.md", "version: \"1.1\"\nstatus", "version: \"2.0\"\nstatus")
	c = diff(&side{snap: takeSnapshot(more.Resolve(t)), root: "versions/v2/"}, side{snap: takeSnapshot(major.Resolve(t))})
	ch = changesOf(t, c, resolve.AckArtefact)
	if ch == nil || len(ch.Changed) != 1 || !slices.Contains(ch.Changed[0].Fields, site.FieldChange{Field: "version", Old: "1.1", New: "2.0"}) ||
		!slices.Contains(ch.Changed[0].Fields, site.FieldChange{Field: "coverage", Old: "66%", New: "0%"}) {
		t.Errorf("a new major version: %+v", ch)
	}
	if ch == nil || len(ch.Removed) != 1 || ch.Removed[0].ID != "REC-MR" || ch.Removed[0].Path != "versions/v2/records/review.html" {
		t.Errorf("removed: %+v", ch)
	}
}

// An audit's findings are listed with the audit programme's rows: a finding added
// between releases, with its type, and one whose follow-up changed.
func TestFindingChanges(t *testing.T) {
	base := isms.New(t).WithEveryRegister(t)
	old := takeSnapshot(base.Resolve(t))
	s := isms.New(t).WithEveryRegister(t)
	s.Edit(t, "data/audits.yaml", "        finding: Templates could be clearer.\n",
		"        finding: Templates could be clearer.\n        follow_up: Templates revised.\n"+
			"      - id: F-3\n        type: opportunity\n        finding: Automate the access review.\n")
	c := diff(&side{snap: old, root: "versions/v1/"}, side{snap: takeSnapshot(s.Resolve(t))})
	ch := changesOf(t, c, "audits")
	if ch == nil || ch.Section != "Internal audits" {
		t.Fatalf("no audit programme changes: %+v", c.Registers)
	}
	if len(ch.Added) != 1 || ch.Added[0].ID != "AUD-1/F-3" || ch.Added[0].Path != "audits/findings/AUD-1-F-3.html" ||
		!slices.Contains(ch.Added[0].Fields, site.FieldChange{Field: "type", New: "opportunity"}) {
		t.Errorf("added: %+v", ch.Added)
	}
	if len(ch.Changed) != 1 || ch.Changed[0].ID != "AUD-1/F-2" ||
		!slices.Equal(ch.Changed[0].Fields, []site.FieldChange{{Field: "follow_up", New: "Templates revised."}}) {
		t.Errorf("changed: %+v", ch.Changed)
	}
}
