package site

import (
	"strings"
	"testing"
)

func TestWrapHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Needed for contracts.", "Needed for contracts."},
		{"a <b> & c", "a &lt;b&gt; &amp; c"},
		{"see https://intranet.example.com/isms/soa now",
			"see https:/<wbr>/<wbr>intranet.<wbr>example.<wbr>com/<wbr>isms/<wbr>soa now"},
		{strings.Repeat("x", 50), strings.Repeat("x", 24) + "<wbr>" + strings.Repeat("x", 24) + "<wbr>xx"},
		{"MAN-CONTEXT 2026-02-16 v1.2", "MAN-CONTEXT 2026-02-16 v1.2"}, // IDs, dates and versions keep whole
	} {
		if got := string(wrapHTML(tc.in)); got != tc.want {
			t.Errorf("wrapHTML(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if got := strings.ReplaceAll(string(wrapHTML(tc.in)), "<wbr>", ""); !strings.Contains(tc.want, "&") && got != tc.in {
			t.Errorf("wrapHTML(%q) changes the text: %q", tc.in, got)
		}
	}
}

// A date is written once (<time> reads its text), a version without a break
// opportunity needs no nowrap span; others keep theirs.
func TestAtomsWrittenOnce(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{string(dateHTML("2026-02-03")), "<time>2026-02-03</time>"},
		{string(dateHTML("2026-02")), `<time datetime="2026-02">2026-02</time>`},
		{string(dateHTML("")), ""},
		{string(nowrapHTML("1.2")), "1.2"},
		{string(nowrapHTML("v10")), "v10"},
		{string(nowrapHTML("1.2-rc1")), `<span class="nowrap">1.2-rc1</span>`},
		{string(nowrapHTML("2 draft")), `<span class="nowrap">2 draft</span>`},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
