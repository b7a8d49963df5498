package pdf

import (
	"bytes"
	"fmt"
	"testing"
)

// handmade writes objs as numbered objects with one classic xref table.
func handmade(trailer string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
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
	fmt.Fprintf(&b, "trailer\n<</Size %d %s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, x)
	return b.Bytes()
}

// TestReadBodies: Read gives each object's source text, whatever its values hold (strings
// with delimiters and "endobj", escapes, references), a stream whose /Length is indirect
// included; the general reader also reads the file Read wrote compacted.
func TestReadBodies(t *testing.T) {
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R /S (a \\) >> endobj \\( (nested)) /H <41 42> /N /A#20B /X [1 [2 <</Y 3 0 R>>]]>>",
		"<</Type /Pages /Kids [] /Count 0>>",
		"<</Length 4 0 R>>\nstream\n(endobj>>\nendstream",
		"9",
		"[(x) null true]",
	}
	f, err := Read(handmade("/Root 1 0 R", objs...))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range objs {
		if got := string(f.Object(i + 1)); got != want {
			t.Errorf("object %d = %q, want %q", i+1, got, want)
		}
	}
	g, err := Read(f.CompactBytes())
	if err != nil {
		t.Fatalf("compacted: %v", err)
	}
	for _, n := range []int{1, 2, 4, 5} {
		if !bytes.Equal(g.Object(n), f.Object(n)) {
			t.Errorf("compacted object %d = %q, want %q", n, g.Object(n), f.Object(n))
		}
	}
	if len(g.Numbers()) != len(objs) {
		t.Errorf("compacted objects %v: object and cross-reference streams are file structure, not objects", g.Numbers())
	}
	for name, bad := range map[string][]byte{
		"no root":        handmade("", objs...),
		"unterminated":   handmade("/Root 1 0 R", "<</Type /Catalog /S (open>>"),
		"bad length":     handmade("/Root 1 0 R", "<</Type /Catalog>>", "<</Length 99>>\nstream\nab\nendstream"),
		"wrong object":   bytes.Replace(handmade("/Root 1 0 R", "<</Type /Catalog>>"), []byte("1 0 obj"), []byte("7 0 obj"), 1),
		"missing object": handmade("/Root 3 0 R", "<</Type /Catalog>>"),
	} {
		if _, err := Read(bad); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}
