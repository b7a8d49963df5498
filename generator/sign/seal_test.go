package sign

import (
	"bytes"
	"context"
	"crypto/x509"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/tsatest"
)

func loadCRLs(t *testing.T, paths ...string) []CRL {
	t.Helper()
	l, err := LoadCRLs(paths...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestSealLevels: seal adds a DSS that validates both chains (B-LT) and, with a TSA, a
// document timestamp over it (B-LTA); the organisation's signature stays valid for
// pdfsig and the file for qpdf.
func TestSealLevels(t *testing.T) {
	_, ecdsaCA, _ := shared.get(t)
	tsa, tsaCA := startTSA(t, tsatest.Options{})
	stamped := signStamped(t, makePDF(t, 2), ecdsaCA.signer, tsa.URL)
	both := loadCRLs(t, filepath.Join(ecdsaCA.dir, "root.crl"), filepath.Join(tsaCA.dir, "root.crl"))
	policy := Policy{Roots: ecdsaCA.roots, TSARoots: tsaCA.roots}

	sealed, err := Seal(context.Background(), stamped, SealOptions{CRLs: both})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(sealed.PDF, stamped) || sealed.AddedCRLs != 2 || sealed.AddedCerts != 3 || sealed.Timestamped {
		t.Errorf("sealed: %d certs, %d CRLs, timestamped %v", sealed.AddedCerts, sealed.AddedCRLs, sealed.Timestamped)
	}
	r, _ := Verify(sealed.PDF, policy)
	if !r.OK() || r.Level != LevelBLT || len(r.Revisions) != 1 || !r.Revisions[0].DSS || len(r.Revocations) != 2 {
		t.Fatalf("B-LT: level %s %q, problems %q, warnings %q, %d revocations", r.Level, r.LevelNotes, r.Problems, r.Warnings, len(r.Revocations))
	}
	for _, rev := range r.Revocations {
		if rev.Status != Good {
			t.Errorf("revocation: %s", rev.Message)
		}
	}
	// Without the TSA roots the authority's CRL cannot be checked: a warning, not a failure.
	r, _ = Verify(sealed.PDF, Policy{Roots: ecdsaCA.roots})
	if !r.OK() || r.Level != LevelBLT || !strings.Contains(strings.Join(r.Warnings, "\n"), `the time-stamping authority's certificate "Test TSA" was not checked for revocation: the CRL of "ismsgen other CA signer root CA" (the pack's DSS number 1) cannot be checked without the certificate of`) {
		t.Errorf("B-LT without TSA roots: %q %q", r.Problems, r.Warnings)
	}
	out := pdfsig(t, sealed.PDF)
	wantAll(t, out, "Signature is Valid.", "Not total document signed")
	qpdfCheck(t, sealed.PDF)

	// Sealing again with nothing new writes nothing.
	again, err := Seal(context.Background(), sealed.PDF, SealOptions{CRLs: both})
	if err != nil || !bytes.Equal(again.PDF, sealed.PDF) {
		t.Errorf("second seal changed the file (err %v)", err)
	}

	lta, err := Seal(context.Background(), sealed.PDF, SealOptions{Timestamper: TSA{URL: tsa.URL}})
	if err != nil || !lta.Timestamped {
		t.Fatal(err)
	}
	r, _ = Verify(lta.PDF, policy)
	if !r.OK() || r.Level != LevelBLTA || len(r.Signatures) != 2 || !r.Signatures[1].Timestamp || !r.Signatures[1].Trusted {
		t.Fatalf("B-LTA: level %s %q, problems %q", r.Level, r.LevelNotes, r.Problems)
	}
	out = pdfsig(t, lta.PDF)
	wantAll(t, out, "Signature #2", "Timestamp1")
	wantAll(t, strings.Split(out, "Signature #2")[0], "Signature is Valid.")
	qpdfCheck(t, lta.PDF)

	// Without the TSA's CRL the chain of the timestamp is not covered: B-T, and why.
	part, err := Seal(context.Background(), stamped, SealOptions{CRLs: both[:1]})
	if err != nil {
		t.Fatal(err)
	}
	r, _ = Verify(part.PDF, policy)
	if r.Level != LevelBT || !strings.Contains(strings.Join(r.LevelNotes, "\n"), `lacks a CRL by "ismsgen other CA signer root CA" (for "Test TSA")`) {
		t.Errorf("partial DSS: level %s %q", r.Level, r.LevelNotes)
	}
	// A B-B pack with validation data is still B-B.
	plain, err := Seal(context.Background(), mustSign(t, makePDF(t, 1), ecdsaCA.signer), SealOptions{CRLs: both[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if r := mustVerify(t, plain.PDF, ecdsaCA.roots); !r.OK() || r.Level != LevelBB || len(r.LevelNotes) != 1 {
		t.Errorf("sealed B-B: level %s %q %q", r.Level, r.LevelNotes, r.Problems)
	}
}

// TestSealRefuses: a CRL that belongs to no certificate of the pack, and a pack whose
// signature is broken, are refused.
func TestSealRefuses(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	pack := mustSign(t, makePDF(t, 1), ecdsaCA.signer)
	if _, err := Seal(context.Background(), pack, SealOptions{CRLs: loadCRLs(t, filepath.Join(rsaCA.dir, "root.crl"))}); err == nil ||
		!strings.Contains(err.Error(), "is not by the issuer of any certificate in the pack") {
		t.Errorf("foreign CRL: %v", err)
	}
	broken := bytes.Clone(pack)
	broken[bytes.Index(broken, []byte("stream"))+10] ^= 1 // inside the first page's content
	if _, err := Seal(context.Background(), broken, SealOptions{}); err == nil || !strings.Contains(err.Error(), "is not valid") {
		t.Errorf("broken pack: %v", err)
	}
}

// TestSealedRevocationFails: a CRL carried in the DSS that lists the signer fails the
// pack, with the issuer and date.
func TestSealedRevocationFails(t *testing.T) {
	ca, err := newTestCA(filepath.Join(t.TempDir(), "ca"), "Leaver", true)
	if err != nil {
		t.Fatal(err)
	}
	pack := mustSign(t, makePDF(t, 1), ca.signer)
	if _, _, err := UpdateCRL(ca.dir, []*x509.Certificate{ca.signer.Chain[0]}, CRLOptions{}); err != nil {
		t.Fatal(err)
	}
	sealed, err := Seal(context.Background(), pack, SealOptions{CRLs: loadCRLs(t, filepath.Join(ca.dir, "root.crl"))})
	if err != nil {
		t.Fatal(err)
	}
	r := mustVerify(t, sealed.PDF, ca.roots)
	if r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), `the signer's certificate "Leaver" was revoked on `) ||
		!strings.Contains(strings.Join(r.Problems, "\n"), `by the CRL of "Leaver root CA" (the pack's DSS number 2)`) {
		t.Errorf("revoked in the DSS: %q", r.Problems)
	}
}
