package oscal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/oscal"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaFile = "testdata/oscal_complete_schema.json"

// schema compiles NIST's OSCAL 1.2.1 complete schema.
func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaFile, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// example resolves the shipped example (ISO/IEC 27001, Kestrel's controls and NIS2 in
// force) on a fixed date.
func example(t *testing.T) *resolve.Graph {
	t.Helper()
	d, _ := model.ParseDate("2026-12-01")
	g, err := build.Resolve(context.Background(), nil, "../..", resolve.Options{Date: d})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func write(t *testing.T, g *resolve.Graph, m string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := oscal.Write(&b, g, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExportsValidate: the four OSCAL exports of the example and of a SOC 2-only site
// validate against NIST's OSCAL 1.2.1 schema, and are byte-identical when written again
// from a fresh load of the same sources.
func TestExportsValidate(t *testing.T) {
	s := schema(t)
	graphs := map[string]func() *resolve.Graph{
		"example": func() *resolve.Graph { return example(t) },
		"soc2":    func() *resolve.Graph { return isms.SOC2(t).Resolve(t) },
	}
	for name, load := range graphs {
		first, second := load(), load()
		for _, m := range oscal.Models() {
			t.Run(name+"/"+m, func(t *testing.T) {
				b := write(t, first, m)
				doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Validate(doc); err != nil {
					t.Fatalf("%s does not validate against OSCAL 1.2.1:\n%v", m, err)
				}
				if again := write(t, second, m); !bytes.Equal(b, again) {
					t.Errorf("%s differs between two runs over the same sources", m)
				}
			})
		}
	}
}

// TestExportContents: what each model says of the example, checked on a few items.
func TestExportContents(t *testing.T) {
	g := example(t)
	var cat struct {
		Catalog struct {
			UUID   string
			Groups []struct {
				ID     string
				Title  string
				Groups []struct {
					Title    string
					Controls []struct{ ID, Title string }
				}
			}
		}
	}
	decode(t, write(t, g, "catalog"), &cat)
	if cat.Catalog.UUID[14] != '5' {
		t.Errorf("catalog UUID %s is not a version 5 UUID", cat.Catalog.UUID)
	}
	var fw []string
	n := 0
	for _, grp := range cat.Catalog.Groups {
		fw = append(fw, grp.ID)
		for _, sub := range grp.Groups {
			n += len(sub.Controls)
		}
	}
	if strings.Join(fw, ",") != "iso27001-2022,nis2,kestrel" || n != 93+349+len(g.Site.FrameworkNamed("kestrel").Controls) {
		t.Errorf("catalog: frameworks %v with %d controls", fw, n)
	}
	profile := string(write(t, g, "profile"))
	row, _ := g.SoARow("A.7.11")
	for _, want := range []string{`"exclude-controls"`, `"A.7.11"`, `"value": "no"`, text(row.Justification)} {
		if !strings.Contains(profile, want) {
			t.Errorf("profile lacks %s", want)
		}
	}
	ssp := string(write(t, g, "ssp"))
	for _, want := range []string{`"control-id": "A.5.15"`, `"rel": "implemented-by"`, `"rel": "evidence"`, `"algorithm": "SHA-256"`} {
		if !strings.Contains(ssp, want) {
			t.Errorf("ssp lacks %s", want)
		}
	}
	if strings.Contains(ssp, `"control-id": "A.7.11"`) {
		t.Error("the ssp implements A.7.11, which the SoA excludes")
	}
	poam := string(write(t, g, "poam"))
	for _, want := range []string{`"title": "RTP-001 `, `"risk-uuid"`, `"title": "R-001 `} {
		if !strings.Contains(poam, want) {
			t.Errorf("poam lacks %s", want)
		}
	}
}

func text(s string) string { return strings.Join(strings.Fields(s), " ") }

func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// TestSchemaRejectsInvalid: the validation is real: a catalog whose UUID is not one,
// or that lacks its metadata, does not pass.
func TestSchemaRejectsInvalid(t *testing.T) {
	s := schema(t)
	for _, bad := range []string{
		`{"catalog": {"uuid": "not-a-uuid", "metadata": {"title": "t", "last-modified": "2026-12-01T00:00:00Z", "version": "1", "oscal-version": "1.2.1"}}}`,
		`{"catalog": {"uuid": "5e0b1e2a-6a3f-5c1d-9b1e-0a1b2c3d4e5f"}}`,
		`{"catalog": {"uuid": "5e0b1e2a-6a3f-5c1d-9b1e-0a1b2c3d4e5f", "metadata": {"title": "t", "last-modified": "2026-12-01T00:00:00Z", "version": "1", "oscal-version": "1.2.1"}, "groups": [{"title": "g", "controls": [{"id": "1.2", "title": "digits are no token"}]}]}}`,
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if s.Validate(doc) == nil {
			t.Errorf("validates: %s", bad)
		}
	}
}
