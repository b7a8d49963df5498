package versions_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/site"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/check"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/versions"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// runVersions builds the site in src with --versions and returns the result, the
// builder and the log.
func runVersions(t *testing.T, src string, noPack bool) (*build.Result, *versions.Builder, string) {
	t.Helper()
	var log bytes.Buffer
	opt := build.Options{Source: src, Date: model.NewDate(2026, 7, 1), Version: "test", NoPack: noPack, Log: &log}
	b := versions.New(opt, versions.Options{Releases: true, Log: &log})
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatalf("build --versions: %v\n%s", err, log.String())
	}
	return res, b, log.String()
}

const policyR1 = `---
id: POL-IS
title: Information security policy
type: policy
version: "1.0"
status: approved
owner: CISO
approver: CEO
approved: 2026-01-10
review_cycle: 12m
controls: [A.5.1]
clauses: ["5.2"]
history:
  - {version: "1.0", date: 2026-01-10, author: CISO, change: First issue}
---
# Information security policy

We protect information. See [[A.5.1]] and [[R-1]].
`

// policyR2 is the policy reworded, with a version bump.
var policyR2 = strings.NewReplacer(
	`version: "1.0"`+"\n", `version: "1.1"`+"\n",
	"change: First issue}\n", "change: First issue}\n  - {version: \"1.1\", date: 2026-03-01, author: CISO, change: Scope widened}\n",
	"We protect information.", "We protect all company information.",
).Replace(policyR1)

const accessPolicy = `---
id: POL-AC
title: Access control policy
type: policy
version: "1.0"
status: approved
approver: CEO
approved: 2026-01-10
history:
  - {version: "1.0", date: 2026-01-10, author: CISO, change: First issue}
---
# Access control

Access is granted by role.
`

const oldProcedure = `---
id: PRO-OLD
title: Old procedure
type: procedure
version: "1.0"
status: approved
approver: CEO
approved: 2026-01-10
---
# Old procedure

Fax the form.
`

const newPolicy = `---
id: POL-NEW
title: Cloud policy
type: policy
version: "1.0"
status: approved
approver: CEO
approved: 2026-04-20
---
# Cloud policy

Use approved cloud services only.
`

const soaR1 = `document: {id: SOA, title: Statement of Applicability, version: "1.0", status: approved, approver: CEO, approved: 2026-01-10}
controls:
  - {control: A.5.1, applicable: true, reasons: [business], status: implemented, documents: [POL-IS]}
  - {control: A.5.15, applicable: true, reasons: [business], status: implemented, documents: [POL-AC]}
  - {control: A.8.1, applicable: true, reasons: [risk], status: implemented, evidence: [EV-1]}
`

// soaR2 makes A.5.15 not applicable.
var soaR2 = strings.NewReplacer(`version: "1.0"`, `version: "1.1"`,
	"{control: A.5.15, applicable: true, reasons: [business], status: implemented, documents: [POL-AC]}",
	"{control: A.5.15, applicable: false, justification: Access is managed by the parent company}").Replace(soaR1)

// makeReleases builds the history of the test ISMS: three releases, a later commit that
// changes the policy without a version bump, and uncommitted work.
func makeReleases(t *testing.T) *gitRepo {
	r := newRepo(t)
	base := fixture.Minimal().With(fixture.Files{
		".gitignore":                 "public/\n.ismsgen/\n",
		"content/policies/is.md":     policyR1,
		"content/policies/access.md": accessPolicy,
		"content/procedures/old.md":  oldProcedure,
		"data/soa.yaml":              soaR1,
		"data/treatment.yaml":        strings.Replace(fixture.Minimal()["data/treatment.yaml"], "status: done", "status: in-progress", 1),
		"content/pages/about.md":     "---\ntitle: About\n---\n# About\n\nThe ISMS site.\n",
	})
	r.write(base)
	r.commit("2026-01-15", "First ISMS release")
	r.tag("2026-01-15", "isms-1.0")

	// 1.1: the policy reworded with a version bump, a control made not applicable,
	// a risk re-scored.
	r.write(fixture.Files{
		"content/policies/is.md": policyR2,
		"data/soa.yaml":          soaR2,
		"data/risks.yaml":        strings.Replace(fixture.Minimal()["data/risks.yaml"], "likelihood: 2\n", "likelihood: 3\n", 1),
	})
	r.commit("2026-03-01", "Policy 1.1, A.5.15 excluded, R-1 re-scored")
	r.tag("2026-03-01", "isms-1.1")

	// 2.0: a document added, one removed, a treatment action done.
	r.write(fixture.Files{
		"content/policies/new.md":   newPolicy,
		"content/procedures/old.md": "",
		"data/treatment.yaml":       fixture.Minimal()["data/treatment.yaml"],
	})
	r.commit("2026-05-01", "Cloud policy; old procedure withdrawn")
	r.tag("2026-05-01", "isms-2.0")

	// After the release: the policy edited without a version bump (committed), and
	// the access control policy edited in the work tree (not committed).
	r.write(fixture.Files{"content/policies/is.md": strings.Replace(policyR2, "all company information.", "all company information and systems.", 1)})
	r.commit("2026-06-01", "Policy tweak")
	r.write(fixture.Files{
		"content/policies/access.md": strings.Replace(accessPolicy, "granted by role.", "granted by role and reviewed quarterly.", 1),
		"notes.txt":                  "untracked notes\n",
	})
	return r
}

func TestVersionedBuild(t *testing.T) {
	r := makeReleases(t)
	before := r.state()
	res, c, log := runVersions(t, r.dir, false)
	if after := r.state(); after != before {
		t.Errorf("the build changed the repository:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if got, want := c.Stats(), (versions.Stats{Releases: 3, Built: 3}); got != want {
		t.Errorf("stats %+v, want %+v\n%s", got, want, log)
	}
	out := tree(t, filepath.Join(r.dir, "public"))

	t.Run("pages of every release", func(t *testing.T) {
		for _, p := range []string{
			"index.html", "policies/is.html", "policies/access.html", "policies/new.html",
			"versions/isms-1.0/index.html", "versions/isms-1.0/policies/is.html", "versions/isms-1.0/procedures/old.html",
			"versions/isms-1.1/policies/is.html", "versions/isms-1.1/procedures/old.html", "versions/isms-1.1/soa.html",
			"versions/isms-2.0/policies/new.html", "versions/isms-2.0/risks/R-1.html",
			"changes/index.html", "changes/isms-1.0.html", "changes/isms-1.1.html", "changes/isms-2.0.html", "changes/current.html",
		} {
			if _, ok := out[p]; !ok {
				t.Errorf("missing %s", p)
			}
		}
		for _, p := range []string{"procedures/old.html", "versions/isms-2.0/procedures/old.html", "versions/isms-1.1/policies/new.html"} {
			if _, ok := out[p]; ok {
				t.Errorf("%s should not exist", p)
			}
		}
		if !bytes.Contains(out["versions/isms-1.0/policies/is.html"], []byte("We protect information.")) ||
			!bytes.Contains(out["versions/isms-1.1/policies/is.html"], []byte("We protect all company information.")) ||
			!bytes.Contains(out["policies/is.html"], []byte("all company information and systems.")) {
			t.Error("a release does not show its own text of the policy")
		}
		if !bytes.Contains(out["policies/access.html"], []byte("reviewed quarterly")) {
			t.Error("the current site does not show the uncommitted work tree")
		}
	})

	t.Run("every link resolves", func(t *testing.T) {
		for _, b := range brokenLinks(out) {
			t.Error(b)
		}
		for p, b := range out {
			if strings.HasSuffix(p, ".html") && !bytes.Contains(b, []byte(`class="version-switcher"`)) {
				t.Errorf("%s has no version switcher", p)
			}
		}
	})

	t.Run("switcher", func(t *testing.T) {
		got := switcherLinks(t, out["versions/isms-1.0/procedures/old.html"])
		want := map[string]string{
			"current":                      "../../../index.html",       // gone from the current site: its home
			"isms-2.0":                     "../../isms-2.0/index.html", // gone in 2.0
			"isms-1.1":                     "../../isms-1.1/procedures/old.html",
			"isms-1.0":                     "old.html",
			"What changed in this version": "../../../changes/isms-1.0.html",
			"All releases":                 "../../../changes/index.html",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("switcher of isms-1.0's old procedure:\n got %v\nwant %v", got, want)
		}
		got = switcherLinks(t, out["policies/is.html"])
		want = map[string]string{
			"current":                      "is.html",
			"isms-2.0":                     "../versions/isms-2.0/policies/is.html",
			"isms-1.1":                     "../versions/isms-1.1/policies/is.html",
			"isms-1.0":                     "../versions/isms-1.0/policies/is.html",
			"What changed in this version": "../changes/current.html",
			"All releases":                 "../changes/index.html",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("switcher of the current policy:\n got %v\nwant %v", got, want)
		}
		// Newest first, after the current site.
		html := string(out["index.html"])
		if i, j, k := strings.Index(html, ">isms-2.0<"), strings.Index(html, ">isms-1.1<"), strings.Index(html, ">isms-1.0<"); !(i > 0 && i < j && j < k) {
			t.Errorf("releases not listed newest first")
		}
	})

	t.Run("superseded banners", func(t *testing.T) {
		for _, p := range []string{"versions/isms-1.0/policies/is.html", "versions/isms-1.1/index.html"} {
			html := string(out[p])
			if !strings.Contains(html, "Superseded.") || !strings.Contains(html, "superseded by isms-2.0") {
				t.Errorf("%s has no superseded banner", p)
			}
		}
		if !strings.Contains(string(out["versions/isms-1.0/policies/is.html"]), `<a href="../../../policies/is.html">Read the current version of this page</a>`) {
			t.Error("the banner does not link to the current page")
		}
		for _, p := range []string{"versions/isms-2.0/policies/is.html", "policies/is.html"} {
			if strings.Contains(string(out[p]), "Superseded.") {
				t.Errorf("%s is not superseded but has the banner", p)
			}
		}
	})

	t.Run("what changed", func(t *testing.T) {
		cmp := map[string]*site.Comparison{}
		for _, p := range c.Versions().Extra {
			if x, ok := p.Data.(*site.Comparison); ok {
				cmp[p.Path] = x
			}
		}
		first := cmp["changes/isms-1.0.html"]
		// Three documents, the page, the SoA and the three registers kept as data.
		if first == nil || first.From != nil || len(first.Added) != 8 {
			t.Errorf("first release: %+v", first)
		}

		c11 := cmp["changes/isms-1.1.html"]
		wantDiff := "… Information security policy We protect <ins>all company</ins> information. See [[A.5.1]] and [[R-1]]."
		if c11 == nil || len(c11.Changed) != 3 || len(c11.Added)+len(c11.Removed) != 0 {
			t.Fatalf("isms-1.1: documents %+v", c11)
		}
		pol := c11.Changed[0]
		if pol.ID != "POL-IS" || pol.OldVersion != "1.0" || pol.NewVersion != "1.1" || !pol.Bumped || renderDiff(pol.Diff) != wantDiff {
			t.Errorf("isms-1.1 policy change: %+v\n diff %s\nwant %s", pol, renderDiff(pol.Diff), wantDiff)
		}
		// The registers changed too: the risk register without a version (it has no
		// document: block), the SoA with a bump.
		if reg := c11.Changed[1]; reg.ID != "REG-RISK" || !reg.Register || reg.Bumped || reg.Diff != nil {
			t.Errorf("isms-1.1 risk register change: %+v", reg)
		}
		if soa := c11.Changed[2]; soa.ID != "SOA" || !soa.Register || !soa.Bumped {
			t.Errorf("isms-1.1 SoA document change: %+v", soa)
		}
		wantSoA := []site.SoAChange{{Control: "A.5.15", Title: "Access control", Fields: []site.FieldChange{
			{Field: "applicable", Old: "yes", New: "no"},
			{Field: "status", Old: "implemented", New: ""},
			{Field: "justification", Old: "", New: "Access is managed by the parent company"},
		}, OldPath: "versions/isms-1.0/controls/A.5.15.html", NewPath: "versions/isms-1.1/controls/A.5.15.html"}}
		if !reflect.DeepEqual(c11.SoA, wantSoA) {
			t.Errorf("isms-1.1 SoA:\n got %+v\nwant %+v", c11.SoA, wantSoA)
		}
		// The risk's inherent level rose (its residual one did not); nothing else of a
		// register's rows changed.
		wantRisk := []site.RegisterChanges{{Name: "risks", Section: "Risk register", Changed: []site.RowChange{{ID: "R-1", Title: "Laptop theft",
			Fields: []site.FieldChange{{Field: "level", Old: "6", New: "9"}}, Path: "versions/isms-1.1/risks/R-1.html"}}}}
		if !reflect.DeepEqual(c11.Registers, wantRisk) {
			t.Errorf("isms-1.1 rows:\n got %+v\nwant %+v", c11.Registers, wantRisk)
		}

		c20 := cmp["changes/isms-2.0.html"]
		if c20 == nil || len(c20.Added) != 1 || c20.Added[0].ID != "POL-NEW" || c20.Added[0].Path != "versions/isms-2.0/policies/new.html" ||
			len(c20.Removed) != 1 || c20.Removed[0].ID != "PRO-OLD" || c20.Removed[0].Path != "versions/isms-1.1/procedures/old.html" ||
			len(c20.Changed) != 1 || c20.Changed[0].ID != "RTP" || len(c20.SoA) != 0 {
			t.Fatalf("isms-2.0: %+v", c20)
		}
		wantAction := []site.RegisterChanges{{Name: "treatment", Section: "Risk treatment plan", Changed: []site.RowChange{{ID: "RTP-1", Title: "Encrypt laptops",
			Fields: []site.FieldChange{{Field: "status", Old: "in-progress", New: "done"}}, Path: "versions/isms-2.0/treatment/RTP-1.html"}}}}
		if !reflect.DeepEqual(c20.Registers, wantAction) {
			t.Errorf("isms-2.0 rows:\n got %+v\nwant %+v", c20.Registers, wantAction)
		}

		cur := cmp["changes/current.html"]
		if cur == nil || cur.From == nil || cur.From.Name != "isms-2.0" || len(cur.Changed) != 2 || len(cur.Added)+len(cur.Removed)+len(cur.SoA)+len(cur.Registers) != 0 {
			t.Fatalf("current: %+v", cur)
		}
		for i, id := range []string{"POL-AC", "POL-IS"} {
			d := cur.Changed[i]
			if d.ID != id || d.Bumped || d.OldVersion != d.NewVersion || d.OldPath != "versions/isms-2.0/"+d.NewPath {
				t.Errorf("current change %d: %+v", i, d)
			}
		}
		if got := renderDiff(cur.Changed[0].Diff); got != "… control Access is granted by <del>role.</del> <ins>role and reviewed quarterly.</ins>" {
			t.Errorf("current POL-AC diff: %s", got)
		}
		if got := renderDiff(cur.Changed[1].Diff); got != "… policy We protect all company <del>information.</del> <ins>information and systems.</ins> See [[A.5.1]] and [[R-1]]." {
			t.Errorf("current POL-IS diff: %s", got)
		}

		// The page shows the same, with <ins> and <del>.
		html := string(out["changes/isms-1.1.html"])
		for _, want := range []string{"We protect <ins>all company</ins> information.", "1.0 → 1.1", "applicable: <del>yes</del> → <ins>no</ins>", `<h2 id="risks">Risk register</h2>`, "level: <del>6</del> → <ins>9</ins>"} {
			if !strings.Contains(html, want) {
				t.Errorf("changes/isms-1.1.html does not contain %q", want)
			}
		}
		html = string(out["changes/current.html"])
		if !strings.Contains(html, `<tr class="not-bumped"><td>POL-AC</td>`) || !strings.Contains(html, "<ins>role and reviewed quarterly.</ins>") {
			t.Error("changes/current.html does not show the unbumped change to POL-AC")
		}
	})

	t.Run("git history", func(t *testing.T) {
		if !strings.Contains(string(out["policies/is.html"]), "Last changed on 2026-06-01 by Alice Author (commit <code>") {
			t.Error("the current policy page has no last-changed line")
		}
		if !strings.Contains(string(out["versions/isms-1.1/policies/is.html"]), "Last changed on 2026-03-01 by Alice Author") {
			t.Error("release 1.1 does not show the policy's last change as of that release")
		}
		var flagged []string
		for _, f := range res.Findings {
			if f.Rule == check.RuleDocChangedNoBump {
				flagged = append(flagged, f.Subject)
			}
		}
		if !reflect.DeepEqual(flagged, []string{"POL-IS"}) {
			t.Errorf("doc-changed-no-bump flagged %v, want [POL-IS] (committed after 1.1 without a bump)", flagged)
		}
	})

	t.Run("packs per release", func(t *testing.T) {
		commit := strings.TrimSpace(r.git("", "rev-parse", "isms-1.1^{commit}"))
		var m struct{ Release, Commit string }
		if err := json.Unmarshal(out["versions/isms-1.1/packs/stage1.manifest.json"], &m); err != nil {
			t.Fatalf("release pack manifest: %v", err)
		}
		if m.Release != "isms-1.1" || m.Commit != commit {
			t.Errorf("manifest names release %q commit %q, want isms-1.1 %s", m.Release, m.Commit, commit)
		}
		pdf := out["versions/isms-1.1/packs/stage1.pdf"]
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatal("no PDF pack for isms-1.1")
		}
		// The cover names the release and its commit.
		name := filepath.Join(t.TempDir(), "stage1.pdf")
		if err := os.WriteFile(name, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		cover, err := exec.Command(tooltest.Need(t, "pdftotext"), "-l", "1", name, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if want := "isms-1.1 (commit " + commit[:12] + ")"; !strings.Contains(string(cover), want) {
			t.Errorf("the cover does not name %q:\n%s", want, cover)
		}
	})

	t.Run("second build reuses the releases", func(t *testing.T) {
		_, c2, log2 := runVersions(t, r.dir, false)
		if got, want := c2.Stats(), (versions.Stats{Releases: 3, Reused: 3}); got != want {
			t.Errorf("second build: stats %+v, want %+v\n%s", got, want, log2)
		}
		if strings.Count(log2, ": reused") != 3 {
			t.Errorf("log does not report the reuse:\n%s", log2)
		}
		again := tree(t, filepath.Join(r.dir, "public"))
		if len(again) != len(out) {
			t.Errorf("second build wrote %d files, first %d", len(again), len(out))
		}
		for p, b := range out {
			if !bytes.Equal(again[p], b) {
				t.Errorf("%s differs after the second build", p)
			}
		}
		if after := r.state(); after != before {
			t.Error("the second build changed the repository")
		}
	})

	t.Run("a new tag", func(t *testing.T) {
		r.git("2026-06-02", "tag", "isms-2.1")
		_, c3, log3 := runVersions(t, r.dir, true)
		// The packs option changed, so the old releases are built again too: the key
		// covers the options.
		if got := c3.Stats(); got.Releases != 4 || got.Failed != 0 {
			t.Errorf("stats %+v\n%s", got, log3)
		}
		_, c4, _ := runVersions(t, r.dir, true)
		if got, want := c4.Stats(), (versions.Stats{Releases: 4, Reused: 4}); got != want {
			t.Errorf("stats %+v, want %+v", got, want)
		}
		out := tree(t, filepath.Join(r.dir, "public"))
		if html := string(out["versions/isms-2.0/index.html"]); !strings.Contains(html, "superseded by isms-2.1") {
			t.Error("isms-2.0 is not shown as superseded by the new tag")
		}
		for _, b := range brokenLinks(out) {
			t.Error(b)
		}
	})
}

func mapValues(m map[string][]byte) [][]byte {
	var out [][]byte
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
