package browsertest

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// testReadmeImages writes the README's pictures of the intranet into
// $ISMSGEN_README_IMAGES (skipped without it): the dashboard, the SoA at 1280 and 375
// px and the risk register's heat maps, each under 200 KB.
func testReadmeImages(t *testing.T, e *env) {
	dir := os.Getenv("ISMSGEN_README_IMAGES")
	if dir == "" {
		t.Skip("set ISMSGEN_README_IMAGES to a directory to write the README's screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, m := e.tab(t)
	for _, shot := range []struct {
		file, page, scrollTo string
		w, h                 int64
		opts                 []chromedp.EmulateViewportOption
	}{
		{"dashboard.png", "index.html", ".dashboard", 1440, 900, nil},
		{"soa-1280.png", "soa.html", "table.register", 1280, 800, nil},
		{"soa-375.png", "soa.html", "table.register", 375, 812, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}},
		{"heatmap.png", "risks/index.html", ".heatmaps", 1440, 900, nil},
	} {
		do(t, ctx, chromedp.EmulateViewport(shot.w, shot.h, shot.opts...))
		do(t, ctx, chromedp.Navigate(e.url(shot.page)))
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(shot.scrollTo)+`).scrollIntoView()`))
		b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, paletted(decode(t, b))); err != nil {
			t.Fatal(err)
		}
		if buf.Len() > 200<<10 {
			t.Errorf("%s is %d KB, over the 200 KB budget", shot.file, buf.Len()>>10)
		}
		if err := os.WriteFile(filepath.Join(dir, shot.file), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clean(t, m)
}
