package resolve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/synth"
)

// An edit of one document resolved with the previous graph gives the graph a full
// resolve of the same site gives: the same entities, links and backlinks in the same
// order, the same target for every reference, the same coverage, warnings and errors.
// The edits that keep what bodies resolve against reuse every other document's
// targets; the others reuse none.
func TestReusedBodiesEqualFullResolve(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, 40); err != nil {
		t.Fatal(err)
	}
	// Another document links to a heading of the one edited.
	l := load.New()
	s0 := mustLoad(t, l, dir)
	doc, other := s0.Documents[3], s0.Documents[7]
	file := filepath.Join(dir, filepath.FromSlash(doc.Path))
	appendTo(t, file, "\n## Linked heading\n\nLinked from elsewhere.\n")
	appendTo(t, filepath.Join(dir, filepath.FromSlash(other.Path)), "\nSee [the heading]("+relPath(other.Path, doc.Path)+"#linked-heading).\n")
	first := loadResolve(t, l, dir, nil, nil)
	if !first.clean {
		t.Fatalf("the site does not resolve cleanly: %v", first.Warnings)
	}
	docs := len(first.Site.Documents)
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	otherLink := "[[" + other.Meta.ID + "]]"
	cases := []struct {
		name   string
		edit   func(string) string
		reused int // documents whose targets were reused
	}{
		{"body", func(s string) string { return s + "\nAn edited paragraph.\n" }, docs - 1},
		{"title", func(s string) string { return strings.Replace(s, "\ntitle: ", "\ntitle: Edited ", 1) }, docs - 1},
		{"new reference", func(s string) string { return s + "\nSee also " + otherLink + ".\n" }, docs - 1},
		{"reference removed", func(s string) string { return s }, docs - 1},
		{"new heading", func(s string) string { return s + "\n## A heading added\n" }, 0},
		{"heading removed", func(s string) string { return s }, 0},
		// The other document's link breaks: an error, which a reuse would miss.
		{"linked heading removed", func(s string) string { return strings.Replace(s, "## Linked heading\n", "", 1) }, 0},
		{"ID changed", func(s string) string { return strings.Replace(s, "\nid: ", "\nid: X", 1) }, 0},
		{"ID back", func(s string) string { return s }, docs - 1},
	}
	prev := first
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(file, []byte(c.edit(string(orig))), 0o644); err != nil {
				t.Fatal(err)
			}
			var full *Graph
			g := loadResolve(t, l, dir, prev, &full)
			if err := sameGraph(g, full); err != nil {
				t.Fatalf("the graph resolved with the previous one differs from a full resolve: %v", err)
			}
			if g.reusedBodies != c.reused {
				t.Errorf("%d documents reused their targets, want %d", g.reusedBodies, c.reused)
			}
			if full.reusedBodies != 0 {
				t.Errorf("a resolve without a previous graph reused %d documents", full.reusedBodies)
			}
			if g.clean {
				prev = g
			}
		})
	}
}

// A graph with a broken link (links: warn) is not reused: its warnings are the
// documents' own.
func TestWarnedGraphNotReused(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, 10); err != nil {
		t.Fatal(err)
	}
	l := load.New()
	g := loadResolve(t, l, dir, nil, nil)
	d := g.Site.Documents[2]
	file := filepath.Join(dir, filepath.FromSlash(d.Path))
	b, _ := os.ReadFile(file)
	os.WriteFile(file, append(b, "\nA [broken](nowhere.md) link.\n"...), 0o644)
	warned, err := Resolve(mustLoad(t, l, dir), Options{Links: "warn", Previous: g})
	if err != nil || len(warned.Warnings) != 1 {
		t.Fatalf("want one warning, got %v, %v", warned.Warnings, err)
	}
	os.WriteFile(file, append(b, "\nAn edit.\n"...), 0o644)
	var full *Graph
	next := loadResolveOpt(t, l, dir, Options{Links: "warn", Previous: warned}, &full)
	if next.reusedBodies != 0 {
		t.Errorf("%d documents reused the targets of a graph with warnings", next.reusedBodies)
	}
	if err := sameGraph(next, full); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, file, text string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustLoad(t *testing.T, l *load.Loader, dir string) *model.Site {
	t.Helper()
	s, err := l.Load(context.Background(), dir)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// loadResolve loads dir with l and resolves it with prev as the previous graph; when
// full is not nil it is set to a full resolve of the same site.
func loadResolve(t *testing.T, l *load.Loader, dir string, prev *Graph, full **Graph) *Graph {
	t.Helper()
	return loadResolveOpt(t, l, dir, Options{Previous: prev}, full)
}

func loadResolveOpt(t *testing.T, l *load.Loader, dir string, opt Options, full **Graph) *Graph {
	t.Helper()
	site := mustLoad(t, l, dir)
	g, err := Resolve(site, opt)
	if full != nil {
		fopt := opt
		fopt.Previous = nil
		f, ferr := Resolve(site, fopt)
		if fmt.Sprint(err) != fmt.Sprint(ferr) {
			t.Fatalf("errors differ:\n with the previous graph: %v\n full: %v", err, ferr)
		}
		*full = f
	}
	if err != nil && g == nil {
		t.Fatalf("resolve: %v", err)
	}
	return g
}

// sameGraph compares two graphs of the same site, field by field: entities by their
// place in their graph, everything else by value (what both share of the site by
// identity).
func sameGraph(a, b *Graph) error {
	c := graphCompare{a: a, b: b, seen: map[[2]uintptr]bool{}}
	return c.value(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem(), "Graph")
}

type graphCompare struct {
	a, b *Graph
	seen map[[2]uintptr]bool
}

var (
	entityType = reflect.TypeOf(&Entity{})
	skipTypes  = map[reflect.Type]bool{reflect.TypeOf(sync.RWMutex{}): true, reflect.TypeOf(sync.Map{}): true}
	// skipFields are the graph's counters of its own making.
	skipFields = map[string]bool{"reusedBodies": true}
)

func (c *graphCompare) value(x, y reflect.Value, at string) error {
	if x.Type() != y.Type() {
		return fmt.Errorf("%s: types %s and %s", at, x.Type(), y.Type())
	}
	if skipTypes[x.Type()] {
		return nil
	}
	if x.Type() == entityType {
		return c.entity(x, y, at)
	}
	switch x.Kind() {
	case reflect.Pointer:
		if x.IsNil() || y.IsNil() {
			if x.IsNil() != y.IsNil() {
				return fmt.Errorf("%s: nil and not nil", at)
			}
			return nil
		}
		if x.Pointer() == y.Pointer() {
			return nil
		}
		k := [2]uintptr{x.Pointer(), y.Pointer()}
		if c.seen[k] {
			return nil
		}
		c.seen[k] = true
		return c.value(x.Elem(), y.Elem(), at)
	case reflect.Interface:
		if x.IsNil() || y.IsNil() {
			if x.IsNil() != y.IsNil() {
				return fmt.Errorf("%s: nil and not nil", at)
			}
			return nil
		}
		return c.value(x.Elem(), y.Elem(), at)
	case reflect.Struct:
		for i := range x.NumField() {
			f := x.Type().Field(i)
			if skipFields[f.Name] && x.Type() == reflect.TypeOf(Graph{}) {
				continue
			}
			if err := c.value(x.Field(i), y.Field(i), at+"."+f.Name); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice, reflect.Array:
		if x.Len() != y.Len() {
			return fmt.Errorf("%s: %d and %d elements", at, x.Len(), y.Len())
		}
		for i := range x.Len() {
			if err := c.value(x.Index(i), y.Index(i), fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if x.Len() != y.Len() {
			return fmt.Errorf("%s: %d and %d entries", at, x.Len(), y.Len())
		}
		it := x.MapRange()
		for it.Next() {
			k := it.Key()
			yk := k
			if k.Type() == entityType {
				e := (*Entity)(k.UnsafePointer())
				if !c.a.owns(e) {
					return fmt.Errorf("%s: key %s is not the graph's entity", at, e.ID)
				}
				yk = reflect.ValueOf(c.b.entities[e.index])
			}
			yv := y.MapIndex(yk)
			if !yv.IsValid() {
				return fmt.Errorf("%s: no entry for %v", at, k)
			}
			if err := c.value(it.Value(), yv, fmt.Sprintf("%s[%v]", at, k)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if x.Pointer() != y.Pointer() {
			return fmt.Errorf("%s: differ", at)
		}
		return nil
	default:
		if !x.Equal(y) {
			return fmt.Errorf("%s: %v and %v", at, x, y)
		}
		return nil
	}
}

// entity compares two entities: each must be its graph's, at the same place, with the
// same fields.
func (c *graphCompare) entity(x, y reflect.Value, at string) error {
	if x.IsNil() || y.IsNil() {
		if x.IsNil() != y.IsNil() {
			return fmt.Errorf("%s: nil and not nil", at)
		}
		return nil
	}
	e, f := (*Entity)(x.UnsafePointer()), (*Entity)(y.UnsafePointer())
	if !c.a.owns(e) || !c.b.owns(f) {
		return fmt.Errorf("%s: entity %s is not its graph's", at, e.ID)
	}
	if e.index != f.index {
		return fmt.Errorf("%s: entity %s at %d, entity %s at %d", at, e.ID, e.index, f.ID, f.index)
	}
	k := [2]uintptr{x.Pointer(), y.Pointer()}
	if c.seen[k] {
		return nil
	}
	c.seen[k] = true
	ex, fy := x.Elem(), y.Elem()
	for i := range ex.NumField() {
		if err := c.value(ex.Field(i), fy.Field(i), at+"("+e.ID+")."+ex.Type().Field(i).Name); err != nil {
			return err
		}
	}
	return nil
}

// Two documents that swap their IDs, or a file removed that an unchanged document links
// to, leave nothing to reuse: the references to those IDs, and the link to the file,
// resolve differently.
func TestChangedTargetsNotReused(t *testing.T) {
	for _, c := range []struct {
		name string
		// setup prepares the site (docs are its documents' paths, IDs their IDs);
		// edit changes it after the first resolve.
		setup, edit func(t *testing.T, dir string, docs, ids []string)
	}{
		{"IDs swapped", func(t *testing.T, dir string, docs, ids []string) {
			appendTo(t, filepath.Join(dir, docs[7]), "\nSee [["+ids[3]+"]] and [["+ids[4]+"]].\n")
		}, func(t *testing.T, dir string, docs, ids []string) {
			swap := func(i, j int) {
				file := filepath.Join(dir, docs[i])
				b, _ := os.ReadFile(file)
				if err := os.WriteFile(file, []byte(strings.Replace(string(b), "\nid: "+ids[i]+"\n", "\nid: "+ids[j]+"\n", 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			swap(3, 4)
			swap(4, 3)
		}},
		{"file removed", func(t *testing.T, dir string, docs, ids []string) {
			if err := os.WriteFile(filepath.Join(dir, "content/attached.csv"), []byte("a,b\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			appendTo(t, filepath.Join(dir, docs[7]), "\nSee [the table]("+relPath(docs[7], "content/attached.csv")+").\n")
		}, func(t *testing.T, dir string, docs, ids []string) {
			os.Remove(filepath.Join(dir, "content/attached.csv"))
			appendTo(t, filepath.Join(dir, docs[3]), "\nAn edit.\n")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := synth.Generate(dir, 20); err != nil {
				t.Fatal(err)
			}
			l := load.New()
			var docs, ids []string
			for _, d := range mustLoad(t, l, dir).Documents {
				docs, ids = append(docs, d.Path), append(ids, d.Meta.ID)
			}
			c.setup(t, dir, docs, ids)
			first := loadResolve(t, l, dir, nil, nil)
			if !first.clean {
				t.Fatalf("the site does not resolve cleanly: %v", first.Warnings)
			}
			c.edit(t, dir, docs, ids)
			var full *Graph
			g := loadResolve(t, l, dir, first, &full)
			if err := sameGraph(g, full); err != nil {
				t.Fatal(err)
			}
			if g.reusedBodies != 0 {
				t.Errorf("%d documents reused their targets", g.reusedBodies)
			}
		})
	}
}
