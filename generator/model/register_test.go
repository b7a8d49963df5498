package model

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestRegisterTable checks the register table's own consistency: names, files, pages
// and row directories are unique, every register can be found by name, and what a
// register tracks in "what changed" is one of its columns.
func TestRegisterTable(t *testing.T) {
	seen := map[string]string{}
	unique := func(what, v, reg string) {
		t.Helper()
		if v == "" {
			return
		}
		if other, ok := seen[what+v]; ok {
			t.Errorf("%s %q of register %s is also %s's", what, v, reg, other)
		}
		seen[what+v] = reg
	}
	ctx := TableContext{Site: &Site{}}
	for _, r := range Registers() {
		if r.Name == "" || r.File == "" || r.ID == "" || r.Page == "" || r.Layout == "" || r.Data == nil {
			t.Errorf("register %+v lacks a name, file, ID, page, layout or data", r)
		}
		unique("name", r.Name, r.Name)
		if r.Fields != nil && r.Columns != nil {
			cols := map[string]bool{}
			for _, c := range r.Columns(ctx) {
				cols[c.Name] = true
			}
			for _, f := range r.Fields() {
				if !cols[f.Column] {
					t.Errorf("register %s: field %s is not a column of its export, so an export cannot be imported back", r.Name, f.Column)
				}
			}
		}
		if !hasYAMLField(r.Data(&Site{}), r.Key) {
			t.Errorf("register %s: its data has no field with yaml key %q (Key)", r.Name, r.Key)
		}
		unique("file", r.File, r.Name)
		unique("id", r.ID, r.Name)
		unique("page", r.Page, r.Name)
		unique("artefact", r.Artefact, r.Name)
		if got := RegisterNamed(r.Name); got == nil || got.Name != r.Name {
			t.Errorf("RegisterNamed(%q) does not find it", r.Name)
		}
		if r.Row != nil {
			unique("dir", r.Row.Dir, r.Name)
			unique("kind", r.Row.Kind, r.Name)
			if r.Columns == nil {
				t.Errorf("register %s has rows of their own but no columns", r.Name)
			}
		}
		var names []string
		if r.Columns != nil {
			for _, c := range r.Columns(ctx) {
				if slices.Contains(names, c.Name) {
					t.Errorf("register %s has two columns %q", r.Name, c.Name)
				}
				names = append(names, c.Name)
			}
		}
		for _, tr := range r.Tracked {
			if !slices.Contains(names, tr) {
				t.Errorf("register %s tracks %q, which is not one of its columns %v", r.Name, tr, names)
			}
		}
	}
	if RegisterNamed("no-such-register") != nil {
		t.Error("RegisterNamed found a register that does not exist")
	}
}

// hasYAMLField reports whether the struct v points at has a field whose yaml key is key.
func hasYAMLField(v any, key string) bool {
	t := reflect.TypeOf(v).Elem()
	for i := 0; i < t.NumField(); i++ {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name == key && key != "" {
			return true
		}
	}
	return false
}
