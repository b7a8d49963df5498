package load_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

func loadErrors(t *testing.T, f fixture.Files) []string {
	t.Helper()
	dir := fixture.Write(t, f)
	_, err := load.Load(context.Background(), dir)
	if err == nil {
		return nil
	}
	l, ok := diag.AsList(err)
	if !ok {
		t.Fatalf("load returned a non-positioned error: %v", err)
	}
	var out []string
	for _, e := range l {
		out = append(out, e.Error())
	}
	return out
}

func TestStrictDecoding(t *testing.T) {
	tests := []struct {
		name  string
		files fixture.Files
		want  []string
	}{
		{"unknown front matter key with suggestion", fixture.Files{
			"content/a.md": "---\nid: POL-A\ntitle: A\ntype: policy\nstatus: approved\naprover: CEO\n---\n",
		}, []string{`content/a.md:6:1: unknown key "aprover" (did you mean "approver"?)`}},
		{"bad date", fixture.Files{
			"content/a.md": "---\ntitle: A\napproved: 2026-13-01\n---\n",
		}, []string{`content/a.md:3:11: invalid date "2026-13-01": want YYYY-MM-DD`}},
		{"bad enum", fixture.Files{
			"content/a.md": "---\nid: POL-A\ntitle: A\ntype: policy\nstatus: aproved\n---\n",
		}, []string{`content/a.md:5:9: invalid status "aproved": want one of draft, review, approved, retired`}},
		{"wrong type", fixture.Files{
			"data/risks.yaml": "method: {likelihood: [{value: 1}], impact: [{value: 1}], acceptance: 1}\nrisks:\n  - {id: R-1, likelihood: high}\n",
		}, []string{`data/risks.yaml:3:27: invalid value "high": want a whole number`}},
		{"unknown data key", fixture.Files{
			"data/treatment.yaml": "actions:\n  - id: RTP-1\n    owner: me\n    duedate: 2026-01-01\n",
		}, []string{`data/treatment.yaml:4:5: unknown key "duedate"`}},
		{"bad treatment option and synonyms accepted", fixture.Files{
			"data/risks.yaml": "method: {likelihood: [{value: 1}], impact: [{value: 1}], acceptance: 1}\nrisks:\n  - {id: R-1, treatment: mitigate}\n  - {id: R-2, treatment: ignore}\n",
		}, []string{`data/risks.yaml:4:26: invalid treatment option "ignore": want one of modify, retain, avoid, share`}},
		{"malformed YAML", fixture.Files{
			"data/soa.yaml": "controls:\n  - control: A.5.1\n   applicable: [\n",
		}, []string{`data/soa.yaml:1:1: invalid YAML: did not find expected`}},
		{"unclosed front matter", fixture.Files{
			"content/a.md": "---\ntitle: A\n\nBody without a closing line.\n",
		}, []string{`content/a.md:1:1: front matter opened here is never closed`}},
		{"non-UTF-8", fixture.Files{
			"content/a.md": "---\ntitle: A\n---\nok\nbad \xff byte\n",
		}, []string{`content/a.md:5:5: file is not valid UTF-8 text`}},
		{"empty file", fixture.Files{"content/a.md": "\n"}, []string{`content/a.md:1:1: empty document`}},
		{"front matter YAML error inside a document", fixture.Files{
			"content/a.md": "---\ntitle: A\ntags: [a, b\n---\n",
		}, []string{`content/a.md:`, `invalid YAML`}},
		{"missing site settings", fixture.Files{"data/site.yaml": ""}, []string{`data/site.yaml: missing site settings`}},
		{"repo_url is a URL", fixture.Files{
			"data/site.yaml": "organisation: Example Ltd\nrepo_url: git@github.com:example/isms.git\n",
		}, []string{`data/site.yaml:2:11: repo_url: "git@github.com:example/isms.git" is not the https:// address of a git repository (such as https://github.com/example/isms)`}},
		{"signing tsa is a URL", fixture.Files{
			"data/site.yaml": "organisation: Example Ltd\nsigning:\n  tsa: ftp://tsa.example\n",
		}, []string{`data/site.yaml:3:8: signing: tsa: "ftp://tsa.example" is not the http:// or https:// URL of a time-stamping authority`}},
		{"signing tsa key is strict", fixture.Files{
			"data/site.yaml": "organisation: Example Ltd\nsigning:\n  tsa_url: https://tsa.example\n",
		}, []string{`data/site.yaml:3:3: unknown key "tsa_url"`}},
		{"evidence outside root is not read", fixture.Files{
			"data/evidence.yaml": "evidence:\n  - {id: EV-1, title: e, file: ../../etc/passwd}\n",
		}, []string{`data/evidence.yaml:2:32: evidence EV-1: file ../../etc/passwd resolves outside the site root; write the path relative to the site root`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadErrors(t, fixture.Minimal().With(tt.files))
			joined := strings.Join(got, "\n")
			if tt.want == nil && len(got) > 0 {
				t.Fatalf("unexpected errors:\n%s", joined)
			}
			for _, w := range tt.want {
				if !strings.Contains(joined, w) {
					t.Errorf("missing %q in:\n%s", w, joined)
				}
			}
		})
	}
}

func TestOnlyFrontMatterIsALegalDocument(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{"content/a.md": "---\ntitle: Only front matter\n---"}))
	site, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range site.Documents {
		if d.Path == "content/a.md" && d.Meta.Title == "Only front matter" && len(d.Body) == 0 {
			return
		}
	}
	t.Fatal("document with only front matter not loaded")
}

// TestEvidenceFileErrors: an evidence file that cannot be read is a content error at the
// record's file:, and is not read.
func TestEvidenceFileErrors(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/evidence.yaml":                  "evidence:\n  - {id: EV-1, title: e, file: ../../etc/passwd}\n  - {id: EV-2, title: e, file: evidence/missing.csv}\n  - {id: EV-3, title: e, file: evidence/encryption.csv}\n  - {id: EV-4, title: e, file: .ismsgen/dev-signing/signer-key.pem}\n  - {id: EV-5, title: e, file: evidence/../.git/config}\n",
		".ismsgen/dev-signing/signer-key.pem": "KEY",
		".git/config":                         "[core]",
	}))
	site, err := load.Load(context.Background(), dir)
	l, ok := diag.AsList(err)
	if !ok {
		t.Fatalf("want content errors, got %v", err)
	}
	want := []string{
		"data/evidence.yaml:2:32: evidence EV-1: file ../../etc/passwd resolves outside the site root; ",
		"data/evidence.yaml:3:32: evidence EV-2: file evidence/missing.csv not found; add the file, or correct file: ",
		"data/evidence.yaml:5:32: evidence EV-4: file .ismsgen/dev-signing/signer-key.pem: path is inside the hidden directory .ismsgen; ",
		"data/evidence.yaml:6:32: evidence EV-5: file evidence/../.git/config: path is inside the hidden directory .git; ",
	}
	if len(l) != len(want) {
		t.Fatalf("want %d errors, got:\n%s", len(want), l)
	}
	for i, w := range want {
		if !strings.HasPrefix(l[i].Error(), w) {
			t.Errorf("error %d = %q, want prefix %q", i, l[i].Error(), w)
		}
	}
	if site == nil {
		t.Fatal("no site")
	}
	ev := site.Evidence.Evidence
	if ev[2].SHA256 == "" || site.Files["evidence/encryption.csv"] == nil {
		t.Errorf("EV-3 not read: %+v", ev[2])
	}
	for _, p := range []string{".ismsgen/dev-signing/signer-key.pem", ".git/config"} {
		if _, ok := site.Files[p]; ok {
			t.Errorf("%s was read", p)
		}
	}
}

func TestCacheReusesUnchangedDocuments(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{"content/b.md": "---\ntitle: B\n---\nb\n"}))
	l := load.New()
	s1, err := l.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	fixture.WriteTo(t, dir, fixture.Files{"content/b.md": "---\ntitle: B2\n---\nb\n"})
	s2, err := l.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	byPath := func(s []*model.Document, p string) *model.Document {
		for _, d := range s {
			if d.Path == p {
				return d
			}
		}
		return nil
	}
	if byPath(s1.Documents, "content/policies/is.md") != byPath(s2.Documents, "content/policies/is.md") {
		t.Error("unchanged document was parsed again")
	}
	if b := byPath(s2.Documents, "content/b.md"); b == nil || b.Meta.Title != "B2" {
		t.Error("changed document was not parsed again")
	}
}

// TestChangedReadsOnlyNamedFiles: after Changed, a load reads the files named and reuses
// the bytes of the others (the live preview's watcher names what changed).
func TestChangedReadsOnlyNamedFiles(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/a.md": "---\ntitle: A\n---\na\n",
		"content/b.md": "---\ntitle: B\n---\nb\n",
	}))
	l := load.New()
	if _, err := l.Load(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	fixture.WriteTo(t, dir, fixture.Files{"content/a.md": "---\ntitle: A2\n---\na\n", "content/b.md": "---\ntitle: B2\n---\nb\n"})
	l.Changed(dir, []string{filepath.Join(dir, "content", "a.md")}, false)
	s, err := l.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, d := range s.Documents {
		titles[d.Path] = d.Meta.Title
	}
	if titles["content/a.md"] != "A2" || titles["content/b.md"] != "B" {
		t.Fatalf("after Changed(a): titles = %v, want a re-read and b reused", titles)
	}
	// Without Changed, a load reads everything again.
	s, err = l.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Documents {
		if d.Path == "content/b.md" && d.Meta.Title != "B2" {
			t.Fatalf("a load without Changed reused stale bytes: %q", d.Meta.Title)
		}
	}
}
