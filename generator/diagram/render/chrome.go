package render

import (
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ismsgen/ismsgen/generator/diagram"
	"github.com/ismsgen/ismsgen/themes"
)

// Scale is the device pixel ratio of the images; DPI is what their pHYs chunk says.
const (
	Scale = 2
	DPI   = 96 * Scale
)

// pageWidth is the width, in CSS pixels, a diagram may take: Mermaid shrinks wider
// diagrams to it (and a pack shrinks them further to its text width).
const pageWidth = 1000

// browserNames are the programs FindChrome looks for on PATH, in order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}

// ErrNoChrome is returned by FindChrome when no browser is installed.
var ErrNoChrome = errors.New("no Chromium or Google Chrome found")

// FindChrome returns the browser to use: path when given (it must be an executable
// file), else the first of chromium, chromium-browser, google-chrome,
// google-chrome-stable, chrome and headless-shell on PATH.
func FindChrome(path string) (string, error) {
	if path != "" {
		fi, err := os.Stat(path)
		switch {
		case err != nil:
			return "", fmt.Errorf("--chrome %s: %w", path, err)
		case fi.IsDir() || fi.Mode()&0o111 == 0:
			return "", fmt.Errorf("--chrome %s: not an executable file", path)
		}
		return path, nil
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w on PATH (looked for %s): install Chromium (Debian and Ubuntu: apt-get install chromium) or give the browser with --chrome PATH",
		ErrNoChrome, strings.Join(browserNames, ", "))
}

// Result is one rendered diagram: its PNG, or why Mermaid could not draw it.
type Result struct {
	PNG []byte
	Err error
}

// Render draws each Mermaid source with the browser at chrome, with the theme's
// Mermaid and diagram script (the site's own when its theme overrides them, as the
// site's pages use), and returns the results in the same order. An error is returned
// only when the browser cannot be used at all.
func Render(ctx context.Context, chrome string, theme *themes.Overlay, sources []string) ([]Result, error) {
	if len(sources) == 0 {
		return nil, nil
	}
	dir, err := os.MkdirTemp("", "ismsgen-diagrams-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := writeHarness(dir, theme, sources); err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox, // Chromium refuses to run as root with its sandbox
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"), // no name resolves: nothing leaves the machine
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(pageWidth+100, 800),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		return nil, fmt.Errorf("starting %s: %w", chrome, err)
	}
	tctx, cancelTimeout := context.WithTimeout(bctx, time.Minute+time.Duration(len(sources))*2*time.Second)
	defer cancelTimeout()
	if err := prepare(tctx); err != nil {
		return nil, fmt.Errorf("%s: %w", chrome, err)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(dir, "diagrams.html")))); err != nil {
		return nil, fmt.Errorf("%s: opening the diagrams: %w", chrome, err)
	}
	if err := waitDrawn(tctx); err != nil {
		return nil, fmt.Errorf("%s: %w", chrome, err)
	}
	out := make([]Result, len(sources))
	for i := range sources {
		out[i] = capture(tctx, i+1)
	}
	return out, nil
}

// prepare blocks the network, keeps the light colour scheme (paper) and renders at
// Scale device pixels per CSS pixel.
func prepare(ctx context.Context) error {
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	var block []*network.BlockPattern
	for _, scheme := range []string{"http", "https", "ws", "wss", "ftp"} {
		block = append(block, &network.BlockPattern{URLPattern: scheme + "://*:*/*", Block: true})
	}
	if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: block}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}},
	}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: pageWidth + 100, Height: 800, DeviceScaleFactor: Scale,
	})
	return err
}

// writeHarness writes the page of the diagrams with the theme's scripts.
func writeHarness(dir string, theme *themes.Overlay, sources []string) error {
	for name, src := range map[string]string{"mermaid.min.js": "static/js/vendor/mermaid/mermaid.min.js", "diagrams.js": "static/js/diagrams.js"} {
		b, _, ok := theme.File(src)
		if !ok {
			return fmt.Errorf("the theme has no %s", src)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return err
		}
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ismsgen diagrams</title>
<style>html, body { margin: 0; background: #fff; } figure { margin: 0; padding: 12px; width: ` + strconv.Itoa(pageWidth) + `px; }</style>
<script defer src="mermaid.min.js"></script>
<script defer src="diagrams.js"></script>
</head><body>
`)
	for i, src := range sources {
		fmt.Fprintf(&b, "<figure data-diagram=\"mermaid\" id=\"%s\"><pre><code>%s</code></pre></figure>\n", diagram.Anchor(i+1), html.EscapeString(src))
	}
	b.WriteString("</body></html>\n")
	return os.WriteFile(filepath.Join(dir, "diagrams.html"), []byte(b.String()), 0o600)
}

// waitDrawn waits until js/diagrams.js has drawn (or given up on) every diagram.
func waitDrawn(ctx context.Context) error {
	const done = `Array.from(document.querySelectorAll("figure[data-diagram]")).every(f => f.hasAttribute("data-diagram-state"))`
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](done))
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = ctx.Err()
			}
			return fmt.Errorf("the diagrams were not drawn in time: %w", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// box is where a drawing is on the page, in CSS pixels, or why there is none.
type box struct {
	X, Y, W, H float64
	Error      string
}

// capture screenshots the n-th figure's drawing.
func capture(ctx context.Context, n int) Result {
	js := fmt.Sprintf(`(() => {
  const f = document.getElementById(%q);
  if (f.getAttribute("data-diagram-state") !== "drawn") {
    return {Error: f.getAttribute("data-diagram-error") || "Mermaid could not draw it"};
  }
  const r = f.querySelector("svg").getBoundingClientRect();
  return {X: r.left + scrollX, Y: r.top + scrollY, W: r.width, H: r.height};
})()`, diagram.Anchor(n))
	b, err := chromedp.Run(ctx, chromedp.Evaluate[box](js))
	if err != nil {
		return Result{Err: err}
	}
	if b.Error != "" {
		return Result{Err: errors.New(b.Error)}
	}
	if b.W < 1 || b.H < 1 {
		return Result{Err: errors.New("Mermaid drew an empty diagram")}
	}
	const pad = 4 // white margin, CSS pixels
	clip := &page.Viewport{X: math.Floor(b.X - pad), Y: math.Floor(b.Y - pad), Width: math.Ceil(b.W + 2*pad), Height: math.Ceil(b.H + 2*pad), Scale: 1}
	beyond := true
	shot, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng, Clip: clip, CaptureBeyondViewport: &beyond})
	if err != nil {
		return Result{Err: err}
	}
	png, err := diagram.WithDPI(shot.Data, DPI)
	return Result{PNG: png, Err: err}
}
