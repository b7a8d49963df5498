package sign

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/generator/pdf"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

func flipped(b []byte, i int, to byte) []byte {
	out := bytes.Clone(b)
	out[i] = to
	return out
}

func hasProblem(r *Report, substr string) bool {
	for _, p := range r.Problems {
		if strings.Contains(p, substr) {
			return true
		}
	}
	return false
}

// TestTamperSignedRanges changes one byte in each signed range: pdfsig and Verify must
// both see the digest mismatch.
func TestTamperSignedRanges(t *testing.T) {
	rsaCA, _, _ := shared.get(t)
	signed := mustSign(t, makePDF(t, 3), rsaCA.signer)
	sig := lastSignature(t, signed)
	// In range 1: the document title (UTF-16 in /Info); in range 2: the /Reason text.
	// Neither edit breaks the PDF's structure, so only the digest can catch them.
	inFirst := bytes.Index(signed, []byte("\x00I\x00S\x00M\x00S"))
	inSecond := bytes.Index(signed, []byte("(Approved")) + 1
	if inFirst < 0 || inFirst+1 >= sig.ByteRange[1] || inSecond <= sig.ByteRange[2] {
		t.Fatalf("test bytes not where expected: %d, %d, ranges %v", inFirst, inSecond, sig.ByteRange)
	}
	for name, bad := range map[string][]byte{
		"first range":  flipped(signed, inFirst+1, 'J'),
		"second range": flipped(signed, inSecond, 'B'),
	} {
		t.Run(name, func(t *testing.T) {
			out := pdfsig(t, bad)
			wantAll(t, out, "Digest Mismatch.")
			wantNone(t, out, "Signature is Valid.")
			r := mustVerify(t, bad, rsaCA.roots)
			if r.Pack.Valid || r.OK() || !hasProblem(r, "digest mismatch") {
				t.Fatalf("tampered file passes Verify: %+v", r)
			}
		})
	}
}

// TestTamperSignatureValue changes one byte of the signature value itself (the last
// field of the CMS), for both key types.
func TestTamperSignatureValue(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	for _, ca := range []*testCA{rsaCA, ecdsaCA} {
		t.Run(ca.signer.Chain[0].Subject.CommonName, func(t *testing.T) {
			signed := mustSign(t, makePDF(t, 2), ca.signer)
			sig := lastSignature(t, signed)
			sd, err := parseSignedData(sig.contents)
			if err != nil {
				t.Fatal(err)
			}
			// The signature OCTET STRING ends the CMS; pick a byte a few from its end.
			in := cryptobyte.String(sig.contents)
			var el cryptobyte.String
			if !in.ReadASN1Element(&el, cbasn1.SEQUENCE) {
				t.Fatal("cannot read CMS")
			}
			i := len(el) - 4
			if !bytes.Equal(el[len(el)-len(sd.signature):], sd.signature) {
				t.Fatal("the signature value is not at the end of the CMS")
			}
			at := sig.ByteRange[1] + 1 + 2*i // hex digit of that byte in the file
			to := byte('0')
			if signed[at] == '0' {
				to = '1'
			}
			bad := flipped(signed, at, to)

			out := pdfsig(t, bad)
			wantAll(t, out, "Signature is Invalid.")
			wantNone(t, out, "Signature is Valid.")
			r := mustVerify(t, bad, ca.roots)
			if r.Pack.Valid || r.OK() || !hasProblem(r, "signature value") {
				t.Fatalf("tampered signature passes Verify: %+v", r)
			}
		})
	}
}

// TestAppended: bytes or a whole incremental update after the signed revision leave the
// signature valid but no longer covering the file.
func TestAppended(t *testing.T) {
	rsaCA, _, _ := shared.get(t)
	signed := mustSign(t, makePDF(t, 2), rsaCA.signer)
	update := infoUpdate(t, signed)
	want := map[string]string{
		"junk":               fmt.Sprintf("%d bytes were appended after the signed revision", len("% appended after signing\n")),
		"incremental update": "revision 2 (bytes",
	}
	for name, extra := range map[string][]byte{
		"junk":               []byte("% appended after signing\n"),
		"incremental update": update,
	} {
		t.Run(name, func(t *testing.T) {
			bad := append(bytes.Clone(signed), extra...)
			out := pdfsig(t, bad)
			wantAll(t, out, "Not total document signed", "Signature is Valid.")
			r := mustVerify(t, bad, rsaCA.roots)
			if !r.Pack.Valid || r.CoversWholeFile || r.OK() || r.Pack.SignedLength != len(signed) ||
				!hasProblem(r, want[name]) {
				t.Fatalf("report: %+v", r)
			}
		})
	}
	qpdfCheck(t, append(bytes.Clone(signed), update...))
}

// infoUpdate returns a well-formed incremental update for file that changes the title.
func infoUpdate(t testing.TB, file []byte) []byte {
	t.Helper()
	doc, err := pdf.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	infoRef := pdf.Lookup(doc.Trailer, "Info").(pdf.Ref)
	info, err := doc.DictAt(infoRef, "info")
	if err != nil {
		t.Fatal(err)
	}
	info.Set("Title", pdf.String("Changed after signing"))
	w := pdf.NewUpdateWriter(doc)
	if err := w.WriteDict(infoRef, info); err != nil {
		t.Fatal(err)
	}
	trailer := &pdf.Dict{}
	trailer.Set("Size", pdf.Lookup(doc.Trailer, "Size"))
	trailer.Set("Root", pdf.Lookup(doc.Trailer, "Root"))
	trailer.Set("Info", infoRef)
	trailer.Set("Prev", doc.StartXRef)
	if err := w.Finish(trailer); err != nil {
		t.Fatal(err)
	}
	return w.Buf.Bytes()
}

// TestOtherCA: a file signed under another CA is cryptographically valid but does not
// chain to the first CA's root.
func TestOtherCA(t *testing.T) {
	rsaCA, _, otherCA := shared.get(t)
	signed := mustSign(t, makePDF(t, 1), otherCA.signer)
	r := mustVerify(t, signed, rsaCA.roots)
	if !r.Pack.Valid || r.Pack.ChainErr == nil || r.OK() || !hasProblem(r, "certificate chain") {
		t.Fatalf("foreign signature accepted: %+v", r)
	}
	if r := mustVerify(t, signed, otherCA.roots); !r.OK() {
		t.Fatalf("own root rejected: %+v", r)
	}
	// Without roots the signature is intact but its signer unverified: no pass.
	if r := mustVerify(t, signed, nil); r.OK() || !r.Pack.Valid || r.Pack.ChainErr != nil || !hasProblem(r, "unverified") {
		t.Fatalf("without roots: %+v", r)
	}
}

func TestVerifyUnsigned(t *testing.T) {
	if _, err := Verify(makePDF(t, 1), Policy{}); !errors.Is(err, ErrNotSigned) {
		t.Fatalf("err = %v, want ErrNotSigned", err)
	}
}

// FuzzVerify: whatever is fed in, Verify and EmbeddedFile return a report or an error,
// never panic, and finish: a slow input is a failure too.
func FuzzVerify(f *testing.F) {
	tc, err := newTestCA(f.TempDir(), "fuzz", true)
	if err != nil {
		f.Fatal(err)
	}
	file := makePDF(f, 1)
	signed, err := Sign(file, tc.signer, Options{Time: testTime})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add(file)
	f.Add(signed[:len(signed)/2])
	f.Add(append(bytes.Clone(signed), infoUpdate(f, signed)...))
	twice, err := Sign(signed, tc.signer, Options{Time: testTime})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(twice)
	f.Add(selfListingNameTree())
	f.Add(nameTreeLadder())
	f.Add(classicPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
		"<< "+strings.Repeat("/ByteRange [0 1 2 3] ", 500)+">>"))
	f.Add([]byte("/ByteRange [0 5 10 99999999999] /Contents <30>"))
	f.Add([]byte("1 0 obj <</ByteRange [0 10 20 5] /Contents <3000>>> endobj"))
	f.Add([]byte("1 0 obj <</ByteRange [0 1 2 9223372036854775807] /Contents <3000>>> endobj"))
	f.Fuzz(func(t *testing.T, data []byte) {
		within(t, "Verify", func() {
			r, err := Verify(data, Policy{Roots: tc.roots})
			if err == nil && r == nil {
				t.Error("nil report without error")
			}
			if err == nil && r.OK() && !r.Pack.Valid {
				t.Error("an invalid signature verifies")
			}
		})
		within(t, "AttachedFile", func() { pdf.AttachedFile(data, "manifest.json") })
	})
}

// FuzzCMS: the CMS parser behind Verify never panics on any DER.
func FuzzCMS(f *testing.F) {
	tc, err := newTestCA(f.TempDir(), "fuzz", true)
	if err != nil {
		f.Fatal(err)
	}
	signed, err := Sign(makePDF(f, 1), tc.signer, Options{Time: testTime})
	if err != nil {
		f.Fatal(err)
	}
	sig := lastSignature(f, signed)
	f.Add([]byte(sig.contents))
	f.Add([]byte{0x30, 0x03, 0x06, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, der []byte) {
		within(t, "parseSignedData", func() {
			if sd, err := parseSignedData(der); err == nil && sd.signer == nil {
				t.Error("parsed without a signer")
			}
		})
	})
}
