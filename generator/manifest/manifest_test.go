package manifest

import (
	"reflect"
	"testing"
)

func TestCompareNamesChangedAddedMissing(t *testing.T) {
	files := map[string][]byte{"a.md": []byte("a"), "b.md": []byte("b"), "c.md": []byte("c")}
	m := &Manifest{Sources: Sources([]string{"a.md", "b.md", "c.md", "a.md", "not-there"}, files)}
	if len(m.Sources) != 3 {
		t.Fatalf("sources = %+v", m.Sources)
	}
	back, err := Parse(m.JSON())
	if err != nil || !reflect.DeepEqual(back, m) {
		t.Fatalf("round trip: %v %+v", err, back)
	}
	now := map[string][]byte{"a.md": []byte("a"), "b.md": []byte("B"), "d.md": []byte("d")}
	d := m.Compare([]string{"a.md", "b.md", "d.md"}, now)
	want := Diff{Changed: []string{"b.md"}, Added: []string{"d.md"}, Missing: []string{"c.md"}}
	if !reflect.DeepEqual(d, want) {
		t.Fatalf("diff = %+v, want %+v", d, want)
	}
	if d.Empty() || !m.Compare([]string{"a.md", "b.md", "c.md"}, files).Empty() {
		t.Fatal("Empty wrong")
	}
}
