package load_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/oscal"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// sp80053 is an excerpt of NIST SP 800-53 Rev. 5 as NIST publishes it in OSCAL (a
// family, a control with its statement items and guidance, an enhancement, parameters
// and links that ismsgen leaves alone).
const sp80053 = `{
  "catalog": {
    "uuid": "9b0f1d3c-0a3e-4b6c-8f6e-2f3f1c9a7e11",
    "metadata": {"title": "NIST Special Publication 800-53 Revision 5.1.1: Security and Privacy Controls for Information Systems and Organizations", "last-modified": "2023-12-04T14:43:52.298796-05:00", "version": "5.1.1", "oscal-version": "1.1.1"},
    "groups": [
      {"id": "ac", "class": "family", "title": "Access Control",
       "controls": [
        {"id": "ac-2", "class": "SP800-53", "title": "Account Management",
         "params": [{"id": "ac-02_odp.01", "label": "prerequisites and criteria"}],
         "props": [{"name": "label", "value": "AC-2"}, {"name": "sort-id", "value": "ac-02"}],
         "links": [{"href": "#a1b2", "rel": "reference"}],
         "parts": [
           {"id": "ac-2_smt", "name": "statement", "parts": [
             {"id": "ac-2_smt.a", "name": "item", "props": [{"name": "label", "value": "a."}], "prose": "Define and document the types of accounts allowed;"},
             {"id": "ac-2_smt.b", "name": "item", "props": [{"name": "label", "value": "b."}], "prose": "Assign account managers;"}]},
           {"id": "ac-2_gdn", "name": "guidance", "prose": "Examples of system account types include individual, shared, group."}],
         "controls": [
          {"id": "ac-2.1", "class": "SP800-53-enhancement", "title": "Automated System Account Management",
           "props": [{"name": "label", "value": "AC-2(1)"}]}]}]}
    ],
    "back-matter": {"resources": [{"uuid": "a1b2c3d4-0000-4000-8000-000000000000", "title": "x"}]}
  }
}
`

func loadFiles(t *testing.T, files map[string]string) (*model.Site, error) {
	t.Helper()
	s := &isms.Site{Files: files}
	return load.Load(context.Background(), s.Write(t))
}

// TestOSCALCatalogueLoads: an OSCAL catalog in data/controls/ is a catalogue as NIST
// publishes it: named after its file, titled by its metadata, controls and enhancements
// with their OSCAL IDs, labels, families, statements and guidance.
func TestOSCALCatalogueLoads(t *testing.T) {
	s := isms.New(t)
	s.Files["data/controls/sp800-53.json"] = sp80053
	site, _ := loadFiles(t, s.Files)
	f := site.FrameworkNamed("sp800-53")
	if f == nil {
		t.Fatal("no framework sp800-53")
	}
	if !f.InForce || !strings.HasPrefix(f.Title, "NIST Special Publication 800-53") {
		t.Errorf("framework: in force %v, title %q", f.InForce, f.Title)
	}
	if len(f.Controls) != 2 || f.Controls[0].ID != "ac-2" || f.Controls[1].ID != "ac-2.1" {
		t.Fatalf("controls: %+v", f.Controls)
	}
	c := f.Controls[0]
	if c.Title != "Account Management" || c.Group != "ac" || f.GroupTitle("ac") != "Access Control" || c.Params["label"] != "AC-2" {
		t.Errorf("ac-2: %+v", c)
	}
	if c.Description != "a. Define and document the types of accounts allowed;\nb. Assign account managers;" || !strings.HasPrefix(c.Guidance, "Examples of system account") {
		t.Errorf("ac-2 statement %q, guidance %q", c.Description, c.Guidance)
	}
	if f.Controls[1].Group != "ac" || f.Controls[1].Params["label"] != "AC-2(1)" {
		t.Errorf("ac-2.1: %+v", f.Controls[1])
	}
}

// TestOSCALCatalogueRoundTrip: the catalog ismsgen exports of a SOC 2-only site loads
// back as a catalogue with the same controls, titles and groups.
func TestOSCALCatalogueRoundTrip(t *testing.T) {
	src := isms.SOC2(t)
	var b bytes.Buffer
	if err := oscal.Write(&b, src.Resolve(t), "catalog"); err != nil {
		t.Fatal(err)
	}
	s := isms.New(t)
	s.Files["data/controls/exported.json"] = b.String()
	site, _ := loadFiles(t, s.Files)
	f := site.FrameworkNamed("exported")
	if f == nil {
		t.Fatal("the exported catalog does not load")
	}
	var got []string
	for _, c := range f.Controls {
		got = append(got, c.ID+" "+c.Title+" / "+f.GroupTitle(c.Group))
	}
	want := "CC6.1 Logical access security / Logical and physical access controls,CC7.2 Monitoring of system components / System operations"
	if strings.Join(got, ",") != want {
		t.Errorf("round trip: %v, want %s", got, want)
	}
	if f.Controls[0].Description != "Our licensed wording of the criterion, kept in our repository." {
		t.Errorf("description lost: %q", f.Controls[0].Description)
	}
}

// TestOSCALCatalogueErrors: a JSON file that is not valid JSON, or not a catalog, is an
// error at its position.
func TestOSCALCatalogueErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"{\n  \"catalog\": {\n    \"uuid\": x\n", "data/controls/bad.json:3:13: invalid JSON"},
		{`{"profile": {}}`, "data/controls/bad.json:1:1: not an OSCAL catalog"},
		{`{"catalog": {"groups": "ac"}}`, "data/controls/bad.json:1:"},
	} {
		s := isms.New(t)
		s.Files["data/controls/bad.json"] = tc.src
		_, err := loadFiles(t, s.Files)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.src, err, tc.want)
		}
	}
}
