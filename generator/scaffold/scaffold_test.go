package scaffold_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/scaffold"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

var today = model.NewDate(2026, 11, 22)

func newDoc(t *testing.T, dir, kind, title, id string) (*scaffold.Result, error) {
	t.Helper()
	k, ok := scaffold.KindNamed(kind)
	if !ok {
		t.Fatalf("no kind %s", kind)
	}
	return scaffold.New(scaffold.Options{Source: dir, Kind: k, Title: title, ID: id, Date: today})
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPickID: IDs follow the site's own style, named or numbered.
func TestPickID(t *testing.T) {
	for _, c := range []struct {
		used  []string
		title string
		want  string
	}{
		{nil, "Remote working", "POL-001"},
		{[]string{"POL-001", "POL-AC"}, "Remote working", "POL-002"},
		{[]string{"POL-AC", "POL-IS"}, "Remote working", "POL-REMOTE"},
		{[]string{"POL-AC", "POL-REMOTE"}, "Remote working policy", "POL-REMOTE-WORKING"},
		{[]string{"POL-AC", "POL-REMOTE", "POL-REMOTE-WORKING"}, "Remote working", "POL-REMOTE-WORKING-2"},
		{[]string{"POL-AC", "MAN-SCOPE"}, "The policy of backups", "POL-BACKUPS"},
		// No policy yet: the site's other IDs say which style.
		{[]string{"PRO-ACCESS", "MAN-SCOPE", "REC-1"}, "Access control", "POL-ACCESS"},
		{[]string{"PRO-001", "PRO-002", "MAN-SCOPE"}, "Access control", "POL-001"},
	} {
		used := map[string]string{}
		for _, id := range c.used {
			used[id] = "x.md"
		}
		if got := scaffold.PickID(used, "POL", c.title); got != c.want {
			t.Errorf("PickID(%v, %q) = %s, want %s", c.used, c.title, got, c.want)
		}
	}
}

func TestNextID(t *testing.T) {
	for _, c := range []struct {
		used []string
		want string
	}{
		{nil, "POL-001"},
		{[]string{"POL-AC", "POL-IS"}, "POL-001"},
		{[]string{"POL-AC", "POL-001", "POL-012", "PRO-040", "POL-X9", "POLICY-99"}, "POL-013"},
		{[]string{"POL-0999"}, "POL-1000"},
	} {
		used := map[string]string{}
		for _, id := range c.used {
			used[id] = "x.md"
		}
		if got := scaffold.NextID(used, "POL"); got != c.want {
			t.Errorf("NextID(%v) = %s, want %s", c.used, got, c.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for title, want := range map[string]string{
		"Remote Working Policy":             "remote-working-policy",
		"Access Control: Remote & Mobile!!": "access-control-remote-mobile",
		"  ISO/IEC 27001 — Annex A  ":       "iso-iec-27001-annex-a",
		"Überprüfung":                       "berpr-fung",
		"—":                                 "",
	} {
		if got := scaffold.Slug(title); got != want {
			t.Errorf("Slug(%q) = %q, want %q", title, got, want)
		}
	}
}

// A new policy gets the next numbered ID, today's date, draft status and version 0.1 in
// content/policies/, and the site still loads and resolves with it.
func TestNewPolicyBuilds(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"content/policies/old.md": "---\nid: POL-007\ntitle: Old\ntype: policy\nversion: \"1\"\nstatus: retired\nowner: A\napprover: B\napproved: 2025-01-01\n---\nOld.\n",
	}))
	res, err := newDoc(t, dir, "policy", `Remote working: "home" & travel`, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "content/policies/remote-working-home-travel.md" || res.ID != "POL-008" {
		t.Errorf("wrote %s with ID %s", res.Path, res.ID)
	}
	text := read(t, dir, res.Path)
	for _, want := range []string{"id: POL-008\n", `title: "Remote working: \"home\" & travel"`, "type: policy\n", "version: \"0.1\"\n", "status: draft\n", "date: 2026-11-22\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the new policy lacks %s:\n%s", want, text)
		}
	}
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatalf("the site does not load with the new policy: %v", err)
	}
	g, err := resolve.Resolve(s, resolve.Options{Date: today, Drafts: true})
	if err != nil {
		t.Fatalf("the site does not resolve with the new policy: %v", err)
	}
	e, ok := g.Lookup("POL-008")
	if !ok || e.Doc.Meta.Title != `Remote working: "home" & travel` || e.Doc.Meta.Status != model.StatusDraft {
		t.Errorf("the new policy reads back as %+v", e)
	}
}

func TestEveryKindLoads(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	want := map[string]string{
		"procedure": "content/procedures/joiners-and-leavers.md",
		"record":    "content/records/joiners-and-leavers.md",
		"page":      "content/joiners-and-leavers.md",
	}
	for kind, path := range want {
		res, err := newDoc(t, dir, kind, "Joiners and leavers", "")
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if res.Path != path {
			t.Errorf("%s written to %s, want %s", kind, res.Path, path)
		}
	}
	if _, err := newDoc(t, dir, "page", "About the ISMS", "PAGE-ABOUT"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, dir, "content/about-the-isms.md"), "id: PAGE-ABOUT\n") {
		t.Error("a page with --id lacks its id")
	}
	s, err := load.Load(context.Background(), dir)
	if err != nil {
		t.Fatalf("the site does not load: %v", err)
	}
	if _, err := resolve.Resolve(s, resolve.Options{Date: today, Drafts: true}); err != nil {
		t.Fatalf("the site does not resolve: %v", err)
	}
}

// new never overwrites: not a file with the same name, not an ID in use.
func TestRefusesToOverwrite(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal())
	if _, err := newDoc(t, dir, "policy", "Backup", ""); err != nil {
		t.Fatal(err)
	}
	before := read(t, dir, "content/policies/backup.md")
	_, err := newDoc(t, dir, "policy", "Backup", "POL-BACKUP")
	if !errors.Is(err, scaffold.ErrExists) {
		t.Errorf("second new of the same title: %v, want ErrExists", err)
	}
	if read(t, dir, "content/policies/backup.md") != before {
		t.Error("the existing file was changed")
	}
	_, err = newDoc(t, dir, "policy", "Another", "POL-IS")
	if !errors.Is(err, scaffold.ErrExists) || !strings.Contains(err.Error(), "content/policies/is.md") {
		t.Errorf("--id of an ID in use: %v, want ErrExists naming the file", err)
	}
}

// The site's theme overrides an archetype file by file.
func TestSiteArchetypeOverrides(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/site.yaml":                    "organisation: Example Ltd\ntheme: house # our theme\n",
		"themes/house/archetypes/policy.md": "---\nid: {{ .ID }}\ntitle: {{ yaml .Title }}\ntype: policy\nversion: \"0.1\"\nstatus: draft\nowner: Legal\n---\nHouse style ({{ .Kind }}, {{ .Date }}).\n",
	}))
	res, err := newDoc(t, dir, "policy", "Ethics", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, dir, res.Path); !strings.Contains(got, "owner: Legal") || !strings.Contains(got, "House style (policy, 2026-11-22).") {
		t.Errorf("the site archetype was not used:\n%s", got)
	}
	if res.Archetype != "themes/house/archetypes/policy.md" {
		t.Errorf("archetype reported as %q", res.Archetype)
	}
	// Kinds the site theme has no archetype for come from the default theme.
	res, err = newDoc(t, dir, "procedure", "Ethics hotline", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Archetype, "default theme") {
		t.Errorf("procedure archetype from %q, want the default theme", res.Archetype)
	}
}

// A broken archetype is reported with its file, and nothing is written.
func TestBrokenArchetype(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/site.yaml":                      "organisation: Example Ltd\ntheme: house\n",
		"themes/house/archetypes/record.md":   "---\ntitle: {{ .Title }}\nlist: [\n---\n",
		"themes/house/archetypes/policy.md":   "---\ntitle: {{ .Nope }}\n---\n",
		"themes/house/archetypes/unused.html": "x",
	}))
	for _, kind := range []string{"record", "policy"} {
		_, err := newDoc(t, dir, kind, "X", "")
		if err == nil || !strings.Contains(err.Error(), "themes/house/archetypes/"+kind+".md") {
			t.Errorf("%s: %v, want an error naming the archetype", kind, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/records/x.md")); err == nil {
		t.Error("a file was written from a broken archetype")
	}
}

// TestNewFollowsContentDir: with content_dir: . a new policy goes to policies/ at the
// site root, and IDs are counted over the documents the build reads (not ignored
// templates, not the output).
func TestNewFollowsContentDir(t *testing.T) {
	f := fixture.Minimal()
	f["data/site.yaml"] += "content_dir: .\nignore: [\"templates/**\"]\n"
	f["policies/is.md"] = f["content/policies/is.md"]
	delete(f, "content/policies/is.md")
	f["policies/old.md"] = "---\nid: POL-003\ntitle: Old\n---\n"
	f["templates/policy.md"] = "---\nid: POL-900\ntitle: Template\n---\n"
	f["public/policies/copy.md"] = "---\nid: POL-800\ntitle: Output\n---\n"
	f["content/policies/stray.md"] = "---\nid: POL-700\ntitle: Under content/, which is a folder like any other here\n---\n"
	dir := fixture.Write(t, f)
	used, err := scaffold.UsedIDs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if used["POL-900"] != "" || used["POL-800"] != "" || used["POL-003"] != "policies/old.md" || used["POL-700"] != "content/policies/stray.md" {
		t.Errorf("used IDs: %v", used)
	}
	res, err := newDoc(t, dir, "policy", "Remote working", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "policies/remote-working.md" || res.ID != "POL-701" {
		t.Errorf("wrote %s with ID %s", res.Path, res.ID)
	}
	res, err = newDoc(t, dir, "page", "About", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "about.md" {
		t.Errorf("wrote the page to %s", res.Path)
	}
}
