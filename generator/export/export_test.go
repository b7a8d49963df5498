package export_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/export"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// fixture is the check fixture with a few values that make the exports interesting: an
// excluded control, a risk treated by an action, a draft and an uncontrolled page
// (neither of which is in the document list), a list with a comma and quotes in text.
func fixture(t *testing.T) *resolve.Graph {
	s := isms.New(t)
	s.EditRow(t, "A.5.7", "applicable: true", "applicable: false",
		"    reasons: [risk]\n", "",
		"justification: Treats risks in the register.", `justification: "Not needed: we buy \"threat\" feeds, see A.5.19; A.5.20"`,
		"status: implemented", "status: not-implemented")
	s.EditRow(t, "A.8.1", "    evidence: [EV-1]\n", "    evidence: [EV-1]\n    documents: [MAN-SCOPE]\n")
	s.Files["content/policies/draft.md"] = "---\nid: POL-DRAFT\ntitle: Draft policy\ntype: policy\nversion: \"0.1\"\nstatus: draft\n---\nText.\n"
	s.Files["content/about.md"] = "---\ntitle: About\n---\nAn uncontrolled page.\n"
	return s.Resolve(t)
}

// readCSV writes an export and reads it back with export.ReadCSV into maps by column.
func readCSV(t *testing.T, g *resolve.Graph, kind string) (header []string, rows []map[string]string) {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(&b, g, kind, export.CSV); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\r\n") {
		t.Errorf("%s: RFC 4180 records end in CRLF", kind)
	}
	recs, err := export.ReadCSV(&b)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	header = recs[0]
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, v := range r {
			m[header[i]] = v
		}
		rows = append(rows, m)
	}
	return header, rows
}

func byKey(t *testing.T, rows []map[string]string, key, val string) map[string]string {
	t.Helper()
	for _, r := range rows {
		if r[key] == val {
			return r
		}
	}
	t.Fatalf("no row with %s=%s", key, val)
	return nil
}

func expect(t *testing.T, what string, row map[string]string, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got, ok := row[k]; !ok || got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
}

func TestSoACSV(t *testing.T) {
	g := fixture(t)
	header, rows := readCSV(t, g, export.SoA)
	if want := []string{"control", "title", "theme", "applicable", "reasons", "justification", "status", "owner", "documents", "evidence", "risks", "target"}; !slices.Equal(header, want) {
		t.Errorf("header %v, want %v", header, want)
	}
	ctrls := isms.ControlIDs(t)
	if len(rows) != len(ctrls) || len(rows) != 93 {
		t.Fatalf("want one row per catalogue control (93), got %d", len(rows))
	}
	for i, r := range rows {
		if r["control"] != ctrls[i] {
			t.Fatalf("row %d is %s, want %s (catalogue order)", i, r["control"], ctrls[i])
		}
	}
	expect(t, "A.5.7", byKey(t, rows, "control", "A.5.7"), map[string]string{
		"title": "Threat intelligence", "theme": "organizational", "applicable": "no", "reasons": "",
		"justification": `Not needed: we buy "threat" feeds, see A.5.19; A.5.20`, "status": "not-implemented",
		"owner": "ISMS Manager", "documents": "", "evidence": "EV-1", "risks": "", "target": "",
	})
	expect(t, "A.8.1", byKey(t, rows, "control", "A.8.1"), map[string]string{
		"applicable": "yes", "reasons": "risk", "status": "implemented", "documents": "MAN-SCOPE",
		"evidence": "EV-1", "risks": "R-1",
	})
	expect(t, "A.5.15", byKey(t, rows, "control", "A.5.15"), map[string]string{"documents": "POL-IS", "evidence": "EV-1"})
}

func TestRisksCSV(t *testing.T) {
	_, rows := readCSV(t, fixture(t), export.Risks)
	if len(rows) != 1 {
		t.Fatalf("want one row per risk, got %d", len(rows))
	}
	expect(t, "R-1", rows[0], map[string]string{
		"id": "R-1", "title": "Theft of an unencrypted laptop", "asset": "Laptops", "threat": "Theft",
		"vulnerability": "Unencrypted disks", "cia": "confidentiality", "owner": "IT Manager",
		"likelihood": "3", "impact": "4", "level": "12", "band": "High", "acceptable": "no", "treatment": "modify",
		"controls": "A.8.1", "actions": "RTP-1", "residual_likelihood": "2", "residual_impact": "2", "residual_level": "4",
		"accepted_by": "", "accepted": "", "accepted_until": "", "review": "2026-12-01",
	})
}

func TestTreatmentCSV(t *testing.T) {
	_, rows := readCSV(t, fixture(t), export.Treatment)
	if len(rows) != 1 {
		t.Fatalf("want one row per action, got %d", len(rows))
	}
	expect(t, "RTP-1", rows[0], map[string]string{
		"id": "RTP-1", "title": "Encrypt laptops", "risks": "R-1", "action": "Turn on full-disk encryption on every laptop.",
		"controls": "A.8.1", "owner": "IT Manager", "approver": "IT Manager", "start": "2026-01-15", "due": "2026-09-30",
		"status": "in-progress", "overdue": "no", "evidence": "EV-1", "completed": "",
	})
}

func TestDocumentsCSV(t *testing.T) {
	_, rows := readCSV(t, fixture(t), export.Documents)
	var got []string
	for _, r := range rows {
		got = append(got, r["id"])
	}
	want := []string{"MAN-RISK", "MAN-SCOPE", "PLN-OBJ", "POL-IS", "PRO-CHANGE", "REC-AUDIT", "REC-COMP", "REC-KPI", "REC-MR", "REG-EVIDENCE", "REG-NC", "REG-RISK", "RTP", "SOA"}
	if !slices.Equal(got, want) {
		t.Errorf("documents %v, want every published controlled document and register %v", got, want)
	}
	expect(t, "POL-IS", byKey(t, rows, "id", "POL-IS"), map[string]string{
		"title": "Information security policy", "type": "policy", "version": "1.1", "status": "approved",
		"owner": "ISMS Manager", "approver": "CEO", "approved": "2026-01-10", "next_review": "2027-01-10",
		"review_overdue": "no", "classification": "internal", "path": "content/policies/is-policy.md",
	})
	expect(t, "SOA", byKey(t, rows, "id", "SOA"), map[string]string{"type": "register", "version": "1.0", "path": "data/soa.yaml", "next_review": "2027-01-10"})
}

func TestJSON(t *testing.T) {
	g := fixture(t)
	for _, kind := range export.Kinds() {
		var b bytes.Buffer
		if err := export.Write(&b, g, kind, export.JSON); err != nil {
			t.Fatal(err)
		}
		var objs []map[string]any
		if err := json.Unmarshal(b.Bytes(), &objs); err != nil {
			t.Fatalf("%s: %v\n%s", kind, err, b.String())
		}
		_, rows := readCSV(t, g, kind)
		if len(objs) != len(rows) {
			t.Errorf("%s: %d JSON objects, %d CSV rows", kind, len(objs), len(rows))
		}
		if kind == export.SoA {
			a57 := objs[6]
			if a57["control"] != "A.5.7" || a57["applicable"] != false || a57["target"] != nil {
				t.Errorf("A.5.7 in JSON: %v", a57)
			}
			if l, ok := a57["reasons"].([]any); !ok || len(l) != 0 {
				t.Errorf("an empty list is [] in JSON, got %#v", a57["reasons"])
			}
			if l, ok := a57["evidence"].([]any); !ok || !slices.Equal(l, []any{"EV-1"}) {
				t.Errorf("lists are arrays in JSON, got %#v", a57["evidence"])
			}
		}
		if kind == export.Risks && (objs[0]["level"] != float64(12) || objs[0]["acceptable"] != false) {
			t.Errorf("risk in JSON: %v", objs[0])
		}
		if kind == export.Documents && !strings.Contains(b.String(), "\"id\": \"MAN-RISK\",\n    \"title\"") {
			t.Errorf("keys should keep column order:\n%s", b.String())
		}
	}
}

func TestWriteErrors(t *testing.T) {
	g := fixture(t)
	if err := export.Write(&bytes.Buffer{}, g, "no-such-register", export.CSV); err == nil || !strings.Contains(err.Error(), strings.Join(export.Kinds(), ", ")) {
		t.Errorf("unknown kind: %v", err)
	}
	if err := export.Write(&bytes.Buffer{}, g, export.SoA, "ods"); err == nil || !strings.Contains(err.Error(), "csv, json, xlsx") {
		t.Errorf("unknown format: %v", err)
	}
}

// BuildOnly drops the rows of what it leaves out and its IDs from the SoA's lists (the
// risks citing a control, the documents implementing it).
func TestBuildOnlyLeavesOutRows(t *testing.T) {
	g := fixture(t)
	leftOut := map[string]bool{"R-1": true, "MAN-SCOPE": true, "RTP-1": true}
	include := func(e *resolve.Entity) bool { return !leftOut[e.ID] }
	rowsOf := func(kind string) map[string][]any {
		tb, err := export.BuildOnly(g, kind, include)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]any{}
		for _, r := range tb.Rows {
			out[r[0].(string)] = r
		}
		return out
	}
	if r := rowsOf(export.Risks); r["R-1"] != nil {
		t.Error("risks export keeps R-1")
	}
	if r := rowsOf(export.Treatment); r["RTP-1"] != nil {
		t.Error("treatment export keeps RTP-1")
	}
	if r := rowsOf(export.Documents); r["MAN-SCOPE"] != nil || r["POL-IS"] == nil {
		t.Errorf("documents export: MAN-SCOPE kept or POL-IS dropped")
	}
	row := rowsOf(export.SoA)["A.8.1"]
	if risks, docs := row[10], row[8]; len(risks.([]string)) != 0 || slices.Contains(docs.([]string), "MAN-SCOPE") {
		t.Errorf("A.8.1 still derives risks %v or documents %v from what was left out", risks, docs)
	}
	all, err := export.Build(g, export.SoA)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) != len(rowsOf(export.SoA)) {
		t.Error("BuildOnly dropped controls it includes")
	}
}
