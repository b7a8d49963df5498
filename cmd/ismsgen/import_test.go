package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// copyTree copies the regular files under src/rel to dst/rel.
func copyTree(t *testing.T, src, dst, rel string) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(src, rel), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, r)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, r), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportRoundTrip exports every register of the example as XLSX, imports them
// into a new ISMS (ismsgen init, plus the example's evidence files and extra
// catalogue), and exports again: the same data, column for column. The SoA's
// documents column is left out (--map documents=): it lists the documents implementing
// each control, which the new ISMS does not have; so are the legal register's met_by and
// the nonconformity log's requirements and the objectives' related, which cite the
// example's documents, and the nonconformity log's finding, which cites the audits'
// findings. An audit's findings and an objective's results stay in the data file, so the
// columns derived from them are not compared.
func TestImportRoundTrip(t *testing.T) {
	example := filepath.Join("..", "..")
	tmp := t.TempDir()
	site := filepath.Join(tmp, "new")
	if code, _, errs := runNewCLI(t, "init", site, "--org", "Kestrel Data Ltd"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	copyTree(t, example, site, "evidence")
	copyTree(t, example, site, filepath.Join("data", "controls"))
	kinds := []string{"suppliers", "assets", "evidence", "treatment", "risks", "soa", "legal", "nonconformities", "audits", "objectives"}
	leftOut := map[string][]string{"soa": {"documents"}, "legal": {"met_by"}, "nonconformities": {"requirements", "finding"}, "objectives": {"related"}}
	// An audit's findings and an objective's results are nested in the data file: a
	// spreadsheet row holds only their counts and the latest, which the import leaves
	// out as derived.
	derived := map[string]bool{"audits/nonconformities": true, "audits/other_findings": true, "audits/findings": true,
		"objectives/latest_result": true, "objectives/latest_date": true}
	for _, k := range kinds {
		x := filepath.Join(tmp, k+".xlsx")
		if code, _, errs := runCLI(t, "export", k, "--source", example, "--date", "2026-12-02", "--format", "xlsx", "-o", x); code != 0 {
			t.Fatalf("export %s: %s", k, errs)
		}
		args := []string{"import", k, x, "--source", site}
		if cols := leftOut[k]; len(cols) > 0 {
			args = append(args, "--map", strings.Join(cols, "=,")+"=")
		}
		code, out, errs := runCLI(t, args...)
		if code != 0 || errs != "" {
			t.Fatalf("import %s: exit %d: %s", k, code, errs)
		}
		if !strings.Contains(out, "data/"+k+".yaml: ") || !strings.Contains(out, " added, ") {
			t.Errorf("import %s: %q", k, out)
		}
	}
	for _, k := range kinds {
		table := func(src string) [][]string {
			code, out, errs := runCLI(t, "export", k, "--source", src, "--date", "2026-12-02")
			if code != 0 {
				t.Fatalf("export %s of %s: %s", k, src, errs)
			}
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			return recs
		}
		want, got := table(example), table(site)
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows after the round trip, want %d", k, len(got), len(want))
		}
		for r := range want {
			for c, name := range want[0] {
				if slices.Contains(leftOut[k], name) || derived[k+"/"+name] {
					continue
				}
				if got[r][c] != want[r][c] {
					t.Errorf("%s row %d column %s: %q after the round trip, want %q", k, r+1, name, got[r][c], want[r][c])
				}
			}
		}
	}
	if code, _, errs := runCLI(t, "build", "--quiet", "--source", site, "--date", "2026-12-02", "--no-pack"); code != 0 {
		t.Errorf("the imported ISMS does not build: %s", errs)
	}
}

// TestImportPositionsAndConflicts: bad values are errors at FILE:row:column, an unknown
// column a warning, a value that differs from the data file's a conflict (nothing is
// written); --overwrite replaces it and the YAML file keeps its comments.
func TestImportPositionsAndConflicts(t *testing.T) {
	dir := isms.New(t).Write(t)
	risksFile := filepath.Join(dir, "data", "risks.yaml")
	before, err := os.ReadFile(risksFile)
	if err != nil {
		t.Fatal(err)
	}
	csvFile := filepath.Join(t.TempDir(), "risks.csv")
	write := func(s string) {
		if err := os.WriteFile(csvFile, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Risk ID,Title,Likelihood,Treatment,Review,Colour,Level\r\n" +
		"R-9,New risk,high,modify,2026-02-31,red,\r\n" +
		"R-10,Another,3,maybe,2027-01-01,,\r\n")
	code, _, errs := runCLI(t, "import", "risks", csvFile, "--source", dir, "--map", "Risk ID=id")
	for _, want := range []string{
		csvFile + ":1:6: column \"Colour\" is not a field of the Risk register: left out",
		csvFile + ":2:3: column likelihood: \"high\" is not a whole number",
		csvFile + ":2:5: column review: \"2026-02-31\" is not a date",
		csvFile + ":3:4: column treatment: ",
		"ismsgen: 3 errors",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if after, _ := os.ReadFile(risksFile); string(after) != string(before) {
		t.Error("a failed import changed the data file")
	}

	// R-1 exists: a new owner is a conflict, the same title is unchanged, a new row is added.
	write("id,title,owner,likelihood\nR-1,\"" + titleOf(t, before, "R-1") + "\",Somebody else,\nR-9,New risk,CISO,2\n")
	code, _, errs = runCLI(t, "import", "risks", csvFile, "--source", dir)
	if code != 1 || !strings.Contains(errs, csvFile+":2:3: column owner: id R-1 has ") || !strings.Contains(errs, "at data/risks.yaml:") || !strings.Contains(errs, "--overwrite") {
		t.Errorf("conflict: exit %d\n%s", code, errs)
	}
	code, out, errs := runCLI(t, "import", "risks", csvFile, "--source", dir, "--overwrite")
	if code != 0 || out != "data/risks.yaml: 1 risk added, 1 updated, 0 unchanged\n" {
		t.Fatalf("--overwrite: exit %d, %q, %s", code, out, errs)
	}
	after, _ := os.ReadFile(risksFile)
	for _, want := range []string{"owner: Somebody else", "- id: R-9\n    title: New risk\n    owner: CISO\n    likelihood: 2\n"} {
		if !strings.Contains(string(after), want) {
			t.Errorf("data file lacks %q:\n%s", want, after)
		}
	}
	if b, a := strings.Count(string(before), "\n\n"), strings.Count(string(after), "\n\n"); a < b {
		t.Errorf("%d blank lines before the import, %d after", b, a)
	}
	for _, line := range strings.Split(string(before), "\n") {
		if c := strings.TrimSpace(line); strings.HasPrefix(c, "#") && !strings.Contains(string(after), c) {
			t.Errorf("comment %q lost", c)
		}
	}
	if code, _, errs := runCLI(t, "check", "--source", dir); strings.Contains(errs, "syntax") {
		t.Errorf("the merged file does not load (exit %d): %s", code, errs)
	}
}

// titleOf returns the title of a risk in a risks.yaml.
func titleOf(t *testing.T, yamlText []byte, id string) string {
	t.Helper()
	_, rest, ok := strings.Cut(string(yamlText), "- id: "+id+"\n")
	if !ok {
		t.Fatalf("no %s", id)
	}
	_, rest, _ = strings.Cut(rest, "title: ")
	title, _, _ := strings.Cut(rest, "\n")
	return strings.Trim(title, `"`)
}
