package pdf

import (
	"bytes"
	"strconv"
	"testing"
)

// TestAttach: the files are embedded as a name tree and as associated files, each stream
// decodes to its data, and Document (the reader sign uses) reads the result.
func TestAttach(t *testing.T) {
	f, err := Read(tiny([]byte("BT ET")))
	if err != nil {
		t.Fatal(err)
	}
	files := []EmbeddedFile{
		{Name: "risks.csv", Description: "Risk register", MIME: "text/csv", Relationship: "Data", Data: []byte("id,title\nR1,Fire\n")},
		{Name: "Kraków (1).txt", Description: "Notatka €", MIME: "text/plain", Relationship: "Supplement", Data: bytes.Repeat([]byte("x"), 5000)},
	}
	if err := f.Attach(files, "(D:20260115000000Z)"); err != nil {
		t.Fatal(err)
	}
	doc, err := Open(f.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	catalog := doc.ResolveDict(Lookup(doc.Trailer, "Root"))
	names := doc.ResolveDict(Lookup(doc.ResolveDict(Lookup(catalog, "Names")), "EmbeddedFiles"))
	tree, _ := Lookup(names, "Names").(Array)
	af, _ := Lookup(catalog, "AF").(Array)
	if len(tree) != 4 || len(af) != 2 {
		t.Fatalf("name tree %v, /AF %v", tree, af)
	}
	for i, want := range files {
		if key, _ := tree[2*i].(String); string(key) != []string{"0001", "0002"}[i] || !SameValue(tree[2*i+1], af[i]) {
			t.Errorf("file %d: key %q, spec %v, /AF %v", i, key, tree[2*i+1], af[i])
		}
		spec := doc.ResolveDict(af[i])
		if DecodeText(Lookup(spec, "UF").(String)) != want.Name || DecodeText(Lookup(spec, "Desc").(String)) != want.Description ||
			Lookup(spec, "AFRelationship") != Name(want.Relationship) {
			t.Errorf("file %d: filespec %v", i, spec.Entries())
		}
		ref := Lookup(doc.ResolveDict(Lookup(spec, "EF")), "F").(Ref)
		data, err := doc.StreamData(ref, 1<<20)
		if err != nil || !bytes.Equal(data, want.Data) {
			t.Errorf("file %d: data %q, %v", i, data, err)
		}
		stream := doc.ResolveDict(ref)
		if Lookup(stream, "Subtype") != Name(want.MIME) || Lookup(doc.ResolveDict(Lookup(stream, "Params")), "Size") != Number(strconv.Itoa(len(want.Data))) {
			t.Errorf("file %d: stream %v", i, stream.Entries())
		}
	}
	if f := string(Lookup(doc.ResolveDict(af[1]), "F").(String)); f != "Krak_w (1).txt" {
		t.Errorf("/F = %q, want printable ASCII", f)
	}
	if err := f.Attach(files[:1], "(D:20260115000000Z)"); err == nil {
		t.Error("a second /Names dictionary was added")
	}
}
