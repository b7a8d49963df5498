package browsertest

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// env is what every browser test gets: the built site, the server and the browser.
type env struct {
	site    *builtSite
	origin  string          // the test server's URL
	browser context.Context // a chromedp context whose browser is running
}

// TestBrowser starts one Chromium and one server for all browser tests (they are
// subtests so that the browser is shared without a package-level variable).
func TestBrowser(t *testing.T) {
	chromium := tooltest.Need(t, "chromium")
	s := buildSite(t)
	srv := serve(t, s.Dir)
	e := &env{site: s, origin: srv.URL, browser: startBrowser(t, chromium)}
	for _, tc := range []struct {
		name string
		run  func(*testing.T, *env)
	}{
		{"SearchWordFromProcedure", testSearchWord},
		{"SearchControlIDOpensControl", testSearchControlID},
		{"SearchPage", testSearchPage},
		{"SearchFromFileURL", testSearchFileURL},
		{"SearchPlainIndex", testSearchPlainIndex},
		{"SoASortAndFilter", testSoASortFilter},
		{"RegistersReadableWithoutJavaScript", testNoJavaScript},
		{"SidebarAndBreadcrumbs", testSidebarBreadcrumbs},
		{"LargeSiteSidebar", testLargeSiteSidebar},
		{"NotFoundPageFromAnyDepth", testNotFound},
		{"NarrowScreen", testNarrowScreen},
		{"PrintMedia", testPrint},
		{"FocusAndDarkMode", testFocusAndDarkMode},
		{"Crawl", testCrawl},
		{"GitHubStyleContent", testGitHubStyle},
		{"Screenshots", testScreenshots},
		{"Diagrams", testDiagrams},
		{"RegistersFit", testRegistersFit},
		{"RegistersFitLarge", testRegistersFitLarge},
		{"StickyHeaders", testStickyHeaders},
		{"Dashboard", testDashboard},
		{"ObjectivesAndAcknowledgements", testObjectivesAndAcknowledgements},
		{"PrintPages", testPrintPages},
		{"PrintLastChanged", testPrintLastChanged},
		{"SearchTypo", testSearchTypo},
		{"LevelSortsHighestFirst", testLevelSortsHighestFirst},
		{"ReadmeImages", testReadmeImages},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, e) })
	}
}

// startBrowser starts headless Chromium with a fresh profile; it stops with the test.
func startBrowser(t *testing.T, path string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // Chromium refuses to run as root with its sandbox
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Do starts the browser and binds it to ctx, which has no deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// tab opens a new tab with a monitor attached. Every action on it is bounded.
func (e *env) tab(t *testing.T) (context.Context, *monitor) {
	t.Helper()
	return e.tabWithin(t, 90*time.Second)
}

// tabWithin is tab with the bound on all its actions together.
func (e *env) tabWithin(t *testing.T, bound time.Duration) (context.Context, *monitor) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	t.Cleanup(cancel)
	m := newMonitor(e.origin)
	if err := chromedp.Listen(ctx, m.handle); err != nil {
		t.Fatal(err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, bound)
	t.Cleanup(cancelTimeout)
	return ctx, m
}

// url returns the address of a site path on the test server.
func (e *env) url(p string) string { return e.origin + "/" + p }

// clean fails the test for each problem the monitor saw.
func clean(t *testing.T, m *monitor) {
	t.Helper()
	for _, p := range m.Problems() {
		t.Error(p)
	}
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %.120s: %v", js, err)
	}
	return v
}

// waitFor waits, at most 10 seconds, until a JavaScript expression is truthy. It polls
// from Go rather than with chromedp.Poll so that it also works with page scripts off.
func waitFor(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+js+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", js, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitLocation waits, at most 10 seconds, until the tab's URL satisfies ok (a
// navigation started by the page, which Poll does not survive).
func waitLocation(t *testing.T, ctx context.Context, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var loc string
	for time.Now().Before(deadline) {
		l, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && l != "" {
			loc = l
			if ok(l) {
				return l
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the page did not navigate as expected; last location %s", loc)
	return ""
}

func sortStrings(s []string) { sort.Strings(s) }

// jsString quotes s for JavaScript source.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a string always marshals
	}
	return string(b)
}

func hasSuffixAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
