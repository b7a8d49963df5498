package sign

import (
	"bytes"
	"testing"
	"time"
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
	d := v.(*pdfDict)
	checks := map[pdfName]string{
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
		if err := writeObject(&buf, val); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%s = %s, want %s", key, buf.String(), want)
		}
	}
	// Writing and re-reading gives the same text: nothing is lost in a round trip.
	var once, twice bytes.Buffer
	writeObject(&once, d)
	again, err := (&parser{b: once.Bytes()}).value(0)
	if err != nil {
		t.Fatal(err)
	}
	writeObject(&twice, again)
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

func TestTextString(t *testing.T) {
	var buf bytes.Buffer
	writeString(&buf, textString("Kraków €"))
	if got, want := buf.String(), "<FEFF004B00720061006B00F30077002020AC>"; got != want {
		t.Errorf("textString = %s, want %s", got, want)
	}
	buf.Reset()
	writeString(&buf, textString("a (b) \\"))
	if got, want := buf.String(), `(a \(b\) \\)`; got != want {
		t.Errorf("textString = %s, want %s", got, want)
	}
}

func TestParsePDFDate(t *testing.T) {
	cet := time.FixedZone("", 3600+30*60)
	for in, want := range map[string]time.Time{
		"D:20250314150926+00'00'": time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC),
		"D:20250314150926Z":       time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC),
		"D:20250314150926+01'30'": time.Date(2025, 3, 14, 15, 9, 26, 0, cet),
		"D:2025":                  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		"20250314":                time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC),
	} {
		got, err := parsePDFDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("%s: %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "D:20", "D:2025031", "D:20251399", "D:20250314x"} {
		if _, err := parsePDFDate(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := pdfDate(time.Date(2025, 3, 14, 16, 9, 26, 0, time.FixedZone("", 3600))); got != "D:20250314150926+00'00'" {
		t.Errorf("pdfDate = %s", got)
	}
}

func TestContentsInGap(t *testing.T) {
	doc := []byte("<</Contents <3082> /M (x)>>")
	from := bytes.Index(doc, []byte("<3082>"))
	if got, ok := contentsInGap(doc, from, from+6); !ok || !bytes.Equal(got, []byte{0x30, 0x82}) {
		t.Errorf("exact gap: %x %v", got, ok)
	}
	for _, r := range [][2]int{{from, from + 9}, {from - 1, from + 6}, {from + 1, from + 5}} {
		if _, ok := contentsInGap(doc, r[0], r[1]); ok {
			t.Errorf("gap %v accepted", r)
		}
	}
	other := []byte("<</Other <3082>>>")
	at := bytes.Index(other, []byte("<3082>"))
	if _, ok := contentsInGap(other, at, at+6); ok {
		t.Error("a hex string that is not /Contents accepted")
	}
}
