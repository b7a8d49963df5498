package pack

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pdf"
	"github.com/ismsgen/ismsgen/internal/fixture"
)

// objRef finds "/Key N 0 R" in a body and returns N.
func objRef(t *testing.T, body []byte, key string) int {
	t.Helper()
	m := regexp.MustCompile(`/` + key + ` (\d+) 0 R`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("no /%s reference in %.300s", key, body)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// The structure PDF/A-3b asks for, checked object by object (no PDF/A validator runs
// here: see the README for what this leaves unverified).
func TestPackHasPDFA3bStructure(t *testing.T) {
	g := resolveDir(t, fixture.Write(t, fixture.Minimal().With(fixture.Files{"content/policies/uni.md": unicodeDoc})))
	cfg := model.PackConfig{Name: "a", Title: "Pack 🔐 <&>", AttachEvidence: true, Contents: []model.Ref{{ID: "POL-IS"}, {ID: "POL-UNI"}, {ID: "SOA"}}}
	p, err := PlanPack(g, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Render(t.Context(), g, p, Options{Date: testDate, Version: "test",
		Attachments: []Attachment{{Name: "manifest.json", Description: "manifest", Data: []byte("{}"), Relationship: RelData}}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(res.PDF, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")) {
		t.Errorf("header %q", res.PDF[:16])
	}
	// The trailer is the cross-reference stream's dictionary: the objects that are not
	// streams are in object streams (PDF 1.5, which PDF/A-3 allows).
	if !regexp.MustCompile(`<</Type /XRef [^>]*/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(res.PDF) {
		t.Error("the trailer has no /ID")
	}
	if !bytes.Contains(res.PDF, []byte("<</Type /ObjStm ")) {
		t.Error("no object stream")
	}
	f, err := pdf.Read(res.PDF)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range f.Numbers() {
		dict, _, _ := bytes.Cut(f.Object(n), []byte(">>\nstream\n"))
		for _, bad := range []string{"/Encrypt", "/JavaScript", "/JS ", "/LZWDecode"} {
			if bytes.Contains(dict, []byte(bad)) {
				t.Errorf("object %d has %s", n, bad)
			}
		}
	}
	catalog := f.Object(f.Root)

	// XMP metadata: unfiltered, PDF/A-3b identification, the same facts as the Info.
	meta := f.Object(objRef(t, catalog, "Metadata"))
	if !bytes.HasPrefix(meta, []byte("<</Type /Metadata /Subtype /XML /Length ")) || bytes.Contains(meta[:bytes.Index(meta, []byte("stream"))], []byte("/Filter")) {
		t.Errorf("metadata stream: %.100s", meta)
	}
	for _, want := range []string{"<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		`<rdf:li xml:lang="x-default">Pack 🔐 &lt;&amp;&gt;</rdf:li>`, "<rdf:li>Example Ltd</rdf:li>",
		"<xmp:CreateDate>2026-11-20T00:00:00Z</xmp:CreateDate>", "<xmp:ModifyDate>2026-11-20T00:00:00Z</xmp:ModifyDate>",
		"<xmp:CreatorTool>ismsgen test</xmp:CreatorTool>", "<pdf:Producer>ismsgen test</pdf:Producer>",
		`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>`, `<?xpacket end="r"?>`} {
		if !bytes.Contains(meta, []byte(want)) {
			t.Errorf("XMP lacks %s", want)
		}
	}
	info := f.Object(f.Info)
	for _, want := range []string{"/Title " + pdf.TextString("Pack 🔐 <&>"), "/Author " + pdf.TextString("Example Ltd"),
		"/Creator " + pdf.TextString("ismsgen test"), "/CreationDate (D:20261120000000Z)", "/ModDate (D:20261120000000Z)"} {
		if !bytes.Contains(info, []byte(want)) {
			t.Errorf("Info lacks %s: %s", want, info)
		}
	}

	// The sRGB output intent.
	intents := regexp.MustCompile(`/OutputIntents \[(\d+) 0 R\]`).FindSubmatch(catalog)
	if intents == nil {
		t.Fatalf("no output intent in the catalog: %s", catalog)
	}
	in, _ := strconv.Atoi(string(intents[1]))
	oi := regexp.MustCompile(`^<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier \(sRGB IEC61966-2.1\).*/DestOutputProfile (\d+) 0 R>>$`).FindSubmatch(f.Object(in))
	if oi == nil {
		t.Fatalf("no sRGB output intent: %s", f.Object(in))
	}
	n, _ := strconv.Atoi(string(oi[1]))
	icc := f.Object(n)
	if !bytes.HasPrefix(icc, []byte("<</N 3 /Alternate /DeviceRGB ")) {
		t.Errorf("output profile: %.80s", icc)
	}
	zr, err := zlib.NewReader(bytes.NewReader(icc[bytes.Index(icc, []byte("stream\n"))+7:]))
	if err != nil {
		t.Fatal(err)
	}
	profile, _ := io.ReadAll(zr)
	if len(profile) < 128 || string(profile[36:40]) != "acsp" || string(profile[16:20]) != "RGB " {
		t.Error("the output profile is not an RGB ICC profile")
	}

	// Attachments: associated files with a relationship and a MIME type, in /AF and in
	// the EmbeddedFiles name tree alike.
	af := regexp.MustCompile(`/AF \[([^\]]*)\]`).FindSubmatch(catalog)
	if af == nil {
		t.Fatal("the catalog has no /AF")
	}
	names := regexp.MustCompile(`/EmbeddedFiles <</Names \[([^\]]*)\]`).FindSubmatch(catalog)
	specs := regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(af[1], -1)
	if names == nil || len(specs) != 2 || len(regexp.MustCompile(`0 R`).FindAll(names[1], -1)) != len(specs) {
		t.Fatalf("AF %s, names %s", af[1], names)
	}
	want := map[string]string{"encryption.csv": "/Supplement /EF", "manifest.json": "/Data /EF"}
	mimes := map[string]string{"encryption.csv": "/text#2Fcsv", "manifest.json": "/application#2Fjson"}
	for _, s := range specs {
		n, _ := strconv.Atoi(string(s[1]))
		spec := f.Object(n)
		name := string(regexp.MustCompile(`/F \(([^)]*)\)`).FindSubmatch(spec)[1])
		if !bytes.Contains(spec, []byte("/AFRelationship "+want[name])) || !bytes.Contains(spec, []byte("/UF <FEFF")) {
			t.Errorf("file spec of %s: %s", name, spec)
		}
		ef := f.Object(objRef(t, spec, "F"))
		if !bytes.HasPrefix(ef, []byte("<</Type /EmbeddedFile /Subtype "+mimes[name]+" ")) || !bytes.Contains(ef, []byte("/ModDate (D:20261120000000Z)")) {
			t.Errorf("embedded file %s: %.150s", name, ef)
		}
	}

	// Every annotation is printed, and every font is embedded.
	annots := 0
	for _, n := range f.Numbers() {
		body := f.Object(n)
		for _, a := range regexp.MustCompile(`<<(?:/Type ?/Annot ?)?/Subtype ?/(?:Link|Widget)[^>]*`).FindAll(body, -1) {
			annots++
			if !strings.Contains(string(a), "/F 4") {
				t.Errorf("annotation without the print flag: %s", a)
			}
		}
		if bytes.Contains(body, []byte("/Type /FontDescriptor")) && !bytes.Contains(body, []byte("/FontFile2 ")) {
			t.Errorf("font not embedded: %s", body)
		}
	}
	if annots == 0 {
		t.Error("no link annotation found")
	}
	checkFontEncodings(t, f)
	file := writePDF(t, res.PDF)
	if check := runTool(t, "qpdf", "--check", file); !strings.Contains(check, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", check)
	}
	if out := runTool(t, "pdfinfo", file); !strings.Contains(out, "PDF version:     1.7") || !strings.Contains(out, "Metadata Stream: yes") {
		t.Errorf("pdfinfo:\n%s", out)
	}
	if out := runTool(t, "pdfdetach", "-list", file); !strings.Contains(out, "2 embedded files") {
		t.Errorf("pdfdetach:\n%s", out)
	}
}

// checkFontEncodings checks what PDF/A-3 (ISO 19005-3 6.2.11.3) asks of composite fonts:
// the encoding is Identity-H or an embedded CMap whose WMode is the same in its
// dictionary and its stream, whose collection (Registry, Ordering) is the CID font's,
// with a Supplement at least the CID font's, and which uses no other CMap.
func checkFontEncodings(t *testing.T, f *pdf.File) {
	t.Helper()
	embedded := 0
	for _, n := range f.Numbers() {
		body := f.Object(n)
		if !bytes.HasPrefix(body, []byte("<</Type /Font /Subtype /Type0 ")) {
			continue
		}
		d := regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`).FindSubmatch(body)
		if d == nil {
			t.Fatalf("Type0 font without a descendant: %s", body)
		}
		dn, _ := strconv.Atoi(string(d[1]))
		cidFont := f.Object(dn)
		sys := regexp.MustCompile(`/CIDSystemInfo (<<[^>]*>>|\d+ 0 R)`).FindSubmatch(cidFont)
		if sys == nil {
			t.Fatalf("CID font without CIDSystemInfo: %s", cidFont)
		}
		info := sys[1]
		if bytes.HasSuffix(info, []byte(" 0 R")) {
			info = f.Object(objRef(t, cidFont, "CIDSystemInfo"))
		}
		if bytes.Contains(body, []byte("/Encoding /Identity-H ")) {
			continue
		}
		embedded++
		cmap := f.Object(objRef(t, body, "Encoding"))
		dict, _, _ := bytes.Cut(cmap, []byte(">>\nstream\n"))
		if !bytes.Contains(dict, []byte("/Type /CMap ")) || !bytes.Contains(dict, []byte("/WMode 0 ")) ||
			!bytes.Contains(dict, []byte("/CIDSystemInfo "+string(info))) || !bytes.Contains(info, []byte("/Registry (Adobe) /Ordering (Identity) /Supplement 0")) {
			t.Errorf("encoding CMap %.300s for the CID font's %s", dict, info)
		}
		data := inflateStream(t, cmap)
		if !strings.Contains(data, "/WMode 0 def") || strings.Contains(data, "usecmap") ||
			!strings.Contains(data, "/Registry (Adobe) def /Ordering (Identity) def /Supplement 0 def") {
			t.Errorf("encoding CMap stream:\n%s", data)
		}
	}
	if embedded == 0 {
		t.Error("no font with one-byte codes")
	}
}

// inflateStream returns the decompressed data of a Flate stream object's body.
func inflateStream(t *testing.T, body []byte) string {
	t.Helper()
	_, data, ok := bytes.Cut(body, []byte(">>\nstream\n"))
	if !ok {
		t.Fatalf("not a stream: %.100s", body)
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
