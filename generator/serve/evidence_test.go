package serve_test

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestMissingEvidenceShowsInTheOverlay: deleting an evidence file fails the rebuild
// with the error at its file: in data/evidence.yaml, with the source lines around it,
// while the last good build stays served; restoring the file clears the overlay.
func TestMissingEvidenceShowsInTheOverlay(t *testing.T) {
	p := start(t, fixture.Minimal())
	ev, _ := p.subscribe()
	p.remove("evidence/encryption.csv")
	st := ev.statusWithErrors()
	if len(st.Errors) != 1 {
		t.Fatalf("errors = %+v", st.Errors)
	}
	e := st.Errors[0]
	if e.Pos != "data/evidence.yaml:4:11" || !strings.Contains(e.Message, "evidence EV-1: file evidence/encryption.csv not found") {
		t.Errorf("error = %+v", e)
	}
	found := false
	for _, l := range e.Source {
		found = found || (l.N == 4 && strings.Contains(l.Text, "file: evidence/encryption.csv"))
	}
	if !found {
		t.Errorf("the overlay lacks the file: line: %+v", e.Source)
	}
	if r := p.get("/files/evidence/encryption.csv"); r.status != 200 {
		t.Errorf("the last good build is not served while the evidence is missing: %d", r.status)
	}
	p.write("evidence/encryption.csv", "device,encrypted\nlaptop-1,yes\nlaptop-2,yes\n")
	ev.fixed("files/evidence/encryption.csv")
	p.waitPage("/files/evidence/encryption.csv", "laptop-2")
}
