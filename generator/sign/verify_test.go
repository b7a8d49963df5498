package sign

import (
	"bytes"
	"testing"
	"time"
)

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
