package serve_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/pack"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/serve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// emptyFootnote is the body that once made the pack renderer panic, killing the
// preview when a pack was requested.
const emptyFootnote = "See[^a].\n\n[^a]:\n"

// TestPackWithEmptyFootnote: the real pack of a document with an empty footnote
// definition builds, and the preview stays up.
func TestPackWithEmptyFootnote(t *testing.T) {
	p := start(t, fixture.Minimal().With(fixture.Files{isPath: policy(emptyFootnote)}))
	r := p.get("/packs/stage1.pdf")
	if r.status != 200 || !strings.HasPrefix(r.body, "%PDF-") {
		t.Fatalf("pack: %d %.300q", r.status, r.body)
	}
	if r := p.get("/policies/is.html"); r.status != 200 || !strings.Contains(r.body, `class="footnotes"`) {
		t.Errorf("policy page after the pack: %d", r.status)
	}
}

// TestPackPanicKeepsServing: a pack whose rendering panics answers with an error, the
// overlay shows the positioned error (against the document for a panic in a document's
// section, against the pack's configuration for one elsewhere), the terminal prints it,
// the preview keeps serving, and the next edit clears the overlay.
func TestPackPanicKeepsServing(t *testing.T) {
	settings := fixture.Minimal()["data/site.yaml"] + "packs:\n  - name: stage1\n    contents: [POL-IS]\n  - name: raw\n    contents: [POL-IS]\n"
	before, _, _ := strings.Cut(settings, "name: raw")
	rawPos := fmt.Sprintf("data/site.yaml:%d:%d", 1+strings.Count(before, "\n"), len(before)-strings.LastIndex(before, "\n"))
	src := fixture.Write(t, fixture.Minimal().With(fixture.Files{"data/site.yaml": settings}))
	var panicLine int
	p := startAt(t, src, func(o *serve.Options) {
		o.Pack = func(ctx context.Context, got *build.Result, name string) ([]byte, error) {
			g := got.Graph
			if name == "raw" {
				_, _, panicLine, _ = runtime.Caller(0)
				panic("boom")
			}
			// The real renderer on a private copy of the graph whose policy is broken so
			// that rendering it panics (no Markdown is known to: that would be a bug).
			mine, err := build.Resolve(ctx, nil, src, resolve.Options{Date: g.Date})
			if err != nil {
				return nil, err
			}
			e, _ := mine.Lookup("POL-IS")
			e.Doc.Body = []byte{}
			plan, err := pack.PlanPack(mine, pack.DefaultPack())
			if err != nil {
				return nil, err
			}
			out, err := pack.Render(ctx, mine, plan, pack.Options{})
			if err != nil {
				return nil, err
			}
			return out.PDF, nil
		}
	})
	ev, _ := p.subscribe()

	r := p.get("/packs/stage1.pdf")
	want := isPath + ":1:1: internal error rendering this document: runtime error: slice bounds out of range"
	if r.status != http.StatusInternalServerError || !strings.Contains(r.body, want) {
		t.Errorf("pack: %d %q, want 500 with %q", r.status, r.body, want)
	}
	st := ev.statusWithErrors()
	if len(st.Errors) != 1 || st.Errors[0].Pos != isPath+":1:1" || !strings.Contains(isPath+":1:1: "+st.Errors[0].Message, want) ||
		len(st.Errors[0].Source) == 0 {
		t.Errorf("overlay errors = %+v, want %q with its source lines", st.Errors, want)
	}
	if !strings.Contains(p.log.String(), want) {
		t.Errorf("the terminal does not show the error:\n%s", p.log.String())
	}
	if r := p.get("/policies/is.html"); r.status != 200 {
		t.Errorf("the site after the failed pack: %d", r.status)
	}
	_, hello := p.subscribe()
	if len(hello.Errors) != 1 || hello.Errors[0].Pos != isPath+":1:1" {
		t.Errorf("a page connecting now is not told of the pack's error: %+v", hello.Errors)
	}

	// A panic outside the pack renderer is reported against the pack's entry in the
	// site settings.
	r = p.get("/packs/raw.pdf")
	st = ev.until("the raw pack's error", func(e event) bool {
		return e.name == "status" && len(e.decode(t).Errors) == 2
	}, nil).decode(t)
	wantRaw := fmt.Sprintf("internal error building pack raw: boom (at generator/serve/packpanic_test.go:%d; please report this)", panicLine+1)
	found := false
	for _, e := range st.Errors {
		found = found || e.Pos == rawPos && e.Message == wantRaw
	}
	if !found {
		t.Errorf("overlay errors %+v lack %s: %s", st.Errors, rawPos, wantRaw)
	}
	if r.status != http.StatusInternalServerError || !strings.Contains(r.body, wantRaw) {
		t.Errorf("raw pack: %d %q", r.status, r.body)
	}

	// The sources change: the packs' errors are of old sources and go.
	p.write(isPath, policy("Edited after the failed pack."))
	ev.fixed("policies/is.html")
}
