package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestSlugGitHub checks Slug against the anchors GitHub makes, as github-slugger's
// fixtures record them (each heading on its own, so no numbering).
func TestSlugGitHub(t *testing.T) {
	for in, want := range map[string]string{
		"alpha":                        "alpha",
		"bravoCharlieDelta":            "bravocharliedelta",
		"heading with a - dash":        "heading-with-a---dash",
		"heading with an _ underscore": "heading-with-an-_-underscore",
		"heading with a period.txt":    "heading-with-a-periodtxt",
		"exchange.bind_headers(exchange, routing [, bindCallback])": "exchangebind_headersexchange-routing--bindcallback",
		" a ":                            "-a-",
		"apostrophe’s should be trimmed": "apostrophes-should-be-trimmed",
		"I ♥ unicode":                    "i--unicode",
		"en–dash":                        "endash",
		"😄 unicode emoji":                "-unicode-emoji",
		"😄-😄 unicode emoji":              "--unicode-emoji",
		"😄_😄 unicode emoji":              "_-unicode-emoji",
		":smile: - a gemoji":             "smile---a-gemoji",
		"Привет non-latin 你好":            "привет-non-latin-你好",
		"a$ ¢ £b":                        "a--b",
		"🗃️ File Cabinet":                "\ufe0f-file-cabinet",
		"Ⓐ circled":                      "ⓐ-circled",
		"x² and ①":                       "x-and-",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func anchorsOf(t *testing.T, src string) (ids []string, anchors map[string]string) {
	t.Helper()
	doc := NewParser().Parse([]byte(src))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			ids = append(ids, HeadingAnchors(h)[0])
		}
		return ast.WalkContinue, nil
	})
	_, anchors = Outline(doc)
	return ids, anchors
}

// TestHeadingIDsInDocument: numbering across a document, headings with markup, custom
// IDs and their GitHub aliases, and emoji with variation selectors.
func TestHeadingIDsInDocument(t *testing.T) {
	src := strings.Join([]string{
		"# Echo", "## echo", "## echo 1", "## echo-1", "## Echo",
		"## Use `code` and **bold** and [a link](x.md) ![logo](l.png)",
		"## Risk acceptance {#accept}",
		"## ⚠️ Warning",
		"## 🔐 Access control",
		"## See [[POL-AC]]",
		"Setext heading\n--------------",
	}, "\n\n")
	ids, anchors := anchorsOf(t, src)
	want := []string{"echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2",
		"use-code-and-bold-and-a-link-", "accept", "\ufe0f-warning", "-access-control", "see-pol-ac", "setext-heading"}
	if strings.Join(ids, "|") != strings.Join(want, "|") {
		t.Errorf("ids:\n got %q\nwant %q", ids, want)
	}
	for alias, id := range map[string]string{
		"risk-acceptance-accept": "accept", // GitHub shows {#accept} as text
		"-warning":               "\ufe0f-warning",
		"\ufe0f-warning":         "\ufe0f-warning",
		"echo-2":                 "echo-2",
	} {
		if anchors[alias] != id {
			t.Errorf("anchor %q leads to %q, want %q", alias, anchors[alias], id)
		}
	}
	if _, ok := anchors["risk-acceptance"]; ok {
		t.Error(`"risk-acceptance" resolves, but GitHub would not make it`)
	}
	if got := CustomIDFor(NewParser().Parse([]byte(src)), "risk-acceptance"); got != "accept" {
		t.Errorf("CustomIDFor = %q", got)
	}
}
