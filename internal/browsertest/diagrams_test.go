package browsertest

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/generator/model"
	preview "github.com/ismsgen/ismsgen/generator/serve"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// diagramFixture is the rich fixture with a policy of two Mermaid diagrams (a flowchart
// with a style statement and a class, and a sequence diagram).
func diagramFixture() fixture.Files {
	return richFixture().With(fixture.Files{
		"content/policies/joiners.md": `---
id: POL-JML
title: Joiners, movers and leavers policy
type: policy
version: "1.0"
status: approved
owner: ISMS Manager
approver: CEO
approved: 2026-03-01
review_cycle: 12m
history:
  - {version: "1.0", date: 2026-03-01, author: ISMS Manager, change: First issue}
---
# Joiners, movers and leavers policy

## Joining

` + "```mermaid" + `
---
title: Access for a joiner
---
flowchart LR
  HR[HR records the start date] --> IT{Role known?}
  IT -->|yes| G[Grant the role's access]
  IT -->|no| Q[Ask the line manager]
  classDef done fill:#cfc
  class G done
  style Q stroke-width:3px
` + "```" + `

## Leaving

` + "```mermaid" + `
sequenceDiagram
  HR->>IT: Leaver on Friday
  IT-->>HR: Accounts disabled
` + "```" + `
`,
	})
}

// diagramLook is what the test compares between ways of opening the page: per figure,
// its state, the number of SVG drawings in it, the drawing's size and the fill and font
// of its first shape (black and the page's font when Mermaid's styles were refused).
const diagramLook = `Array.from(document.querySelectorAll("figure[data-diagram]")).map(f => {
  const svgs = f.querySelectorAll(":scope > .diagram-drawing > svg");
  const svg = svgs[0];
  if (!svg) return f.getAttribute("data-diagram-state") + " no svg";
  const b = svg.getBoundingClientRect();
  const shape = svg.querySelector(".node rect, rect.actor");
  return [f.getAttribute("data-diagram-state"), svgs.length + " svg", Math.round(b.width) + "x" + Math.round(b.height),
    shape ? getComputedStyle(shape).fill : "no shape", getComputedStyle(svg).fontFamily].join(" | ");
}).join("\n")`

const allDrawn = `document.querySelectorAll("figure[data-diagram]").length > 0 &&
  Array.from(document.querySelectorAll("figure[data-diagram]")).every(f => f.hasAttribute("data-diagram-state"))`

// testDiagrams opens a page with two diagrams from a static server, from file:// and
// from ismsgen serve (Content-Security-Policy: default-src 'self'): each time both are
// drawn as SVG, identically, with Mermaid's styles, no console error (a refused inline
// style is one) and no request off the site. A page without diagrams loads no Mermaid,
// and without JavaScript the diagram's source shows as code.
func testDiagrams(t *testing.T, e *env) {
	src := fixture.Write(t, diagramFixture())
	s, err := renderSite(src)
	if err != nil {
		t.Fatalf("the diagram fixture does not build: %v", err)
	}
	s.Name = "diagram fixture"
	s = writeSite(t, s)
	static := serve(t, s.Dir)
	live := startPreview(t, src)

	looks := map[string]string{}
	for _, c := range []struct{ name, origin, url string }{
		{"static server", static.URL, static.URL + "/policies/joiners.html"},
		{"file://", static.URL, "file://" + s.Dir + "/policies/joiners.html"},
		{"ismsgen serve with its CSP", live, live + "/policies/joiners.html"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, m := tabAt(t, e, c.origin)
			do(t, ctx, chromedp.Navigate(c.url))
			waitFor(t, ctx, allDrawn)
			look := eval[string](t, ctx, diagramLook)
			looks[c.name] = look
			lines := strings.Split(look, "\n")
			if len(lines) != 2 {
				t.Fatalf("%d diagram figures, want 2:\n%s", len(lines), look)
			}
			for i, l := range lines {
				f := strings.Split(l, " | ")
				if len(f) != 5 || f[0] != "drawn" || f[1] != "1 svg" {
					t.Errorf("diagram %d: %s; want drawn, with one SVG", i+1, l)
					continue
				}
				if f[3] == "rgb(0, 0, 0)" || f[3] == "no shape" || !strings.Contains(f[4], "trebuchet") {
					t.Errorf("diagram %d is drawn without Mermaid's styles (fill %s, font %s)", i+1, f[3], f[4])
				}
			}
			if n := eval[int](t, ctx, `document.querySelectorAll("figure[data-diagram] pre").length`); n != 0 {
				t.Errorf("%d diagram sources still shown next to their drawings", n)
			}
			clean(t, m)
		})
	}
	if a, b := looks["static server"], looks["ismsgen serve with its CSP"]; a != b {
		t.Errorf("the diagrams look different under the CSP:\nwithout:\n%s\nwith:\n%s", a, b)
	}
	if a, b := looks["static server"], looks["file://"]; a != b {
		t.Errorf("the diagrams look different from file://:\nhttp:\n%s\nfile:\n%s", a, b)
	}

	t.Run("page without diagrams", func(t *testing.T) {
		ctx, m := tabAt(t, e, static.URL)
		do(t, ctx, chromedp.Navigate(static.URL+"/policies/access-control.html"))
		waitFor(t, ctx, `document.readyState === "complete"`)
		if eval[bool](t, ctx, `typeof mermaid !== "undefined" || !!document.querySelector("script[src*=mermaid], script[src*=diagrams]")`) {
			t.Error("a page without diagrams loads Mermaid")
		}
		if u := m.requestedMatching("mermaid"); u != "" {
			t.Errorf("a page without diagrams requested %s", u)
		}
		clean(t, m)
	})

	t.Run("without JavaScript", func(t *testing.T) {
		ctx, m := tabAt(t, e, static.URL)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.Navigate(static.URL+"/policies/joiners.html"))
		code := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("figure[data-diagram] pre code")).map(c => c.innerText)`)
		if len(code) != 2 || !strings.HasPrefix(code[0], "---\ntitle: Access for a joiner") || !strings.HasPrefix(code[1], "sequenceDiagram") {
			t.Errorf("without JavaScript the diagrams show %q, want their sources", code)
		}
		if eval[bool](t, ctx, `!!document.querySelector("figure[data-diagram] svg")`) {
			t.Error("a diagram is drawn without JavaScript")
		}
		clean(t, m)
	})
}

// tabAt opens a tab whose monitor takes origin as the site.
func tabAt(t *testing.T, e *env, origin string) (context.Context, *monitor) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	t.Cleanup(cancel)
	m := newMonitor(origin)
	if err := chromedp.Listen(ctx, m.handle); err != nil {
		t.Fatal(err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx, m
}

// requestedMatching returns a URL the page requested that contains s, or "".
func (m *monitor) requestedMatching(s string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, u := range m.urls {
		if strings.Contains(u, s) {
			return u
		}
	}
	return ""
}

// startPreview runs ismsgen serve on src until the test ends and returns its address
// once the site is built.
func startPreview(t *testing.T, src string) string {
	t.Helper()
	srv, err := preview.New(preview.Options{Source: src, Port: 0, Version: "test", Date: model.NewDate(2026, 11, 22)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	origin := strings.TrimSuffix(srv.URL(), "/")
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(origin + "/policies/joiners.html")
		if err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK && strings.Contains(string(body), "data-diagram") {
				if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") {
					t.Fatalf("ismsgen serve sends Content-Security-Policy %q", csp)
				}
				return origin
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("ismsgen serve did not serve the diagram page: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
