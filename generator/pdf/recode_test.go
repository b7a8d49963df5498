package pdf

import (
	"bytes"
	"strings"
	"testing"
)

// recodeContent follows the font through Tf and q/Q, and rewrites only the strings
// shown with a recoded font, literal (with escapes) or hex, in Tj, TJ, ' and ".
func TestRecodeContentFollowsTheFont(t *testing.T) {
	upper := func(s []byte) []byte { return bytes.ToUpper(s) }
	in := strings.Join([]string{
		"BT /F1 10 Tf (ab\\(c\\)) Tj ET",
		"q BT /F2 9 Tf (ab) Tj ET Q",
		"BT <6162> Tj [(x) -20 (y\\051)] TJ ET",
		"q /F2 8 Tf Q BT (z\\\\) ' 1 2 (w) \" ET",
		"BT /F2 8 Tf (keep) Tj ET % (comment) Tj",
	}, "\n")
	want := strings.Join([]string{
		"BT /F1 10 Tf <4142284329> Tj ET",
		"q BT /F2 9 Tf (ab) Tj ET Q",
		"BT <4142> Tj [<58> -20 <5929>] TJ ET",
		"q /F2 8 Tf Q BT <5a5c> ' 1 2 <57> \" ET",
		"BT /F2 8 Tf (keep) Tj ET % (comment) Tj",
	}, "\n")
	got, err := recodeContent([]byte(in), map[string]func([]byte) []byte{"F1": upper})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := recodeContent([]byte("BT /F1 1 Tf (open Tj"), map[string]func([]byte) []byte{"F1": upper}); err == nil {
		t.Error("an unterminated string is not an error")
	}
}

// RecodeText finds the fonts by their resource names and rewrites every page's content.
func TestRecodeTextByResourceName(t *testing.T) {
	f := &File{objs: map[int][]byte{}}
	f.Set(1, []byte("<</Type /Catalog /Pages 2 0 R>>"))
	f.Set(2, []byte("<</Type /Pages /Kids [3 0 R] /Count 1>>"))
	f.Set(3, []byte("<</Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R>>"))
	f.Set(4, []byte("<</Length 24>>\nstream\nBT /Fa 1 Tf <0041> Tj ET\nendstream"))
	f.Set(5, []byte("<</Font <</Fa 6 0 R /Fb 7 0 R>> >>"))
	half := func(s []byte) []byte { return s[1:] }
	if err := f.RecodeText(map[int]func([]byte) []byte{6: half}); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.streamData(4); string(got) != "BT /Fa 1 Tf <41> Tj ET" {
		t.Errorf("content: %q", got)
	}
}
