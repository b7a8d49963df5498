package themes_test

import (
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/themes"
)

// textPairs are the text colour / background pairs the default theme's stylesheet
// uses (custom property names without "--"). WCAG 2 AA asks 4.5:1 for body text.
var textPairs = [][2]string{
	{"fg", "bg"}, {"muted", "bg"}, {"accent", "bg"},
	{"fg", "side-bg"}, {"muted", "side-bg"}, {"accent", "side-bg"}, // sidebar, table heads
	{"fg", "code-bg"}, {"accent", "accent-bg"}, {"fg", "accent-bg"}, // code, current page, hovered result
	{"ok", "ok-bg"}, {"warn", "warn-bg"}, {"bad", "bad-bg"}, {"draft", "draft-bg"}, // badges, banners
	{"fg", "warn-bg"},                      // <mark> in search snippets
	{"fg", "bad-bg"}, {"accent", "bad-bg"}, // overdue and missing rows, and their links
	{"fg", "band-low"}, {"fg", "band-medium"}, {"fg", "band-high"}, {"fg", "band-critical"}, // heat map counts and risk links
}

// TestTextContrast computes the contrast ratio of every text colour pair from the
// custom properties of style.css, in the light scheme and in the dark one.
func TestTextContrast(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "static/css/style.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark := schemes(t, string(css))
	for name, vars := range map[string]map[string]string{"light": light, "dark": dark} {
		for _, p := range textPairs {
			fg, bg := vars[p[0]], vars[p[1]]
			if fg == "" || bg == "" {
				t.Errorf("%s scheme: --%s or --%s is not defined", name, p[0], p[1])
				continue
			}
			r := contrast(t, fg, bg)
			if r < 4.5 {
				t.Errorf("%s scheme: --%s %s on --%s %s has contrast %.2f:1, want at least 4.5:1", name, p[0], fg, p[1], bg, r)
			}
		}
	}
}

var customProp = regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})\b`)

// schemes returns the custom properties of the first :root block (light) and those of
// the :root block inside @media (prefers-color-scheme: dark) laid over them.
func schemes(t *testing.T, css string) (light, dark map[string]string) {
	t.Helper()
	block := func(from string) string {
		i := strings.Index(css, from)
		if i < 0 {
			t.Fatalf("style.css has no %q", from)
		}
		rest := css[i:]
		open := strings.Index(rest, "{")
		if from != ":root" {
			// Skip the @media brace to the :root block inside it.
			rest = rest[open+1:]
			open = strings.Index(rest, "{")
		}
		end := strings.Index(rest, "}")
		return rest[open+1 : end]
	}
	light = map[string]string{}
	for _, m := range customProp.FindAllStringSubmatch(block(":root"), -1) {
		light[m[1]] = m[2]
	}
	dark = map[string]string{}
	for k, v := range light {
		dark[k] = v
	}
	for _, m := range customProp.FindAllStringSubmatch(block("@media (prefers-color-scheme: dark)"), -1) {
		dark[m[1]] = m[2]
	}
	return light, dark
}

// contrast is the WCAG 2 contrast ratio of two sRGB colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(t *testing.T, hex string) float64 {
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

// The formula itself, on the examples of WCAG's understanding document.
func TestContrastFormula(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#ffffff", "#ffffff", 1}, {"#767676", "#ffffff", 4.54}} {
		if got := contrast(t, c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}
