package versions

import (
	"slices"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/site"
	"github.com/ismsgen/ismsgen/internal/fixture/isms"
)

// TestEveryRegisterChanges: for every register whose rows are entities, "what changed"
// lists a change of a tracked field with its old and new value, a row added and a row
// removed, under the register's section, and nothing for an unchanged register.
func TestEveryRegisterChanges(t *testing.T) {
	samples := isms.RowSamples()
	base := isms.New(t).WithEveryRegister(t)
	old := takeSnapshot(base.Resolve(t))
	if c := diff(&side{snap: old}, side{snap: old}); len(c.Registers) != 0 {
		t.Fatalf("a version compared with itself lists %+v", c.Registers)
	}
	for _, reg := range model.Registers() {
		if reg.Row == nil {
			continue
		}
		t.Run(reg.Name, func(t *testing.T) {
			sample := samples[reg.Name]
			if !slices.Contains(reg.Tracked, sample.Field) {
				t.Fatalf("the sample changes %q, which %s does not track (%v)", sample.Field, reg.Name, reg.Tracked)
			}
			s := isms.New(t).WithEveryRegister(t)
			s.Edit(t, reg.File, sample.Old, sample.New)
			cur := takeSnapshot(s.Resolve(t))
			c := diff(&side{snap: old, root: "versions/v1/"}, side{snap: cur})
			ch := changesOf(t, c, reg.Name)
			want := site.FieldChange{Field: sample.Field, Old: sample.Was, New: sample.Is}
			if ch == nil || ch.Section != reg.Section || len(ch.Changed) != 1 || ch.Changed[0].ID != sample.IDs[0] ||
				!slices.Contains(ch.Changed[0].Fields, want) || len(ch.Added)+len(ch.Removed) != 0 {
				t.Errorf("changed %s: got %+v, want %s with %+v", reg.Name, ch, sample.IDs[0], want)
			}
			// The other direction: the row was removed from the new version and added to
			// the old one, as seen from each.
			gone := takeSnapshot(base.Resolve(t)).without(map[string]bool{reg.Name + "\x00" + sample.IDs[0]: true})
			c = diff(&side{snap: old, root: "versions/v1/"}, side{snap: gone})
			if ch := changesOf(t, c, reg.Name); ch == nil || len(ch.Removed) != 1 || ch.Removed[0].ID != sample.IDs[0] ||
				ch.Removed[0].Path != "versions/v1/"+reg.Row.Dir+"/"+sample.IDs[0]+".html" {
				t.Errorf("removed %s: got %+v", sample.IDs[0], ch)
			}
			c = diff(&side{snap: gone, root: "versions/v1/"}, side{snap: old})
			if ch := changesOf(t, c, reg.Name); ch == nil || len(ch.Added) != 1 || ch.Added[0].ID != sample.IDs[0] || len(ch.Added[0].Fields) == 0 {
				t.Errorf("added %s: got %+v", sample.IDs[0], ch)
			}
		})
	}
}

// changesOf returns the changes a comparison lists for a register, failing the test
// when another register is listed.
func changesOf(t *testing.T, c *site.Comparison, name string) *site.RegisterChanges {
	t.Helper()
	var out *site.RegisterChanges
	for i := range c.Registers {
		if c.Registers[i].Name != name {
			t.Errorf("%s changed too: %+v", c.Registers[i].Name, c.Registers[i])
			continue
		}
		out = &c.Registers[i]
	}
	return out
}
