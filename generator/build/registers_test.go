package build_test

import (
	"encoding/csv"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// TestEveryRegister holds every register of the table to the same contract: a page
// listing its rows, a page per row, a CSV export with its columns, a search entry per
// row and a section in a pack. A register added to the table is tested here without a
// test of its own (isms.RowSamples gives its rows).
func TestEveryRegister(t *testing.T) {
	samples := isms.RowSamples()
	s := isms.New(t).WithEveryRegister(t)
	var artefacts []string
	for _, reg := range model.Registers() {
		artefacts = append(artefacts, reg.Artefact)
	}
	s.Files["data/site.yaml"] += "packs:\n  - name: registers\n    contents: [" + strings.Join(artefacts, ", ") + "]\n"
	dest, _ := buildFixture(t, s, func(o *build.Options) { o.NoPack = false })
	files := allFiles(t, dest)
	search := string(files[urls.SearchData])
	pack, err := exec.Command(tooltest.Need(t, "pdftotext"), filepath.Join(dest, "packs", "registers.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, reg := range model.Registers() {
		if reg.Row == nil {
			continue
		}
		t.Run(reg.Name, func(t *testing.T) {
			sample, ok := samples[reg.Name]
			if !ok {
				t.Fatalf("register %s has no sample in isms.RowSamples", reg.Name)
			}
			page := string(files[reg.Page])
			if page == "" {
				t.Fatalf("no register page %s", reg.Page)
			}
			for _, id := range sample.IDs {
				row := reg.Row.Dir + "/" + id + ".html"
				if _, ok := files[row]; !ok {
					t.Errorf("no page %s for row %s", row, id)
				}
				if href := `href="` + urls.Rel(reg.Page, row) + `"`; !strings.Contains(page, href) {
					t.Errorf("%s does not link row %s (%s)", reg.Page, id, href)
				}
				if !strings.Contains(search, `"i":"`+id+`"`) {
					t.Errorf("the search index has no entry for %s", id)
				}
				if !strings.Contains(string(pack), id) {
					t.Errorf("the pack's %s section does not list %s", reg.Artefact, id)
				}
			}
			records, err := csv.NewReader(strings.NewReader(string(files["exports/"+reg.Name+".csv"]))).ReadAll()
			if err != nil {
				t.Fatalf("exports/%s.csv: %v", reg.Name, err)
			}
			var want []string
			for _, c := range reg.Columns(model.TableContext{Site: &model.Site{}}) {
				want = append(want, c.Name)
			}
			if len(records) != 1+len(sample.IDs) || strings.Join(records[0], ",") != strings.Join(want, ",") {
				t.Errorf("exports/%s.csv: want the header %v and %d rows, got %v", reg.Name, want, len(sample.IDs), records)
			}
			for i, id := range sample.IDs {
				if i+1 < len(records) && records[i+1][0] != id {
					t.Errorf("exports/%s.csv row %d is %s, want %s", reg.Name, i+1, records[i+1][0], id)
				}
			}
		})
	}
}

// TestEveryRegisterDecodesStrictly: in every register, an unknown key and a repeated ID
// are errors at their own line and column, and all of them are reported at once.
func TestEveryRegisterDecodesStrictly(t *testing.T) {
	samples := isms.RowSamples()
	s := isms.New(t).WithEveryRegister(t)
	var want []string
	for _, reg := range model.Registers() {
		if reg.Row == nil {
			continue
		}
		sample := samples[reg.Name]
		s.Edit(t, reg.File, sample.FirstKey, "    colour: blue\n"+sample.FirstKey)
		want = append(want, s.Pos(t, reg.File, "colour: blue")+`: unknown key "colour"`)
		// A second row with the first one's ID.
		s.Files[reg.File] += "  - id: " + sample.IDs[0] + "\n"
		lines := strings.Count(s.Files[reg.File], "\n")
		want = append(want, fmt.Sprintf("%s:%d:9: duplicate ID %s: already defined at %s:", reg.File, lines, sample.IDs[0], reg.File))
	}
	_, err := build.Run(t.Context(), build.Options{Source: s.Write(t), Dest: filepath.Join(t.TempDir(), "public"), NoPack: true})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the errors lack %q:\n%v", w, err)
		}
	}
}

// An audit's scope theme must be a theme of the controls in force: a misspelt one would
// audit nothing.
func TestAuditScopeThemes(t *testing.T) {
	s := isms.New(t).WithEveryRegister(t)
	s.Edit(t, "data/audits.yaml", "      themes: [technological]\n", "      themes: [technical]\n")
	_, err := build.Run(t.Context(), build.Options{Source: s.Write(t), Dest: filepath.Join(t.TempDir(), "public"), NoPack: true})
	want := s.Pos(t, "data/audits.yaml", "themes: [technical]") + `: audit AUD-2: scope theme "technical" is not a theme of the controls in force (organizational, people, physical, technological)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want the error %s, got %v", want, err)
	}
}
