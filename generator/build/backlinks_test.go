package build_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// A page's "Referenced by" names each kind once, its entities under it: on every page
// of a site with every register, no kind is listed twice, and pages referenced by more
// than one kind (the change procedure, by two documents, a nonconformity and a legal
// requirement) list them all.
func TestReferencedByGroupsByKind(t *testing.T) {
	s := isms.New(t).WithEveryRegister(t)
	s.Edit(t, "content/records/audit.md", "Audit results.", "Audit results: changes followed [[PRO-CHANGE]].")
	dest, _ := buildFixture(t, s)
	section := regexp.MustCompile(`(?s)<section class="backlinks">.*?</section>`)
	kind := regexp.MustCompile(`<dt>([^<]*)`)
	mixed, shared := 0, 0
	for path, b := range allFiles(t, dest) {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		sec := section.Find(b)
		if sec == nil {
			continue
		}
		n := strings.Count(string(sec), "<dd>")
		if n == 0 {
			t.Errorf("%s: Referenced by lists nothing:\n%s", path, sec)
		}
		seen := map[string]bool{}
		for _, m := range kind.FindAllSubmatch(sec, -1) {
			if k := string(m[1]); seen[k] {
				t.Errorf("%s: Referenced by names the kind %q twice:\n%s", path, k, sec)
			}
			seen[string(m[1])] = true
		}
		if len(seen) > 1 {
			mixed++
		}
		if n > len(seen) {
			shared++
		}
	}
	if mixed == 0 || shared == 0 {
		t.Errorf("%d pages are referenced by two kinds, %d by two entities of a kind: the test needs both", mixed, shared)
	}
}
