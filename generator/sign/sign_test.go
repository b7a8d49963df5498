package sign

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/ismsgen/ismsgen/generator/pdf"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// TestSignPdfsig proves the result is what poppler calls a valid PAdES signature over
// the whole document, trusted once the Keygen root is in the NSS database, and that the
// unsigned pack is a byte-exact prefix of the signed one.
func TestSignPdfsig(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	for _, tc := range []struct {
		name string
		ca   *testCA
	}{{"RSA", rsaCA}, {"ECDSA", ecdsaCA}} {
		t.Run(tc.name, func(t *testing.T) {
			file := makePDF(t, 3)
			signed := mustSign(t, file, tc.ca.signer)

			out := pdfsig(t, signed)
			wantAll(t, out, "Signature is Valid.", "Total document signed", "ETSI.CAdES.detached",
				"Signing Time: Mar 14 2025 15:09:26", "Signature Field Name: Signature1",
				"Signer Certificate Common Name: "+tc.ca.signer.Chain[0].Subject.CommonName)
			wantNone(t, out, "Not total document signed", "Signature #2")

			// Trust comes from the imported root alone: a fresh database does not trust it.
			// pdf.md says "-t C,," suffices; with poppler 22.12 and this NSS it does not,
			// because pdfsig validates for the email-signer usage, which reads the second
			// (S/MIME) trust field, so the root is imported with "C,C,".
			nss := t.TempDir()
			certutil := tooltest.Need(t, "certutil")
			runTool(t, certutil, "-N", "-d", "sql:"+nss, "--empty-password")
			wantAll(t, pdfsig(t, signed, "-nssdir", "sql:"+nss), "Signature is Valid.", "Certificate issuer isn't Trusted.")
			runTool(t, certutil, "-d", "sql:"+nss, "-A", "-t", "C,C,", "-n", "root", "-i", tc.ca.root)
			wantAll(t, pdfsig(t, signed, "-nssdir", "sql:"+nss), "Signature is Valid.", "Certificate is Trusted.")

			qpdfCheck(t, file)
			qpdfCheck(t, signed)

			r := mustVerify(t, signed, tc.ca.roots)
			if !r.OK() || !r.Pack.Valid || !r.CoversWholeFile || r.Appended != 0 || len(r.Signatures) != 1 {
				t.Fatalf("report not OK: %+v", r)
			}
			if r.UnsignedLength != len(file) || !bytes.Equal(signed[:r.UnsignedLength], file) {
				t.Errorf("UnsignedLength = %d, want %d with the unsigned pack as prefix", r.UnsignedLength, len(file))
			}
			if r.Pack.SignedLength != len(signed) {
				t.Errorf("SignedLength = %d, want %d", r.Pack.SignedLength, len(signed))
			}
			if !r.Pack.SigningTime.Equal(testTime) || r.Pack.SubFilter != "ETSI.CAdES.detached" {
				t.Errorf("SigningTime %v, SubFilter %q", r.Pack.SigningTime, r.Pack.SubFilter)
			}
			if !r.Pack.Signer.Equal(tc.ca.signer.Chain[0]) || len(r.Pack.Chain) != 2 {
				t.Errorf("signer %v, chain of %d", r.Pack.Signer.Subject, len(r.Pack.Chain))
			}
		})
	}
}

// TestSignOpenSSL checks the CMS with a second, independent implementation: OpenSSL must
// accept it as a detached signature over the byte ranges, chaining to the Keygen root.
func TestSignOpenSSL(t *testing.T) {
	openssl := tooltest.Need(t, "openssl")
	rsaCA, ecdsaCA, _ := shared.get(t)
	for _, ca := range []*testCA{rsaCA, ecdsaCA} {
		signed := mustSign(t, makePDF(t, 2), ca.signer)
		sig := lastSignature(t, signed)
		br := sig.ByteRange
		content := append(bytes.Clone(signed[:br[1]]), signed[br[2]:]...)
		dir := t.TempDir()
		p7s, data := filepath.Join(dir, "sig.p7s"), filepath.Join(dir, "content")
		// The CMS is exactly one DER element; the zero padding after it is cut by length,
		// not by trimming zeros, since a signature may end with a zero byte.
		in := cryptobyte.String(sig.contents)
		var cms cryptobyte.String
		if !in.ReadASN1Element(&cms, cbasn1.SEQUENCE) {
			t.Fatal("cannot read the CMS")
		}
		if err := os.WriteFile(p7s, cms, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(data, content, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s,
			"-content", data, "-CAfile", ca.root, "-purpose", "any", "-out", os.DevNull).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Verification successful") {
			t.Fatalf("openssl cms -verify (%s): %v\n%s", ca.signer.Chain[0].Subject.CommonName, err, out)
		}
	}
}

// TestSignDeterministic: same input, key and time give the same bytes, for both key types.
func TestSignDeterministic(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	file := makePDF(t, 2)
	for _, ca := range []*testCA{rsaCA, ecdsaCA} {
		a, b := mustSign(t, file, ca.signer), mustSign(t, bytes.Clone(file), ca.signer)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two signings differ", ca.signer.Chain[0].Subject.CommonName)
		}
		later, err := Sign(file, ca.signer, Options{Time: testTime.Add(1e9)})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a, later) {
			t.Error("a different signing time gave the same bytes")
		}
	}
}

// TestSignTrailerID signs a file whose trailer carries /ID (qpdf adds one) and checks the
// update repeats it.
func TestSignTrailerID(t *testing.T) {
	qpdf := tooltest.Need(t, "qpdf")
	rsaCA, _, _ := shared.get(t)
	in := writeTemp(t, "in.pdf", makePDF(t, 2))
	outPath := filepath.Join(t.TempDir(), "id.pdf")
	if b, err := exec.Command(qpdf, "--static-id", in, outPath).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, b)
	}
	file, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdf.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	id, ok := doc.Trailer.Get("ID")
	if !ok {
		t.Fatal("qpdf output has no /ID; the test cannot prove anything")
	}
	signed := mustSign(t, file, rsaCA.signer)
	sdoc, err := pdf.Open(signed)
	if err != nil {
		t.Fatal(err)
	}
	var want, got bytes.Buffer
	pdf.WriteObject(&want, id)
	pdf.WriteObject(&got, pdf.Lookup(sdoc.Trailer, "ID"))
	if want.String() != got.String() {
		t.Errorf("trailer /ID = %s, want %s", got.String(), want.String())
	}
	if pdf.Lookup(sdoc.Trailer, "Info") == nil || pdf.Lookup(sdoc.Trailer, "Prev") == nil {
		t.Errorf("trailer lost /Info or /Prev: %+v", sdoc.Trailer)
	}
	wantAll(t, pdfsig(t, signed), "Signature is Valid.", "Total document signed")
	qpdfCheck(t, signed)
}

// TestSignTwice adds a second signature to a signed file: the form gets a second field,
// the first signature no longer covers the file, and Verify reads the last one.
func TestSignTwice(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	once := mustSign(t, makePDF(t, 2), rsaCA.signer)
	twice := mustSign(t, once, ecdsaCA.signer)
	out := pdfsig(t, twice)
	first, second, found := strings.Cut(out, "Signature #2")
	if !found {
		t.Fatalf("pdfsig shows no second signature:\n%s", out)
	}
	wantAll(t, first, "Signature is Valid.", "Not total document signed", "Signature1")
	wantAll(t, second, "Signature is Valid.", "Total document signed", "Signature2")
	wantNone(t, second, "Not total document signed")
	qpdfCheck(t, twice)

	// Both signatures are valid, but a second approval signature after the pack's is a
	// change a pack must not have: Verify lists both and fails.
	r := mustVerify(t, twice, ecdsaCA.roots)
	if r.OK() || len(r.Signatures) != 2 || !r.Pack.Signer.Equal(rsaCA.signer.Chain[0]) ||
		!r.Signatures[1].Valid || !r.Signatures[1].Signer.Equal(ecdsaCA.signer.Chain[0]) ||
		r.Signatures[1].SignedLength != len(twice) || !hasProblem(r, "second signature") {
		t.Fatalf("report for a twice-signed file: %+v", r)
	}
}

func TestSignRejects(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	file := makePDF(t, 1)
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		file []byte
		s    Signer
		opt  Options
		want string
	}{
		{"no time", file, rsaCA.signer, Options{}, "Options.Time"},
		{"key of another certificate", file, Signer{Key: ecdsaCA.signer.Key, Chain: rsaCA.signer.Chain}, Options{Time: testTime}, "does not match"},
		{"no chain", file, Signer{Key: rsaCA.signer.Key}, Options{Time: testTime}, "no certificate"},
		{"weak RSA", file, Signer{Key: weak, Chain: rsaCA.signer.Chain}, Options{Time: testTime}, "1024 bits"},
		{"not a PDF", []byte("hello"), rsaCA.signer, Options{Time: testTime}, "startxref"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Sign(tc.file, tc.s, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// xrefStreamPDF rewrites file with object streams, which need a cross-reference stream.
func xrefStreamPDF(t *testing.T, file []byte) []byte {
	t.Helper()
	qpdf := tooltest.Need(t, "qpdf")
	in := writeTemp(t, "plain.pdf", file)
	out := filepath.Join(t.TempDir(), "objstm.pdf")
	if b, err := exec.Command(qpdf, "--object-streams=generate", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSignXRefStream: a PDF whose objects sit in object streams behind a cross-reference
// stream (as qpdf writes it, with a PNG predictor) signs validly, twice, and verifies;
// a changed byte inside the object stream fails verification.
func TestSignXRefStream(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	file := xrefStreamPDF(t, makePDF(t, 2))
	if !bytes.Contains(file, []byte("/ObjStm")) || !bytes.Contains(file, []byte("/XRef")) {
		t.Fatal("qpdf wrote no object or cross-reference stream")
	}
	signed := mustSign(t, file, rsaCA.signer)
	wantAll(t, pdfsig(t, signed), "Signature is Valid.", "Total document signed")
	qpdfCheck(t, signed)
	if r := mustVerify(t, signed, rsaCA.roots); !r.OK() {
		t.Fatalf("report: %+v", r)
	}
	twice := mustSign(t, signed, ecdsaCA.signer)
	wantAll(t, pdfsig(t, twice), "Signature is Valid.", "Signature2")
	if r := mustVerify(t, twice, ecdsaCA.roots); len(r.Signatures) != 2 {
		t.Fatalf("report of a twice signed file: %+v", r)
	}
	qpdfCheck(t, twice)
	// Both updates end in a cross-reference stream, as the file they extend does.
	for _, b := range [][]byte{signed, twice} {
		update := b[len(file):]
		if bytes.Contains(update, []byte("\nxref\n")) || bytes.Contains(update, []byte("trailer")) {
			t.Fatalf("an update of a cross-reference-stream file has a classic xref table:\n%s", update[bytes.LastIndex(update, []byte("endobj")):])
		}
		if n := bytes.Count(update, []byte("/Type /XRef")); n != bytes.Count(update, []byte("%%EOF")) || n == 0 {
			t.Fatalf("%d cross-reference streams in %d updates", n, bytes.Count(update, []byte("%%EOF")))
		}
	}
	i := bytes.Index(signed, []byte("/ObjStm"))
	j := i + bytes.Index(signed[i:], []byte("stream\n")) + 20
	bad := bytes.Clone(signed)
	bad[j] ^= 0xff
	if r, err := Verify(bad, Policy{Roots: rsaCA.roots}); err == nil && r.OK() {
		t.Fatal("a changed object stream verified")
	}
}

// TestSignNoFinalNewline: a file ending in "%%EOF" without a newline still signs validly.
func TestSignNoFinalNewline(t *testing.T) {
	rsaCA, _, _ := shared.get(t)
	file := bytes.TrimRight(makePDF(t, 1), "\r\n")
	signed := mustSign(t, file, rsaCA.signer)
	wantAll(t, pdfsig(t, signed), "Signature is Valid.", "Total document signed")
	r := mustVerify(t, signed, rsaCA.roots)
	// The added newline belongs to the unsigned part, as documented on UnsignedLength.
	if !r.OK() || !bytes.HasPrefix(signed, file) || r.UnsignedLength != len(file)+1 || signed[len(file)] != '\n' {
		t.Fatalf("report: %+v (unsigned length %d)", r, len(file))
	}
	// The base has a classic xref table, so the update has one too.
	if u := signed[len(file):]; !bytes.Contains(u, []byte("\nxref\n")) || bytes.Contains(u, []byte("/XRef")) {
		t.Fatal("the update of a classic-xref file does not end in a classic xref table")
	}
}

func runTool(t *testing.T, bin string, args ...string) {
	t.Helper()
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, b)
	}
}
