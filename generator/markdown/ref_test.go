package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// refs returns the references parsed from src.
func refs(t testing.TB, src []byte) []*Ref {
	var out []*Ref
	ast.Walk(NewParser().Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*Ref); ok && entering {
			out = append(out, r)
		}
		return ast.WalkContinue, nil
	})
	return out
}

func TestRefs(t *testing.T) {
	src := []byte("See [[POL-AC]] and [[A.5.15|access control]], not `[[CODE]]`, [[ bad id ]] or [[]].\n\n    [[BLOCK]]\n")
	got := refs(t, src)
	if len(got) != 2 || got[0].ID != "POL-AC" || got[1].ID != "A.5.15" || got[1].Label != "access control" {
		t.Fatalf("refs = %+v", got)
	}
	if !bytes.HasPrefix(src[got[0].Offset:], []byte("[[POL-AC]]")) {
		t.Errorf("offset %d points at %q", got[0].Offset, src[got[0].Offset:])
	}
}

// FuzzRefParser: whatever the Markdown, every reference has an ID without spaces and its
// offset points at the "[[" that opens it.
func FuzzRefParser(f *testing.F) {
	for _, s := range []string{
		"[[POL-AC]]", "[[A.5.15|label]]", "[[x|]]", "[[|x]]", "[[[x]]]", "`[[x]]`", "> [[x]]\n> - [[y]]",
		"| a | [[R-1]] |\n|---|---|\n| [[A.5.1]] | b |\n", "[![x]([[y]])]([[z]])", "[^1]: [[F]]\n\nx[^1]",
		"<a href=\"[[x]]\">[[y]]</a>", "[[é|ü]]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, r := range refs(t, src) {
			if r.ID == "" || strings.ContainsAny(r.ID, " \t\n[]") {
				t.Errorf("reference with ID %q", r.ID)
			}
			if r.Offset < 0 || r.Offset+2 > len(src) || string(src[r.Offset:r.Offset+2]) != "[[" {
				t.Errorf("reference %q at offset %d, which does not open with [[", r.ID, r.Offset)
			}
		}
	})
}
