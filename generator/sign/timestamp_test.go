package sign

import (
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/ismsgen/ismsgen/generator/pdf"
	"github.com/ismsgen/ismsgen/internal/tsatest"
)

// startTSA runs a local RFC 3161 authority whose certificate the "other" test CA's root
// issued: a trust anchor separate from the signer's.
func startTSA(t *testing.T, opt tsatest.Options) (*tsatest.TSA, *testCA) {
	t.Helper()
	_, _, other := shared.get(t)
	return tsatest.Start(t, other.root, filepath.Join(other.dir, "root-key.pem"), opt), other
}

func signStamped(t *testing.T, file []byte, s Signer, url string) []byte {
	t.Helper()
	out, err := SignContext(context.Background(), file, s, Options{Time: testTime, Name: "ISMS Officer", Timestamper: TSA{URL: url}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSignatureTimestamp: with a TSA the CMS carries a signature timestamp (B-T) that
// pdfsig accepts as part of a valid signature, and Verify reports the authority, its
// time, and trust only against the separate TSA roots.
func TestSignatureTimestamp(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	tsa, tsaCA := startTSA(t, tsatest.Options{})
	for _, ca := range []*testCA{rsaCA, ecdsaCA} {
		before := time.Now().Add(-2 * time.Second)
		signed := signStamped(t, makePDF(t, 2), ca.signer, tsa.URL)
		wantAll(t, pdfsig(t, signed), "Signature is Valid.", "Total document signed", "ETSI.CAdES.detached")
		qpdfCheck(t, signed)

		r, err := Verify(signed, Policy{Roots: ca.roots, TSARoots: tsaCA.roots})
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() || r.Level != LevelBT || len(r.Pack.Timestamps) != 1 {
			t.Fatalf("level %s, %d timestamps, problems %q", r.Level, len(r.Pack.Timestamps), r.Problems)
		}
		ts := r.Pack.Timestamps[0]
		if !ts.Valid || !ts.Trusted || ts.AuthorityName() != "Test TSA" || ts.Time.Before(before) || ts.Time.After(time.Now()) {
			t.Errorf("timestamp %+v", ts)
		}
		if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "revocation was not checked") {
			t.Errorf("warnings %q", r.Warnings)
		}

		// Without TSA roots the timestamp is intact but proves nothing: a warning.
		r = mustVerify(t, signed, ca.roots)
		if !r.OK() || r.Level != LevelBT || r.Pack.Timestamps[0].Trusted || !strings.Contains(strings.Join(r.Warnings, "\n"), `the signature timestamp by "Test TSA"`) {
			t.Errorf("no TSA roots: problems %q warnings %q", r.Problems, r.Warnings)
		}
		// The signer's root is not a TSA root: trust anchors stay apart.
		r, _ = Verify(signed, Policy{Roots: ca.roots, TSARoots: ca.roots})
		if r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), "does not chain to a trusted time-stamping authority") {
			t.Errorf("signer's root as TSA root: %q", r.Problems)
		}
	}
	// A pack without a timestamp is B-B, and fails when TSA roots ask for proof of time.
	plain := mustSign(t, makePDF(t, 1), ecdsaCA.signer)
	r, _ := Verify(plain, Policy{Roots: ecdsaCA.roots, TSARoots: tsaCA.roots})
	if r.Level != LevelBB || r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), "carries no timestamp") {
		t.Errorf("B-B with TSA roots: level %s, %q", r.Level, r.Problems)
	}
	if r := mustVerify(t, plain, ecdsaCA.roots); r.Level != LevelBB || !r.OK() {
		t.Errorf("B-B: level %s, %q", r.Level, r.Problems)
	}
}

// TestSignatureTimestampGrows: a token larger than the first reservation (an authority
// that sends a long chain) is fitted by planning the update again.
func TestSignatureTimestampGrows(t *testing.T) {
	rsaCA, ecdsaCA, other := shared.get(t)
	var bundle []byte
	for _, ca := range []*testCA{rsaCA, ecdsaCA, other, rsaCA, ecdsaCA} {
		b, _ := os.ReadFile(ca.cert)
		bundle = append(bundle, b...)
	}
	certs := writeTemp(t, "certs.pem", bundle)
	tsa, tsaCA := startTSA(t, tsatest.Options{Certs: certs})
	signed := signStamped(t, makePDF(t, 1), ecdsaCA.signer, tsa.URL)
	r, _ := Verify(signed, Policy{Roots: ecdsaCA.roots, TSARoots: tsaCA.roots})
	if !r.OK() || r.Level != LevelBT {
		t.Fatalf("level %s, %q", r.Level, r.Problems)
	}
	if n := len(r.Pack.Timestamps[0].Chain); n < 4 {
		t.Fatalf("the token carries %d certificates; the test needs a large token", n)
	}
	// The second plan starts afresh: one field, one widget on the page.
	doc, err := pdf.Open(signed)
	if err != nil {
		t.Fatal(err)
	}
	catalog := doc.ResolveDict(pdf.Lookup(doc.Trailer, "Root"))
	fields, _ := doc.ResolveOr(pdf.Lookup(doc.ResolveDict(pdf.Lookup(catalog, "AcroForm")), "Fields")).(pdf.Array)
	_, page, _ := doc.FirstPage(catalog)
	annots, _ := doc.ResolveOr(pdf.Lookup(page, "Annots")).(pdf.Array)
	if len(fields) != 1 || len(annots) != 2 { // the page's own link, and the widget
		t.Errorf("%d form fields and %d annotations on page 1, want 1 and 2", len(fields), len(annots))
	}
	qpdfCheck(t, signed)
	if tsa.Count() != 2 {
		t.Errorf("the authority answered %d requests, want 2 (one too large for the reservation, one fitted)", tsa.Count())
	}
	wantAll(t, pdfsig(t, signed), "Signature is Valid.", "Total document signed")
}

// TestTSAClientChecks: the client refuses what a faulty or hostile authority answers.
func TestTSAClientChecks(t *testing.T) {
	_, ecdsaCA, _ := shared.get(t)
	for fault, want := range map[tsatest.Fault]string{
		tsatest.OtherQuery: "does not carry the request's nonce",
		tsatest.Reject:     "refused (rejection",
		tsatest.WrongType:  "not application/timestamp-reply",
	} {
		tsa, _ := startTSA(t, tsatest.Options{Fault: fault})
		_, err := SignContext(context.Background(), makePDF(t, 1), ecdsaCA.signer, Options{Time: testTime, Timestamper: TSA{URL: tsa.URL}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("fault %d: err %v, want %q", fault, err, want)
		}
	}
	if err := CheckTSAURL("ftp://tsa.example"); err == nil {
		t.Error("an ftp URL passes CheckTSAURL")
	}
}

// TestSwappedTimestampFails: the unsigned attributes are not covered by the signature,
// so anyone can replace the token. A genuine token from the same authority over another
// signature must not pass as this one's.
func TestSwappedTimestampFails(t *testing.T) {
	_, ecdsaCA, _ := shared.get(t)
	tsa, tsaCA := startTSA(t, tsatest.Options{})
	a := signStamped(t, makePDF(t, 1), ecdsaCA.signer, tsa.URL)
	b := signStamped(t, makePDF(t, 3), ecdsaCA.signer, tsa.URL)
	sa, sb := lastSignature(t, a), lastSignature(t, b)
	cmsA, cmsB := signatureContents(t, a, sa), signatureContents(t, b, sb)
	swapped := withUnsigned(t, cmsA, unsignedOf(t, cmsB))
	out := bytes.Clone(a)
	hexed := make([]byte, sa.ByteRange[2]-sa.ByteRange[1]-2)
	for i := range hexed {
		hexed[i] = '0'
	}
	hex.Encode(hexed, swapped)
	copy(out[sa.ByteRange[1]+1:], hexed)
	r, _ := Verify(out, Policy{Roots: ecdsaCA.roots, TSARoots: tsaCA.roots})
	if r.OK() || r.Level != LevelBB || !strings.Contains(strings.Join(r.Problems, "\n"), "message imprint is not the hash of the signature value") {
		t.Errorf("swapped token: level %s, %q", r.Level, r.Problems)
	}
	// The signature itself is untouched: only the timestamp is wrong.
	if !r.Pack.Valid {
		t.Errorf("the organisation's signature became invalid: %q", r.Pack.Problems)
	}
}

func signatureContents(t *testing.T, file []byte, s *Signature) []byte {
	t.Helper()
	raw := make([]byte, (s.ByteRange[2]-s.ByteRange[1]-2)/2)
	if _, err := hex.Decode(raw, file[s.ByteRange[1]+1:s.ByteRange[2]-1]); err != nil {
		t.Fatal(err)
	}
	in := cryptobyte.String(raw)
	var el cryptobyte.String
	if !in.ReadASN1Element(&el, cbasn1.SEQUENCE) {
		t.Fatal("no CMS")
	}
	return el
}

// rebuildSignerInfo descends ContentInfo → [0] → SignedData → SignerInfos → SignerInfo and
// rebuilds the structure around a changed SignerInfo.
func rebuildSignerInfo(t *testing.T, cms []byte, change func(fields [][]byte) [][]byte) []byte {
	t.Helper()
	var ci, wrapped, sd, infos, info cryptobyte.String
	in := cryptobyte.String(cms)
	var oid cryptobyte.String
	if !in.ReadASN1(&ci, cbasn1.SEQUENCE) || !ci.ReadASN1Element(&oid, cbasn1.OBJECT_IDENTIFIER) ||
		!ci.ReadASN1(&wrapped, tagContext0Constructed) || !wrapped.ReadASN1(&sd, cbasn1.SEQUENCE) {
		t.Fatal("not a SignedData")
	}
	var sdFields [][]byte
	for !sd.Empty() {
		var el cryptobyte.String
		var tag cbasn1.Tag
		if !sd.ReadAnyASN1Element(&el, &tag) {
			t.Fatal("bad SignedData")
		}
		sdFields = append(sdFields, el)
	}
	last := cryptobyte.String(sdFields[len(sdFields)-1])
	if !last.ReadASN1(&infos, cbasn1.SET) || !infos.ReadASN1(&info, cbasn1.SEQUENCE) {
		t.Fatal("no SignerInfo")
	}
	var fields [][]byte
	for !info.Empty() {
		var el cryptobyte.String
		var tag cbasn1.Tag
		info.ReadAnyASN1Element(&el, &tag)
		fields = append(fields, el)
	}
	fields = change(fields)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(oid)
		b.AddASN1(tagContext0Constructed, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				for _, f := range sdFields[:len(sdFields)-1] {
					b.AddBytes(f)
				}
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						for _, f := range fields {
							b.AddBytes(f)
						}
					})
				})
			})
		})
	})
	return b.BytesOrPanic()
}

func unsignedOf(t *testing.T, cms []byte) []byte {
	var out []byte
	rebuildSignerInfo(t, cms, func(fields [][]byte) [][]byte {
		out = fields[len(fields)-1]
		return fields
	})
	if len(out) == 0 || out[0] != byte(tagContext1Constructed) {
		t.Fatal("no unsigned attributes")
	}
	return out
}

func withUnsigned(t *testing.T, cms, unsigned []byte) []byte {
	return rebuildSignerInfo(t, cms, func(fields [][]byte) [][]byte {
		return append(fields[:len(fields)-1], unsigned)
	})
}
