package markdown

import (
	"bytes"
	"slices"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestStandInsKeepNoSource: a stand-in's link destination and title, and a raw HTML
// element's tags, are copies, not slices of the body: a one-shot render drops each body
// (and its file's bytes) after its page while the stand-ins stay in the graph.
func TestStandInsKeepNoSource(t *testing.T) {
	src := []byte("See [the policy](policies/access.md \"Access\"), ![a chart](chart.png \"Chart\"),\n" +
		"<a href=\"records/log.md\">the log</a> and [[POL-01]].\n")
	refs, _ := Outline(NewParser().Parse(src))
	ins := StandIns(refs, src)
	type seen struct{ kind, dest, title, raw string }
	read := func() []seen {
		var out []seen
		for _, n := range ins {
			switch n := n.(type) {
			case *ast.Link:
				out = append(out, seen{"link", string(n.Destination), string(n.Title), ""})
			case *ast.Image:
				out = append(out, seen{"image", string(n.Destination), string(n.Title), ""})
			case *HTMLElement:
				out = append(out, seen{"html", "", "", string(n.Raw) + string(n.RawEnd)})
			}
		}
		return out
	}
	before := read()
	if len(before) != 3 {
		t.Fatalf("stand-ins of a link, an image and an <a>: got %+v", before)
	}
	for _, s := range before {
		if s.dest == "" && s.raw == "" {
			t.Fatalf("a stand-in with nothing to compare: %+v", before)
		}
	}
	copy(src, bytes.Repeat([]byte("#"), len(src))) // the body's buffer, reused or gone
	if after := read(); !slices.Equal(before, after) {
		t.Errorf("stand-ins changed with the body's bytes:\nbefore %+v\nafter  %+v", before, after)
	}
}
