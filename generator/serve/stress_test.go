package serve_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// stressDoc is document i at revision rev: the body changes every time, the title every
// seventh revision, and the links every fifth, so that the rebuilds mix incremental and
// full renders.
func stressDoc(i, rev int) string {
	title := fmt.Sprintf("Procedure %d", i)
	if rev%7 == 3 {
		title = fmt.Sprintf("Procedure %d (rev %d)", i, rev)
	}
	link := ""
	if rev%5 == 1 {
		link = fmt.Sprintf(" See [[PRO-%d]].", (i+rev)%50)
	}
	return fmt.Sprintf("---\nid: PRO-%d\ntitle: %s\ntype: procedure\nversion: \"1.0\"\nstatus: approved\ntags: [t%d]\n---\n# Step\n\nRevision %d of procedure %d.%s\n\n## Detail\n\nText %d.\n",
		i, title, i%4, rev, i, link, rev*31%97)
}

// TestStressRapidSaves makes 500 saves across 50 files as fast as it can (in place and
// atomically, with a few documents created and deleted on the way), then checks that the
// preview ends up serving exactly what a fresh build of the final sources makes.
func TestStressRapidSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test")
	}
	files := fixture.Minimal()
	for i := range 50 {
		files[fmt.Sprintf("content/procedures/p%02d.md", i)] = stressDoc(i, 0)
	}
	p := start(t, files)
	ev, _ := p.subscribe()

	for n := 1; n <= 500; n++ {
		i := n % 50
		rel := fmt.Sprintf("content/procedures/p%02d.md", i)
		if n%3 == 0 {
			p.saveAtomic(rel, stressDoc(i, n))
		} else {
			p.write(rel, stressDoc(i, n))
		}
		if n%25 == 0 {
			// Let a rebuild start now and then, so that saves land during rebuilds too.
			time.Sleep(30 * time.Millisecond)
		}
		switch {
		case n%100 == 10:
			p.write(fmt.Sprintf("content/tmp%d/extra.md", n), doc(fmt.Sprintf("TMP-%d", n), "Temporary", "Short-lived."))
		case n%100 == 60:
			p.remove(fmt.Sprintf("content/tmp%d/extra.md", n-50))
		}
	}

	// The preview's build: its downloads page links the packs it builds on first download.
	want, err := build.Render(context.Background(), build.Options{Source: p.src, Date: buildDate, NoPack: true, LazyPacks: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	// The preview catches up within a bounded time; then every file must be equal.
	deadline := time.Now().Add(30 * time.Second)
	for {
		diff := compareServed(p, want.Files)
		if len(diff) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the served site still differs from a fresh build: %d files, e.g. %v\nlog:\n%s", len(diff), diff[:min(5, len(diff))], p.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for n := 10; n < 500; n += 100 {
		if r := p.get(fmt.Sprintf("/tmp%d/extra.html", n)); r.status != 404 {
			t.Errorf("deleted document tmp%d still served: %d", n, r.status)
		}
	}
	if _, hello := p.subscribe(); len(hello.Errors) != 0 {
		t.Errorf("final state has errors: %+v", hello.Errors)
	}
	t.Logf("%d rebuilds\n%s", strings.Count(p.log.String(), "rebuilt in"), p.log.String())
	_ = ev
}

// compareServed lists the files the preview serves differently from want, ignoring the
// injected script.
func compareServed(p *preview, want map[string][]byte) []string {
	var diff []string
	for path, b := range want {
		r := p.get("/" + path)
		got := r.body
		if strings.HasSuffix(path, ".html") {
			if !strings.Contains(got, liveHead) {
				diff = append(diff, path+" (no live script)")
				continue
			}
			got = strings.Replace(got, liveHead, "", 1)
		}
		if r.status != 200 && !(path == "404.html" && r.status == 404) || got != string(b) {
			diff = append(diff, path)
		}
	}
	return diff
}
