package pdf

import (
	"bytes"
	"testing"
)

func TestParseValues(t *testing.T) {
	src := `<</Type /Page /N#20ame 1 0 R /Num -3.5 /Int 42 /Arr [1 2 R 3 0 R (a\)b) <48 49>]
/Lit (nested (paren) \\ \101\n and
line) /Empty () /Bool true /Nil null % comment
/Sub <</K /V>>>>`
	p := &parser{b: []byte(src)}
	v, err := p.value(0)
	if err != nil {
		t.Fatal(err)
	}
	d := v.(*Dict)
	checks := map[Name]string{
		"Type": "/Page", "N ame": "1 0 R", "Num": "-3.5", "Int": "42",
		"Arr":   "[1 2 R 3 0 R (a\\)b) (HI)]",
		"Lit":   "<6E65737465642028706172656E29205C20410A20616E640A6C696E65>", // "nested (paren) \\ A\n and\nline"
		"Empty": "()", "Bool": "true", "Nil": "null", "Sub": "<</K /V>>",
	}
	for key, want := range checks {
		val, ok := d.Get(key)
		if !ok {
			t.Errorf("%s missing", key)
			continue
		}
		var buf bytes.Buffer
		if err := WriteObject(&buf, val); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%s = %s, want %s", key, buf.String(), want)
		}
	}
	// Writing and re-reading gives the same text: nothing is lost in a round trip.
	var once, twice bytes.Buffer
	WriteObject(&once, d)
	again, err := (&parser{b: once.Bytes()}).value(0)
	if err != nil {
		t.Fatal(err)
	}
	WriteObject(&twice, again)
	if once.String() != twice.String() {
		t.Errorf("round trip differs:\n%s\n%s", once.String(), twice.String())
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"<</A", "(unterminated", "<4G>", "<</A 1 /B>>", "[1 2", "<<1 2>>", ")",
		string(bytes.Repeat([]byte("["), 100))} {
		if _, err := (&parser{b: []byte(src)}).value(0); err == nil {
			t.Errorf("%q parsed without error", src)
		}
	}
}

func TestText(t *testing.T) {
	var buf bytes.Buffer
	WriteString(&buf, Text("Kraków €"))
	if got, want := buf.String(), "<FEFF004B00720061006B00F30077002020AC>"; got != want {
		t.Errorf("Text = %s, want %s", got, want)
	}
	buf.Reset()
	WriteString(&buf, Text("a (b) \\"))
	if got, want := buf.String(), `(a \(b\) \\)`; got != want {
		t.Errorf("Text = %s, want %s", got, want)
	}
}
