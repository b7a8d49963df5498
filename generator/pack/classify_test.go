package pack

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/check/checktest"
	"github.com/ismsgen/ismsgen/generator/model"
)

// fixturePack renders, from a checktest fixture, one pack of the given contents (YAML
// list items) and extra pack keys.
func fixturePack(t *testing.T, s *checktest.Site, contents, extra string) (*Plan, *Result) {
	t.Helper()
	site := &checktest.Site{Files: map[string]string{}}
	for p, b := range s.Files {
		site.Files[p] = b
	}
	site.Files["data/site.yaml"] += "packs:\n  - name: test\n    title: Test pack\n" + extra + "    contents: [" + contents + "]\n"
	g := resolveDir(t, site.Write(t))
	return render(t, g, packConfig(t, g, "test"))
}

// packLabels returns the classification the cover of a built pack prints and the one of
// every page's footer, read back by pdftotext.
func packLabels(t *testing.T, res *Result) (cover string, footers []string) {
	t.Helper()
	file := writePDF(t, res.PDF)
	for i, page := range pageTexts(t, file) {
		if strings.TrimSpace(page) == "" {
			continue
		}
		text := normalise(page)
		if i == 0 {
			c := strings.Fields(text[strings.Index(text, "Classification ")+len("Classification "):])
			if len(c) == 0 {
				t.Fatalf("cover prints no classification:\n%s", text)
			}
			cover = c[0]
		}
		at := strings.LastIndex(text, "Classification: ")
		if at < 0 {
			t.Fatalf("page %d has no classification in its footer:\n%s", i+1, text)
		}
		footers = append(footers, strings.Fields(text[at+len("Classification: "):])[0])
	}
	return cover, footers
}

// wantPackLabel checks the cover and every footer of a pack.
func wantPackLabel(t *testing.T, res *Result, want model.Classification) {
	t.Helper()
	cover, footers := packLabels(t, res)
	w := strings.ToUpper(string(want))
	if cover != w {
		t.Errorf("the cover says %s, want %s", cover, w)
	}
	if len(footers) != res.Pages {
		t.Errorf("%d footers for %d pages", len(footers), res.Pages)
	}
	for i, f := range footers {
		if f != w {
			t.Errorf("page %d's footer says %s, want %s", i+1, f, w)
		}
	}
}

// The cover and every footer carry the highest classification of the pack's items.
func TestPackLabelIsItsMostClassifiedItem(t *testing.T) {
	s := checktest.New(t)
	s.Edit(t, "data/risks.yaml", "classification: internal", "classification: confidential")
	_, res := fixturePack(t, s, "POL-IS, REG-RISK, PRO-CHANGE", "")
	wantPackLabel(t, res, model.Confidential)
}

// A pack of public documents is public: the label is not the site's default.
func TestPublicPackIsPublic(t *testing.T) {
	s := checktest.New(t)
	s.Edit(t, "content/policies/is-policy.md", "classification: internal", "classification: public")
	_, res := fixturePack(t, s, "POL-IS", "")
	wantPackLabel(t, res, model.Public)
}

// A document that prints the title of what it references carries that classification
// into the pack.
func TestPackLabelCountsReferencedTitles(t *testing.T) {
	s := checktest.New(t)
	s.Edit(t, "content/procedures/change.md", "classification: internal", "classification: restricted")
	_, res := fixturePack(t, s, "MAN-SCOPE", "")
	file := writePDF(t, res.PDF)
	if all := normalise(text(t, file)); !strings.Contains(all, "PRO-CHANGE Change management") {
		t.Fatalf("the pack does not print the referenced title:\n%s", all)
	}
	wantPackLabel(t, res, model.Restricted)
}

// Attached evidence files carry the evidence register's classification.
func TestPackLabelCountsAttachedEvidence(t *testing.T) {
	s := checktest.New(t)
	s.Edit(t, "data/evidence.yaml", "classification: internal", "classification: confidential")
	_, res := fixturePack(t, s, "POL-IS", "    attach_evidence: true\n")
	wantPackLabel(t, res, model.Confidential)
	_, res = fixturePack(t, s, "POL-IS", "")
	wantPackLabel(t, res, model.Internal)
}
