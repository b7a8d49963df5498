package resolve

import (
	"reflect"
	"testing"

	"github.com/ismsgen/ismsgen/generator/markdown"
	"github.com/yuin/goldmark/ast"
)

// Once most targets are forgotten the graph makes its map again, holding exactly the
// targets not forgotten: a render that forgets each page's targets ends with a map of
// the pages in flight, not of every reference of the site.
func TestForgetShrinksTheTargetsMap(t *testing.T) {
	g := &Graph{targets: map[ast.Node]Target{}}
	nodes := make([]ast.Node, 4000)
	for i := range nodes {
		nodes[i] = &markdown.Ref{ID: "X", Offset: i}
		g.targets[nodes[i]] = Target{Fragment: string(rune('a' + i%26))}
	}
	g.Attach(nil, nil) // records the high-water mark as Attach does
	before := g.targets
	for i := 0; i < 3900; i += 100 {
		g.Forget(nodes[i : i+100])
	}
	if len(g.targets) != 100 {
		t.Fatalf("%d targets left, want 100", len(g.targets))
	}
	if reflect.ValueOf(before).Pointer() == reflect.ValueOf(g.targets).Pointer() || g.targetsHigh >= 1000 {
		t.Errorf("the map was not made again (high-water mark %d)", g.targetsHigh)
	}
	for i, n := range nodes {
		tg, ok := g.Target(n)
		switch {
		case i < 3900 && ok:
			t.Fatalf("node %d forgotten but still has a target", i)
		case i >= 3900 && (!ok || tg.Fragment != string(rune('a'+i%26))):
			t.Fatalf("node %d lost its target: %v %v", i, tg, ok)
		}
	}
}
