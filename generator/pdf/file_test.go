package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
	"time"
)

// tiny writes a one-page PDF as fpdf lays files out: objects, one classic xref table.
func tiny(content []byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	_, _ = w.Write(content)
	_ = w.Close()
	objs := []string{
		"<</Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 200]>>",
		"<</ProcSet [/PDF]>>",
		"<</Type /Page /Parent 1 0 R /Resources 2 0 R /Contents 4 0 R /Annots [<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /Border [0 0 0] /Dest [3 0 R /XYZ 0 0 null]>>]>>",
		fmt.Sprintf("<</Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
		"<</Producer (x)>>",
		"<</Type /Catalog /Pages 1 0 R>>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.3\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root 6 0 R\n/Info 5 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func TestReadRewriteIsDeterministicAndCompresses(t *testing.T) {
	content := bytes.Repeat([]byte("BT /F1 12 Tf 10 10 Td (hello) Tj ET\n"), 200)
	in := tiny(content)
	f, err := Read(in)
	if err != nil {
		t.Fatal(err)
	}
	if f.Root != 6 || f.Info != 5 || len(f.Numbers()) != 6 {
		t.Fatalf("root %d info %d objects %v", f.Root, f.Info, f.Numbers())
	}
	if err := f.MakePDFA3B(Archive{Title: "T 🔐", Author: "Org", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	a, b := f.Bytes(), f.Bytes()
	if !bytes.Equal(a, b) {
		t.Error("two writes differ")
	}
	g, err := Read(a)
	if err != nil {
		t.Fatalf("re-read: %v", err)
	}
	if !bytes.Contains(g.Object(4), []byte("stream\n")) || len(g.Object(4)) > len(f.Object(4)) {
		t.Error("content stream lost or grew")
	}
	if !bytes.Contains(g.Object(3), []byte("/Annots [<</Subtype/Link/F 4/Rect[0 0 10 10]/Border[0 0 0]/Dest[3 0 R/XYZ 0 0 null]>>]")) {
		t.Errorf("link without print flag: %s", g.Object(3))
	}
	if !strings.HasPrefix(string(a), "%PDF-1.7\n") || !bytes.Contains(g.Object(g.Info), []byte("/Title <FEFF00540020D83DDD10>")) {
		t.Errorf("header or info: %.20q %s", a, g.Object(g.Info))
	}
	if _, err := Read(append(a, []byte("1 0 obj\n<<>>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 6 0 R /Prev 9 >>\nstartxref\n"+fmt.Sprint(len(a)+20)+"\n%%EOF\n")...)); err == nil {
		t.Error("an incremental update was read")
	}
}

func TestTextString(t *testing.T) {
	if got := TextString("a🔐"); got != "<FEFF0061D83DDD10>" {
		t.Errorf("TextString = %s", got)
	}
}

func TestCompactBytesRoundTrip(t *testing.T) {
	f, err := Read(tiny([]byte("BT /F1 12 Tf 10 10 Td (hi) Tj ET")))
	if err != nil {
		t.Fatal(err)
	}
	a := f.CompactBytes()
	if !bytes.Equal(a, f.CompactBytes()) || !bytes.Contains(a, []byte("/Type /ObjStm")) || !bytes.Contains(a, []byte("/Type /XRef")) {
		t.Fatal("not a reproducible file with object and cross-reference streams")
	}
	g, err := Read(a)
	if err != nil {
		t.Fatalf("re-read: %v", err)
	}
	if g.Root != f.Root || g.Info != f.Info {
		t.Errorf("root %d info %d, want %d %d", g.Root, g.Info, f.Root, f.Info)
	}
	for _, n := range f.Numbers() {
		if _, _, stream := streamParts(f.Object(n)); !stream && !bytes.Equal(g.Object(n), f.Object(n)) {
			t.Errorf("object %d: %q, want %q", n, g.Object(n), f.Object(n))
		}
	}
	if _, _, ok := streamParts(g.Object(4)); !ok {
		t.Errorf("content stream lost: %q", g.Object(4))
	}
}

// TestFileDict checks that File.Dict parses an object's dictionary, a stream's too, and
// refuses what is not one.
func TestFileDict(t *testing.T) {
	f := &File{objs: map[int][]byte{}}
	f.Set(1, []byte("<</Type /Font /Subtype /Type0 /BaseFont /utf8f2 /DescendantFonts [4 0 R]>>"))
	f.Set(2, []byte("<</Length 3>>\nstream\nabc\nendstream"))
	f.Set(3, []byte("[1 2 3]"))
	d, err := f.Dict(1)
	if err != nil {
		t.Fatal(err)
	}
	if Lookup(d, "BaseFont") != Name("utf8f2") || !SameValue(Lookup(d, "DescendantFonts"), Array{Ref{4, 0}}) {
		t.Errorf("object 1 read as %+v", d.Entries())
	}
	if d, err := f.Dict(2); err != nil || Lookup(d, "Length") != Number("3") {
		t.Errorf("stream dictionary: %v, %v", d, err)
	}
	if _, err := f.Dict(3); err == nil {
		t.Error("an array read as a dictionary")
	}
	if _, err := f.Dict(9); err == nil {
		t.Error("a missing object read as a dictionary")
	}
}

// TestFileDictEntries checks that DictEntries keeps only the keys asked for, stepping
// over the others however nested.
func TestFileDictEntries(t *testing.T) {
	f := &File{objs: map[int][]byte{}}
	f.Set(1, []byte("<</Type /Page /Annots [<</A <</S /URI /URI (x)>> >> (y\\)) <ab>] /Resources 2 0 R /Contents 5 0 R>>"))
	d, err := f.DictEntries(1, "Resources", "Kids")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entries()) != 1 || !SameValue(Lookup(d, "Resources"), Ref{2, 0}) {
		t.Errorf("got %+v, want only /Resources 2 0 R", d.Entries())
	}
	f.Set(2, []byte("[1]"))
	if _, err := f.DictEntries(2, "Type"); err == nil {
		t.Error("an array read as a dictionary")
	}
}
