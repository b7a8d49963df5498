package build_test

import (
	"context"
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"unsafe"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// TestRebuildLeavesEarlierSiteUnchanged: the live preview serves packs and pages from
// the last result while the next rebuild runs, and the rebuild reuses what the loader
// parsed and decoded before (documents, registers, catalogues, crosswalks). Nothing the
// rebuild does may write into what the earlier site holds: its fingerprint, which
// changes with any value written anew (a hash recomputed, a row replaced), is the same
// afterwards; and the earlier site is read through, field by field, while the rebuild
// runs, so that go test -race may also report a write of the very same value (one run in
// three caught a control's catalogue name written again).
func TestRebuildLeavesEarlierSiteUnchanged(t *testing.T) {
	t.Run("fixture", func(t *testing.T) {
		dir := fixture.Write(t, fixture.Minimal().With(fixture.Files{
			"data/controls/extra.yaml": "catalogue: extra\ncontrols: [{id: X.1, title: Extra control, theme: th}]\n",
		}))
		rebuildWhileReading(t, dir, filepath.Join(dir, "content", "policies", "is.md"))
	})
	// The example keeps every register, an catalogue of its own (data/controls/kestrel.yaml) and a crosswalk.
	t.Run("example", func(t *testing.T) {
		dir := t.TempDir()
		for _, sub := range []string{"content", "data", "evidence"} {
			if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(exampleRoot, sub))); err != nil {
				t.Fatal(err)
			}
		}
		rebuildWhileReading(t, dir, filepath.Join(dir, "content", "policies", "information-security.md"))
	})
}

// rebuildWhileReading renders the site at dir, then three times appends to the
// document at page and renders again, reading the earlier site meanwhile.
func rebuildWhileReading(t *testing.T, dir, page string) {
	opt := previewOptions(dir)
	l := load.New()
	prev, err := build.Render(context.Background(), opt(l, nil))
	if err != nil {
		t.Fatal(err)
	}
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
// order it is reached. A value's hash includes where its bytes are (a string's, a
// slice's, a pointer's target), so that writing a value equal to the old one, but made
// anew, changes the fingerprint too (the race detector sees a write only when the two
// goroutines share no synchronisation, which a runtime full of caches does not promise).
func fingerprint(s *model.Site) uint64 {
	w := walker{seen: map[[2]uintptr]bool{}}
	w.walk(reflect.ValueOf(s), "site")
	return w.sum
}

// walker reads without fmt or anything else that pools: under the race detector a
// sync.Pool orders what one goroutine put before what another gets, which would hide a
// rebuild's writes from the reads of the walk.
type walker struct {
	seen map[[2]uintptr]bool
	sum  uint64
}

func (w *walker) leaf(at, v string) {
	h := fnv.New64a()
	h.Write([]byte(at))
	h.Write([]byte{0})
	h.Write([]byte(v))
	w.sum += h.Sum64()
}

func (w *walker) walk(v reflect.Value, at string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			w.leaf(at, "nil")
			return
		}
		w.leaf(at, "@"+strconv.FormatUint(uint64(v.Pointer()), 16))
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
	case reflect.Slice:
		if v.IsNil() {
			w.leaf(at, "nil")
			return
		}
		w.leaf(at, "@"+strconv.FormatUint(uint64(v.Pointer()), 16)+"/"+strconv.Itoa(v.Len()))
		if v.Type().Elem().Kind() == reflect.Uint8 {
			w.leaf(at, string(v.Bytes()))
			return
		}
		for i := range v.Len() {
			w.walk(v.Index(i), at+"["+strconv.Itoa(i)+"]")
		}
	case reflect.Array:
		for i := range v.Len() {
			w.walk(v.Index(i), at+"["+strconv.Itoa(i)+"]")
		}
	case reflect.Map:
		if v.IsNil() {
			w.leaf(at, "nil")
			return
		}
		w.leaf(at, "@"+strconv.FormatUint(uint64(v.Pointer()), 16))
		it := v.MapRange()
		for it.Next() {
			k := new(walker)
			k.seen = map[[2]uintptr]bool{}
			k.walk(it.Key(), "key")
			w.walk(it.Value(), at+"["+strconv.FormatUint(k.sum, 16)+"]")
		}
	case reflect.String:
		str := v.String()
		w.leaf(at, str+"@"+strconv.FormatUint(uint64(uintptr(unsafe.Pointer(unsafe.StringData(str)))), 16))
	case reflect.Bool:
		w.leaf(at, strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.leaf(at, strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.leaf(at, strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		w.leaf(at, strconv.FormatFloat(v.Float(), 'g', -1, 64))
	}
}
