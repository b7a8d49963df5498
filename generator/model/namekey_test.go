package model

import "testing"

// TestNameKeyAgreesWithSameName: sets keyed by NameKey find exactly the names SameName
// calls the same.
func TestNameKeyAgreesWithSameName(t *testing.T) {
	names := []string{"Ana Ruiz", "ana  ruiz", " ANA RUIZ ", "Ana Ruíz", "Anaruiz", "\u212aim Lee", "kim lee", "KIM LEE", "Kim-Lee", "ß", "ẞ", "ss", "", "  "}
	for _, a := range names {
		for _, b := range names {
			if same, keys := SameName(a, b), NameKey(a) == NameKey(b); same != keys {
				t.Errorf("%q vs %q: SameName %v, NameKey equal %v", a, b, same, keys)
			}
		}
	}
}
