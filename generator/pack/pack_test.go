package pack

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
)

// TestExamplePack renders the example ISMS's pack and checks it with qpdf, pdfinfo and
// pdftotext: valid PDF, metadata, every document, every Annex A control, the cover.
func TestExamplePack(t *testing.T) {
	g, cfg := exampleGraph(t)
	p, res := render(t, g, cfg)
	file := writePDF(t, res.PDF)

	check := runTool(t, "qpdf", "--check", file)
	if !strings.Contains(check, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(check), "warning") {
		t.Errorf("qpdf --check:\n%s", check)
	}

	info := runTool(t, "pdfinfo", file)
	fields := map[string]string{}
	for _, l := range strings.Split(info, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	for k, want := range map[string]string{"Pages": itoa(res.Pages), "Title": p.Title(), "Author": g.Site.Config.Organisation, "Creator": "ismsgen test"} {
		if fields[k] != want {
			t.Errorf("pdfinfo %s: %q, want %q", k, fields[k], want)
		}
	}

	all := normalise(text(t, file))
	for _, it := range p.Items {
		if !strings.Contains(all, normalise(it.Title())) {
			t.Errorf("text lacks the title of %s %q", it.ID(), it.Title())
		}
	}
	hasSoA := false
	for _, it := range p.Items {
		hasSoA = hasSoA || it.Kind == ItemSoA
	}
	if hasSoA {
		ids := map[string]bool{}
		for _, id := range regexp.MustCompile(`A\.\d+\.\d+`).FindAllString(all, -1) {
			ids[id] = true
		}
		for _, c := range g.Site.Catalogue {
			if strings.HasPrefix(c.ID, "A.") && !ids[c.ID] {
				t.Errorf("text lacks control %s", c.ID)
			}
		}
	}
	cover := normalise(text(t, file, 1, 1))
	// The cover carries the highest classification in the pack (the example's registers
	// are confidential), not the site's default.
	var highest model.Classification
	for _, it := range p.Items {
		if it.Entity != nil {
			highest = model.MaxClassification(highest, g.Classification(it.Entity))
		}
	}
	// The clause coverage matrix and the acknowledgement coverage are in the pack but are
	// no documents: the count leaves them out and names them.
	docs, matrix, acks := 0, false, false
	for _, it := range p.Items {
		switch {
		case it.Entity != nil:
			docs++
		case it.Kind == ItemClauses:
			matrix = true
		case it.Kind == ItemAcknowledgements:
			acks = true
		}
	}
	if !matrix {
		t.Fatal("the example's pack has no clause coverage matrix; the count test needs one")
	}
	for _, want := range []string{g.Site.Config.Organisation, p.Title(), "ISMS release isms-test", "Build date 2026-11-20",
		"Classification " + strings.ToUpper(string(highest)), "Scope of the ISMS",
		fmt.Sprintf("Contents %d documents and registers, and %sthe clause coverage matrix", docs, map[bool]string{true: "the acknowledgement coverage and "}[acks]),
		fmt.Sprintf("Page 1 of %d", res.Pages)} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q:\n%s", want, cover)
		}
	}
	if res.Documents != docs {
		t.Errorf("Result.Documents = %d, want %d (the documents and registers of %d items)", res.Documents, docs, len(p.Items))
	}
}

// TestSynthPackVerifies checks a synthetic pack with evidence attachments and a caller
// attachment with qpdf and pdfdetach.
func TestSynthPackVerifies(t *testing.T) {
	g, _ := synthGraph(t, 8)
	p, err := PlanPack(g, packConfig(t, g, "full"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Render(context.Background(), g, p, Options{Date: testDate, Version: "test",
		Attachments: []Attachment{{Name: "manifest.json", Description: "build manifest", Data: []byte(`{"files":[]}`)}}})
	if err != nil {
		t.Fatal(err)
	}
	file := writePDF(t, res.PDF)
	check := runTool(t, "qpdf", "--check", file)
	if !strings.Contains(check, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(check), "warning") {
		t.Errorf("qpdf --check:\n%s", check)
	}
	list := runTool(t, "pdfdetach", "-list", file)
	if !strings.Contains(list, fmt.Sprintf("%d embedded files", len(g.Site.Evidence.Evidence)+1)) ||
		!strings.Contains(list, "record-001.csv") || !strings.Contains(list, "manifest.json") {
		t.Errorf("pdfdetach -list:\n%s", list)
	}
	all := normalise(text(t, file))
	for _, ev := range g.Site.Evidence.Evidence {
		if !strings.Contains(all, ev.SHA256) {
			t.Errorf("evidence index lacks the SHA-256 of %s", ev.ID)
		}
	}
	if !strings.Contains(all, "OVERDUE") {
		t.Error("treatment plan marks no action overdue")
	}
}

// TestOutlineAndLinks reads the outline back and follows the TOC's links.
func TestOutlineAndLinks(t *testing.T) {
	g, _ := synthGraph(t, 10)
	p, res := render(t, g, packConfig(t, g, "full"))
	file := writePDF(t, res.PDF)
	j := readQPDF(t, file)
	pages := pageTexts(t, file)
	pageText := func(n int) string { return normalise(pages[n-1]) }
	if len(j.Pages) != res.Pages {
		t.Fatalf("qpdf sees %d pages, Render said %d", len(j.Pages), res.Pages)
	}

	top := map[string]outline{}
	for _, o := range j.Outlines {
		top[o.Title] = o
	}
	for _, want := range []string{"Cover", "Contents", "Document register"} {
		if _, ok := top[want]; !ok {
			t.Errorf("outline lacks %q", want)
		}
	}
	for _, it := range p.Items {
		o, ok := top[itemLabel(it)]
		if !ok {
			t.Errorf("outline lacks %q", itemLabel(it))
			continue
		}
		page := j.pageOf(o.Dest[0])
		// The destination is the top of the document's first page, below the header.
		height := 841.89
		if mb, ok := j.object(j.Pages[page-1].Object)["/MediaBox"].([]any); ok {
			height, _ = mb[3].(float64)
		}
		if y, _ := o.Dest[3].(float64); y > height-50 || y < height-80 {
			t.Errorf("outline entry %q points at y=%.1f on a page %.1f high", o.Title, y, height)
		}
		if got := pageText(page); !strings.Contains(got, normalise(it.Title())) {
			t.Errorf("outline entry %q leads to page %d, which does not show the title", o.Title, page)
		}
		if it.Kind == ItemDocument {
			var kids []string
			for _, k := range o.Kids {
				kids = append(kids, k.Title)
			}
			if strings.Join(kids, "|") != "Purpose|Scope|Responsibilities|Rules|Records" {
				t.Errorf("outline of %s has sections %q", it.ID(), kids)
			}
		}
	}

	// Every link of the TOC pages leads to the page its entry prints, and that page shows
	// the entry's text.
	reg := j.pageOf(top["Document register"].Dest[0])
	tocFirst := j.pageOf(top["Contents"].Dest[0])
	ws, sizes := words(t, file, tocFirst, reg-1)
	checked := 0
	for page := tocFirst; page < reg; page++ {
		h := sizes[page-tocFirst][1]
		for _, l := range j.links(page) {
			if l.destPage == 0 {
				continue
			}
			top, bottom := h-max(l.rect[1], l.rect[3]), h-min(l.rect[1], l.rect[3])
			var entry []string
			for _, w := range ws {
				cy := (w.yMin + w.yMax) / 2
				if w.page == page && cy > top && cy < bottom && w.xMin >= l.rect[0]-1 && w.xMax <= l.rect[2]+1 {
					entry = append(entry, w.text)
				}
			}
			if len(entry) < 2 {
				t.Errorf("TOC page %d: link at %v covers %q", page, l.rect, entry)
				continue
			}
			num := entry[len(entry)-1]
			if num != itoa(l.destPage) {
				t.Errorf("TOC entry %q links to page %d", strings.Join(entry, " "), l.destPage)
			}
			title := strings.Join(entry[:len(entry)-1], " ")
			if got := pageText(l.destPage); !strings.Contains(got, title) && !strings.Contains(got, strings.Join(entry[1:len(entry)-1], " ")) {
				t.Errorf("TOC entry %q: page %d does not show it", title, l.destPage)
			}
			checked++
		}
	}
	if checked < len(p.Items) {
		t.Errorf("checked %d TOC links, want at least %d", checked, len(p.Items))
	}

	// References in a body lead to their targets: a control to its SoA row, a risk to
	// the risk register, a document to the document.
	first := j.pageOf(top[itemLabel(p.Items[3])].Dest[0])
	ws, _ = words(t, file, first, first)
	id := regexp.MustCompile(`^[A-Z][A-Z0-9]*[.-][A-Z0-9.-]*[0-9]$`)
	followed := 0
	for _, l := range j.links(first) {
		if l.destPage == 0 {
			continue
		}
		h := 841.89
		top, bottom := h-max(l.rect[1], l.rect[3]), h-min(l.rect[1], l.rect[3])
		for _, w := range ws {
			cy := (w.yMin + w.yMax) / 2
			if cy > top && cy < bottom && w.xMin >= l.rect[0]-1 && w.xMax <= l.rect[2]+1 {
				if id.MatchString(w.text) {
					if !strings.Contains(pageText(l.destPage), w.text) {
						t.Errorf("link %q on page %d leads to page %d, which does not show it", w.text, first, l.destPage)
					}
					followed++
				}
				break
			}
		}
	}
	if followed < 3 {
		t.Errorf("followed %d reference links on page %d, want at least 3", followed, first)
	}
}

// TestReproducible renders the same pack twice at once (which also lets the race
// detector see two renderings side by side): the bytes must be identical; another build
// date must change them.
func TestReproducible(t *testing.T) {
	g, _ := synthGraph(t, 6)
	cfg := packConfig(t, g, "full")
	var a, b *Result
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _, a = render(t, g, cfg) }()
	go func() { defer wg.Done(); _, b = render(t, g, cfg) }()
	wg.Wait()
	if a == nil || b == nil {
		t.FailNow()
	}
	if sha256.Sum256(a.PDF) != sha256.Sum256(b.PDF) {
		t.Fatal("two renders of the same pack differ")
	}
	p, _ := PlanPack(g, cfg)
	c, err := Render(context.Background(), g, p, Options{Date: model.NewDate(2027, 1, 5), Version: "test", Release: "isms-test"})
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(a.PDF) == sha256.Sum256(c.PDF) {
		t.Error("a different build date gave the same bytes")
	}
}

// TestReproducibleAcrossProcesses renders the same synthetic site in this process and
// in a child process with another time zone, GOMAXPROCS and site directory.
func TestReproducibleAcrossProcesses(t *testing.T) {
	if out := os.Getenv("ISMSGEN_PACK_CHILD_OUT"); out != "" {
		g, _ := synthGraph(t, 5)
		_, res := render(t, g, packConfig(t, g, "full"))
		if err := os.WriteFile(out, res.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if testing.Short() {
		t.Skip("starts a second process")
	}
	out := filepath.Join(t.TempDir(), "child.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^TestReproducibleAcrossProcesses$")
	cmd.Env = append(os.Environ(), "ISMSGEN_PACK_CHILD_OUT="+out, "TZ=Asia/Tokyo", "GOMAXPROCS=1")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, b)
	}
	child, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := synthGraph(t, 5)
	_, res := render(t, g, packConfig(t, g, "full"))
	if sha256.Sum256(child) != sha256.Sum256(res.PDF) {
		t.Error("the pack rendered in another process differs")
	}
}

// TestLetterPaper checks the paper setting.
func TestLetterPaper(t *testing.T) {
	g, _ := synthGraph(t, 3)
	cfg := packConfig(t, g, "stage1")
	cfg.Paper = "Letter"
	_, res := render(t, g, cfg)
	info := runTool(t, "pdfinfo", writePDF(t, res.PDF))
	if !strings.Contains(info, "612 x 792 pts (letter)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
}
