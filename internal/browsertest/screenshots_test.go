package browsertest

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// testScreenshots photographs the home page, a policy, the SoA and the risk register
// at desktop width and at 375 px, into $ISMSGEN_SCREENSHOTS (else a temporary
// directory). With $ISMSGEN_THEME_IMAGES set it also writes the theme's screenshot.png
// (1500×1000) and tn.png (900×600) there, as Hugo's theme convention wants them.
func testScreenshots(t *testing.T, e *env) {
	dir := os.Getenv("ISMSGEN_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"home":   "index.html",
		"policy": firstDocument(t, e.site, "policy"),
		"soa":    "soa.html",
		"risks":  "risks/index.html",
	}
	ctx, m := e.tab(t)
	for _, vp := range []struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{
		{"desktop", 1280, 800, nil},
		{"375", 375, 812, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}},
	} {
		do(t, ctx, chromedp.EmulateViewport(vp.w, vp.h, vp.opts...))
		for name, p := range pages {
			img := shoot(t, ctx, e.url(p))
			file := filepath.Join(dir, name+"-"+vp.name+".png")
			if err := os.WriteFile(file, img, 0o644); err != nil {
				t.Fatal(err)
			}
			if cfg := decode(t, img); int64(cfg.Bounds().Dx()) != vp.w {
				t.Errorf("%s: %d px wide, want %d", file, cfg.Bounds().Dx(), vp.w)
			}
		}
	}
	t.Logf("screenshots of the %s site in %s", e.site.Name, dir)

	if out := os.Getenv("ISMSGEN_THEME_IMAGES"); out != "" {
		themeImages(t, ctx, e.url(pages["policy"]), out)
	}
	clean(t, m)
}

// shoot loads a page and captures the viewport.
func shoot(t *testing.T, ctx context.Context, u string) []byte {
	t.Helper()
	do(t, ctx, chromedp.Navigate(u))
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// themeImages writes screenshot.png and tn.png, each re-encoded with the best PNG
// compression (and reduced to 256 colours if that is not enough) and required to stay
// under 200 KB so they can be committed.
func themeImages(t *testing.T, ctx context.Context, u, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, im := range []struct {
		file  string
		scale float64
	}{{"screenshot.png", 1}, {"tn.png", 0.6}} {
		do(t, ctx, chromedp.EmulateViewport(1500, 1000, chromedp.EmulateScale(im.scale)))
		img := decode(t, shoot(t, ctx, u))
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if buf.Len() > 200<<10 {
			buf.Reset()
			if err := enc.Encode(&buf, paletted(img)); err != nil {
				t.Fatal(err)
			}
		}
		if buf.Len() > 200<<10 {
			t.Errorf("%s is %d KB, over the 200 KB budget", im.file, buf.Len()>>10)
		}
		if err := os.WriteFile(filepath.Join(dir, im.file), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d KB", im.file, buf.Len()>>10)
	}
}
