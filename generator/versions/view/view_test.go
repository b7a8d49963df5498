package view

import (
	"strings"
	"testing"
)

// TestNilSafe: templates call these on .Site.Versions, which is nil when git is not
// used.
func TestNilSafe(t *testing.T) {
	var v *Versions
	if v.Slot() != "" || v.Nav("index.html") != nil || v.LastChange("index.html") != nil || v.Pages() != nil || v.Fingerprint() != "" {
		t.Error("nil Versions is not empty")
	}
}

func TestSlotOnlyWhileDeferred(t *testing.T) {
	if (&Versions{}).Slot() != "" {
		t.Error("slot outside a versioned render")
	}
	if got := (&Versions{Deferred: true}).Slot(); string(got) != SlotMarker {
		t.Errorf("slot %q", got)
	}
}

func TestFingerprint(t *testing.T) {
	a := &Versions{Changed: map[string]*Change{"a.html": {Short: "abc"}, "b.html": {Short: "def"}}}
	b := &Versions{Changed: map[string]*Change{"b.html": {Short: "def"}, "a.html": {Short: "abc"}}}
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("the same data gives different fingerprints")
	}
	b.Changed["a.html"].Short = "abd"
	if a.Fingerprint() == b.Fingerprint() || !strings.ContainsAny(a.Fingerprint(), "0123456789abcdef") {
		t.Error("different data gives the same fingerprint")
	}
}
