package manifest

import (
	"bytes"
	"reflect"
	"strings"
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

func TestParseIsStrict(t *testing.T) {
	good := `{"generator":"g","pack":"p","title":"t","build_date":"2026-01-01","sources":[{"path":"a","size":1,"sha256":"` + Hash([]byte("a")) + `"}]}`
	if _, err := Parse([]byte(good)); err != nil {
		t.Fatalf("good manifest: %v", err)
	}
	for name, bad := range map[string]string{
		"trailing data":  good + `{"pack":"other"}`,
		"unknown field":  strings.Replace(good, `"pack"`, `"evil":1,"pack"`, 1),
		"listed twice":   strings.Replace(good, `}]}`, `},{"path":"a","size":1,"sha256":"`+Hash([]byte("a"))+`"}]}`, 1),
		"bad hash":       strings.Replace(good, Hash([]byte("a")), "xyz", 1),
		"upper-case hex": strings.Replace(good, Hash([]byte("a")), strings.ToUpper(Hash([]byte("a"))), 1),
		"negative size":  strings.Replace(good, `"size":1`, `"size":-1`, 1),
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// FuzzParse: a manifest that parses survives a round trip unchanged.
func FuzzParse(f *testing.F) {
	m := &Manifest{Generator: "ismsgen", Pack: "stage1", Title: "Stage 1", BuildDate: "2026-11-22",
		Sources: Sources([]string{"a.md", "b.yaml"}, map[string][]byte{"a.md": []byte("a"), "b.yaml": []byte("b")})}
	f.Add(m.JSON())
	f.Add([]byte(`{"sources":[]} x`))
	f.Add([]byte(`{"sources":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		again, err := Parse(m.JSON())
		if err != nil || !bytes.Equal(again.JSON(), m.JSON()) {
			t.Errorf("round trip: %v\n%s\n%s", err, m.JSON(), again.JSON())
		}
	})
}
