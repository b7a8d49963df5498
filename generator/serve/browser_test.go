package serve_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// browser starts a headless Chromium for the test and returns its context.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := tooltest.Need(t, "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // as root, Chromium starts only without its sandbox
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// eventually evaluates a JavaScript predicate in the page until it is true. It retries
// through reloads, during which evaluation fails.
func eventually(t *testing.T, ctx context.Context, what, predicate string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](predicate))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	t.Fatalf("%s: %q never became true (last error %v); the page:\n%.3000s", what, predicate, last, body)
}

func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// TestBrowserLiveReload drives a real Chromium: the page follows the edits without
// navigating, shows the overlay with the error's position while the source is broken,
// drops it once fixed, and applies a stylesheet change without reloading.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browser(t)
	p := start(t, fixture.Minimal().With(fixture.Files{
		"themes/default/static/css/style.css": "body { background-color: rgb(1, 2, 3); }\n",
	}))
	connected := `document.documentElement.getAttribute("data-ismsgen-live") === "connected"`
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url+"/policies/is.html")); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, "the live script connects", connected)
	if text := evaluate[string](t, ctx, `document.body.innerText`); !strings.Contains(text, "We protect information.") {
		t.Fatalf("page text:\n%s", text)
	}

	// An edit shows without navigating.
	p.write(isPath, policy("Edited while the browser watched."))
	eventually(t, ctx, "the edit shows", `document.body.innerText.includes("Edited while the browser watched.")`)
	eventually(t, ctx, "the reloaded page reconnects", connected)
	if u := evaluate[string](t, ctx, `location.pathname`); u != "/policies/is.html" {
		t.Errorf("the page moved to %s", u)
	}

	// A mistake shows over the page, with its position; the last good page stays.
	broken := policy("Edited while the browser watched. See [[NOWHERE]].")
	p.write(isPath, broken)
	eventually(t, ctx, "the overlay shows", `!!document.getElementById("ismsgen-overlay")`)
	i := strings.Index(broken, "[[NOWHERE]]")
	pos := fmt.Sprintf("%s:%d:%d", isPath, 1+strings.Count(broken[:i], "\n"), i-strings.LastIndex(broken[:i], "\n"))
	overlay := evaluate[string](t, ctx, `document.getElementById("ismsgen-overlay").innerText`)
	for _, want := range []string{pos, `unresolved reference "NOWHERE"`, "See [[NOWHERE]]."} {
		if !strings.Contains(overlay, want) {
			t.Errorf("overlay lacks %q:\n%s", want, overlay)
		}
	}
	if visible := evaluate[bool](t, ctx, `(() => { const r = document.getElementById("ismsgen-overlay").getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(document.getElementById("ismsgen-overlay")).position === "fixed"; })()`); !visible {
		t.Error("the overlay is not styled as a visible fixed layer (is live.css blocked?)")
	}
	if text := evaluate[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "Edited while the browser watched.") {
		t.Errorf("the last good page is not under the overlay:\n%s", text)
	}

	// The fix removes the overlay by itself.
	p.write(isPath, policy("Fixed while the browser watched."))
	eventually(t, ctx, "the fix shows", `document.body.innerText.includes("Fixed while the browser watched.")`)
	eventually(t, ctx, "the overlay goes", `!document.getElementById("ismsgen-overlay")`)
	eventually(t, ctx, "the page reconnects", connected)

	// A stylesheet edit applies without a reload: a value set in the page survives.
	evaluate[bool](t, ctx, `window.ismsgenTestMarker = true`)
	p.write("themes/default/static/css/style.css", "body { background-color: rgb(4, 5, 6); }\n")
	eventually(t, ctx, "the new stylesheet applies", `getComputedStyle(document.body).backgroundColor === "rgb(4, 5, 6)"`)
	if !evaluate[bool](t, ctx, `window.ismsgenTestMarker === true`) {
		t.Error("the page reloaded for a stylesheet change")
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll('link[rel="stylesheet"][href*="css/style.css"]').length`); n != 1 {
		t.Errorf("%d style.css links after the swap, want 1", n)
	}
}
