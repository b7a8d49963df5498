package build_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestRebuildLeavesEarlierSiteUnchanged: the live preview serves packs and pages from
// the last result while the next rebuild runs, and the rebuild reuses what the loader
// parsed and decoded before (documents, registers, catalogues, crosswalks). Nothing the
// rebuild does may write into what the earlier site holds: the earlier site is read
// through, field by field, while the rebuild runs (go test -race reports any write the
// rebuild makes to it) and its fingerprint is the same afterwards.
func TestRebuildLeavesEarlierSiteUnchanged(t *testing.T) {
	dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
		"data/controls/extra.yaml": "catalogue: extra\ncontrols: [{id: X.1, title: Extra control, theme: th}]\n",
	}))
	opt := previewOptions(dir)
	l := load.New()
	prev, err := build.Render(context.Background(), opt(l, nil))
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "content", "policies", "is.md")
	for i := range 3 {
		before := fingerprint(prev.Graph.Site)
		body, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(page, append(body, "\nEdit.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		l.Changed(dir, []string{page}, false)
		type result struct {
			res *build.Result
			err error
		}
		done := make(chan result, 1)
		go func() {
			res, err := build.Render(context.Background(), opt(l, prev))
			done <- result{res, err}
		}()
		// Read the earlier site through until the rebuild is done, so the two overlap.
		var r result
		for reading := true; reading; {
			fingerprint(prev.Graph.Site)
			select {
			case r = <-done:
				reading = false
			default:
			}
		}
		if r.err != nil {
			t.Fatalf("rebuild %d: %v", i, r.err)
		}
		if after := fingerprint(prev.Graph.Site); after != before {
			t.Fatalf("rebuild %d changed the earlier site", i)
		}
		prev = r.res
	}
}

// fingerprint reads every field reachable from the site and sums a hash of each value
// with where it sits in the object that holds it: each object counts once, in whatever
// order it is reached, so two sites with equal contents have equal fingerprints.
func fingerprint(s *model.Site) uint64 {
	w := walker{seen: map[[2]uintptr]bool{}}
	w.walk(reflect.ValueOf(s), "site")
	return w.sum
}

type walker struct {
	seen map[[2]uintptr]bool
	sum  uint64
}

func (w *walker) leaf(at string, v any) {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s=%v", at, v)
	w.sum += h.Sum64()
}

func (w *walker) walk(v reflect.Value, at string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			w.leaf(at, "nil")
			return
		}
		key := [2]uintptr{v.Pointer(), uintptr(v.Type().Elem().Size())}
		if w.seen[key] {
			return
		}
		w.seen[key] = true
		w.walk(v.Elem(), v.Type().Elem().String())
	case reflect.Interface:
		if v.IsNil() {
			w.leaf(at, "nil")
			return
		}
		w.walk(v.Elem(), at+"."+v.Elem().Type().String())
	case reflect.Struct:
		if pkg := v.Type().PkgPath(); pkg == "sync" || pkg == "sync/atomic" {
			return // a lock's state belongs to whoever holds it
		}
		for i := range v.NumField() {
			w.walk(v.Field(i), at+"."+v.Type().Field(i).Name)
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			w.leaf(at, "nil")
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			w.leaf(at, string(v.Bytes()))
			return
		}
		for i := range v.Len() {
			w.walk(v.Index(i), fmt.Sprintf("%s[%d]", at, i))
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			w.walk(it.Value(), fmt.Sprintf("%s[%v]", at, it.Key()))
		}
	case reflect.String:
		w.leaf(at, v.String())
	case reflect.Bool:
		w.leaf(at, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.leaf(at, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.leaf(at, v.Uint())
	case reflect.Float32, reflect.Float64:
		w.leaf(at, v.Float())
	}
}
