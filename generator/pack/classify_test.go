package pack

import (
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// fixturePack renders, from a isms fixture, one pack of the given contents (YAML
// list items) and extra pack keys.
func fixturePack(t *testing.T, s *isms.Site, contents, extra string) (*Plan, *Result) {
	t.Helper()
	site := &isms.Site{Files: map[string]string{}}
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
	s := isms.New(t)
	s.Edit(t, "data/risks.yaml", "classification: internal", "classification: confidential")
	_, res := fixturePack(t, s, "POL-IS, REG-RISK, PRO-CHANGE", "")
	wantPackLabel(t, res, model.Confidential)
}

// A pack of public documents is public: the label is not the site's default.
func TestPublicPackIsPublic(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, "content/policies/is-policy.md", "classification: internal", "classification: public")
	_, res := fixturePack(t, s, "POL-IS", "")
	wantPackLabel(t, res, model.Public)
}

// A document that prints the title of what it references carries that classification
// into the pack.
func TestPackLabelCountsReferencedTitles(t *testing.T) {
	s := isms.New(t)
	// A document's title is metadata: printing it raises nothing.
	s.Edit(t, "content/procedures/change.md", "classification: internal", "classification: restricted")
	_, res := fixturePack(t, s, "MAN-SCOPE", "")
	file := writePDF(t, res.PDF)
	if all := normalise(text(t, file)); !strings.Contains(all, "PRO-CHANGE Change management") {
		t.Fatalf("the pack does not print the referenced title:\n%s", all)
	}
	wantPackLabel(t, res, model.Internal)
	// A risk's title is its register's content: printing it carries the register's label.
	s.Edit(t, "data/risks.yaml", "classification: internal", "classification: restricted")
	s.Edit(t, "content/manual/scope.md", "[[PRO-CHANGE]]", "[[PRO-CHANGE]] and [[R-1]]")
	_, res = fixturePack(t, s, "MAN-SCOPE", "")
	wantPackLabel(t, res, model.Restricted)
}

// Attached evidence files carry the evidence register's classification.
func TestPackLabelCountsAttachedEvidence(t *testing.T) {
	s := isms.New(t)
	s.Edit(t, "data/evidence.yaml", "classification: internal", "classification: confidential")
	_, res := fixturePack(t, s, "POL-IS", "    attach_evidence: true\n")
	wantPackLabel(t, res, model.Confidential)
	_, res = fixturePack(t, s, "POL-IS", "")
	wantPackLabel(t, res, model.Internal)
}

// limitedSite is the isms fixture with a confidential record (REC-MR) that an
// internal one references, a confidential risk register and a confidential evidence
// register.
func limitedSite(t *testing.T) *isms.Site {
	t.Helper()
	s := isms.New(t)
	review := "content/records/review.md"
	s.Files[review] = strings.ReplaceAll(s.Files[review], "Management review", "Falcon board minutes")
	s.Edit(t, review, "classification: internal", "classification: confidential")
	s.Edit(t, review, "Decisions.", "Decisions on falcon-merger-7731.")
	s.Edit(t, "content/records/audit.md", "Audit results.", "Audit results, reported in [[REC-MR]] and the [minutes](review.md).")
	s.Edit(t, "data/risks.yaml", "classification: internal", "classification: confidential")
	s.Edit(t, "data/evidence.yaml", "classification: internal", "classification: confidential")
	return s
}

// A pack's max_classification leaves out the items above it, wherever the contents
// name them; references to them print the ID alone; the cover and footers carry what is
// left; evidence files above it are not attached; the manifest lists no source of theirs.
func TestPackMaxClassificationLeavesItemsOut(t *testing.T) {
	const contents = `REC-MR, REG-RISK, POL-IS, "type:record"`
	p, res := fixturePack(t, limitedSite(t), contents, "    attach_evidence: true\n    max_classification: internal\n")
	var items, left []string
	for _, it := range p.Items {
		items = append(items, it.ID())
	}
	for _, e := range p.LeftOut {
		left = append(left, e.ID)
	}
	if got := strings.Join(left, ","); got != "REC-MR,REG-RISK" {
		t.Errorf("LeftOut = %s, want REC-MR,REG-RISK", got)
	}
	if got := strings.Join(items, ","); strings.Contains(got, "REC-MR") || strings.Contains(got, "REG-RISK") || !strings.Contains(got, "REC-AUDIT") {
		t.Errorf("items = %s", got)
	}
	for _, src := range p.Sources {
		if src == "content/records/review.md" || src == "data/risks.yaml" || src == "data/evidence.yaml" || strings.HasPrefix(src, "evidence/") {
			t.Errorf("the manifest lists %s, whose content is not in the pack", src)
		}
	}
	file := writePDF(t, res.PDF)
	all := normalise(text(t, file))
	for _, secret := range []string{"Falcon board minutes", "falcon-merger-7731", "Theft of an unencrypted laptop"} {
		if strings.Contains(all, secret) {
			t.Errorf("the pack prints %q", secret)
		}
	}
	if !strings.Contains(all, "reported in REC-MR and the minutes (REC-MR).") {
		t.Errorf("references to REC-MR do not print its ID alone:\n%s", all)
	}
	if list := runTool(t, "pdfdetach", "-list", file); strings.Contains(list, "encryption.txt") {
		t.Errorf("the confidential evidence file is attached:\n%s", list)
	}
	wantPackLabel(t, res, model.Internal)

	// Without the limit, the same contents hold them.
	p, res = fixturePack(t, limitedSite(t), contents, "    attach_evidence: true\n")
	if len(p.LeftOut) != 0 {
		t.Errorf("without a limit, LeftOut = %v", p.LeftOut)
	}
	if all := normalise(text(t, writePDF(t, res.PDF))); !strings.Contains(all, "falcon-merger-7731") {
		t.Error("without a limit, the pack lacks REC-MR's text")
	}
	wantPackLabel(t, res, model.Confidential)
}

// A pack whose every item is above its limit is an error at the pack.
func TestPackWithEverythingLeftOutIsAnError(t *testing.T) {
	s := limitedSite(t)
	s.Files["data/site.yaml"] += "packs:\n  - name: test\n    contents: [REC-MR]\n    max_classification: internal\n"
	g := resolveDir(t, s.Write(t))
	_, err := PlanPack(g, packConfig(t, g, "test"))
	if err == nil || !strings.Contains(err.Error(), "data/site.yaml:4:5: pack test: nothing to put in the pack: everything its contents select is classified above its max_classification internal") {
		t.Errorf("err = %v", err)
	}
}

// A reference to something the intranet leaves out (publish.max_classification) prints
// the address of its placeholder page there, since it has no page of its own.
func TestPackPointsAtTheIntranetPlaceholder(t *testing.T) {
	s := limitedSite(t)
	s.Files["data/site.yaml"] += "base_url: https://isms.example/\npublish:\n  max_classification: internal\n"
	_, res := fixturePack(t, s, "REC-AUDIT", "")
	all := normalise(text(t, writePDF(t, res.PDF)))
	if !strings.Contains(all, "https://isms.example/withheld/REC-MR.html") || strings.Contains(all, "records/review.html") {
		t.Errorf("the reference to REC-MR does not point at its placeholder:\n%s", all)
	}
}
