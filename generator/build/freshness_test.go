package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// A control's page shows how long each evidence record stays fresh, and says so when
// it no longer is; the evidence page shows it too.
func TestEvidenceFreshnessShown(t *testing.T) {
	read := func(dest, p string) string {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	dest, _ := buildFixture(t, isms.New(t))
	if got := read(dest, "controls/A.8.1.html"); !strings.Contains(got, `<span class="freshness fresh">fresh until 2027-02-01</span>`) {
		t.Error("controls/A.8.1.html does not say the evidence is fresh until 2027-02-01 (dated 2026-02-01, 12 months by default)")
	}
	s := isms.New(t)
	s.Edit(t, "data/evidence.yaml", "    date: 2026-02-01\n", "    date: 2026-02-01\n    valid_for: 3m\n")
	dest, _ = buildFixture(t, s)
	if got := read(dest, "controls/A.8.1.html"); !strings.Contains(got, `<span class="freshness stale">stale since 2026-05-01</span>`) {
		t.Error("controls/A.8.1.html does not say the evidence is stale since 2026-05-01")
	}
	if got := read(dest, "evidence/EV-1.html"); !strings.Contains(got, "stale since 2026-05-01</span> (valid for 3m)") {
		t.Error("evidence/EV-1.html does not show its freshness and validity")
	}
}
