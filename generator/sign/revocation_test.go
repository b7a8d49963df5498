package sign

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"math/big"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/internal/tooltest"
	"github.com/ismsgen/ismsgen/internal/tsatest"
)

// TestKeygenCRL: Keygen writes the root's empty CRL; UpdateCRL revokes a certificate the
// root issued with a higher CRL number, and refuses one it did not issue. OpenSSL reads
// both lists.
func TestKeygenCRL(t *testing.T) {
	openssl := tooltest.Need(t, "openssl")
	ca, err := newTestCA(filepath.Join(t.TempDir(), "ca"), "CRL test signer", true)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ca.dir, "root.crl")
	crls, err := LoadCRLs(path)
	if err != nil || len(crls) != 1 {
		t.Fatalf("root.crl: %v", err)
	}
	root := ca.signer.Chain[1]
	l := crls[0].List
	if l.CheckSignatureFrom(root) != nil || l.Number.Int64() != 1 || len(l.RevokedCertificateEntries) != 0 ||
		l.NextUpdate.Sub(l.ThisUpdate) != 30*24*time.Hour {
		t.Errorf("first CRL: number %v, %d entries, %v to %v", l.Number, len(l.RevokedCertificateEntries), l.ThisUpdate, l.NextUpdate)
	}
	out, err := exec.Command(openssl, "crl", "-in", path, "-inform", "DER", "-text", "-noout").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No Revoked Certificates") {
		t.Errorf("openssl crl: %v\n%s", err, out)
	}

	if _, l, err = UpdateCRL(ca.dir, []*x509.Certificate{ca.signer.Chain[0]}, CRLOptions{}); err != nil {
		t.Fatal(err)
	}
	if l.Number.Int64() != 2 || len(l.RevokedCertificateEntries) != 1 || l.RevokedCertificateEntries[0].SerialNumber.Cmp(ca.signer.Chain[0].SerialNumber) != 0 {
		t.Errorf("after revoking: number %v, entries %v", l.Number, l.RevokedCertificateEntries)
	}
	out, _ = exec.Command(openssl, "crl", "-in", path, "-inform", "DER", "-text", "-noout").CombinedOutput()
	if serial := strings.ToUpper(ca.signer.Chain[0].SerialNumber.Text(16)); !strings.Contains(string(out), "Serial Number: "+serial) {
		t.Errorf("openssl crl does not list serial %s:\n%s", serial, out)
	}
	// Re-issuing keeps what was revoked.
	if _, l, err = UpdateCRL(ca.dir, nil, CRLOptions{}); err != nil || l.Number.Int64() != 3 || len(l.RevokedCertificateEntries) != 1 {
		t.Errorf("re-issued: %v, %+v", err, l)
	}
	_, _, other := shared.get(t)
	if _, _, err := UpdateCRL(ca.dir, []*x509.Certificate{other.signer.Chain[0]}, CRLOptions{}); err == nil || !strings.Contains(err.Error(), "was not issued by the root") {
		t.Errorf("revoking another CA's certificate: %v", err)
	}
}

// TestRevocation: Verify fails a pack whose signer is revoked, says when a CRL cannot be
// checked, and accepts a revocation that came after a trusted signature timestamp.
func TestRevocation(t *testing.T) {
	ca, err := newTestCA(filepath.Join(t.TempDir(), "ca"), "Revoked signer", true)
	if err != nil {
		t.Fatal(err)
	}
	pack := mustSign(t, makePDF(t, 1), ca.signer)
	signer := ca.signer.Chain[0]
	crl := func(t *testing.T, now time.Time, revokedAt time.Time, issuer *testCA) []CRL {
		t.Helper()
		var entries []x509.RevocationListEntry
		if !revokedAt.IsZero() {
			entries = append(entries, x509.RevocationListEntry{SerialNumber: signer.SerialNumber, RevocationTime: revokedAt})
		}
		der, err := issueCRL(issuer.signer.Chain[1], rootKey(t, issuer), big.NewInt(7), entries, CRLOptions{Now: now, Rand: rand.Reader})
		if err != nil {
			t.Fatal(err)
		}
		l, _ := x509.ParseRevocationList(der)
		return []CRL{{List: l, Raw: der, Source: "test.crl"}}
	}
	now := time.Now()
	joined := func(r *Report) string { return strings.Join(r.Problems, "\n") + "\n" + strings.Join(r.Warnings, "\n") }

	r, _ := Verify(pack, Policy{Roots: ca.roots, CRLs: crl(t, now, now.Add(-time.Hour), ca)})
	if r.OK() || !strings.Contains(joined(r), `the signer's certificate "Revoked signer" was revoked on `) || !strings.Contains(joined(r), `by the CRL of "Revoked signer root CA" (test.crl number 7)`) {
		t.Errorf("revoked: %s", joined(r))
	}
	r, _ = Verify(pack, Policy{Roots: ca.roots, CRLs: crl(t, now, time.Time{}, ca)})
	if !r.OK() || len(r.Revocations) != 1 || r.Revocations[0].Status != Good || len(r.Warnings) != 0 {
		t.Errorf("good: %s", joined(r))
	}
	r, _ = Verify(pack, Policy{Roots: ca.roots, CRLs: crl(t, now.AddDate(0, 0, -40), time.Time{}, ca)})
	if !r.OK() || !strings.Contains(joined(r), "cannot be checked for revocation now: the CRL of") || !strings.Contains(joined(r), "expired on") {
		t.Errorf("expired: %s", joined(r))
	}
	// A CRL under the same issuer name but another key: it cannot be trusted, either way.
	twin, err := newTestCA(filepath.Join(t.TempDir(), "twin"), "Revoked signer", true)
	if err != nil {
		t.Fatal(err)
	}
	r, _ = Verify(pack, Policy{Roots: ca.roots, CRLs: crl(t, now, time.Time{}, twin)})
	if r.OK() || !strings.Contains(joined(r), "has a bad signature") {
		t.Errorf("forged CRL: %s", joined(r))
	}

	// Revoked after a trusted signature timestamp: the signature is older than the
	// revocation, so the pack still verifies (what B-LT is for).
	tsa, tsaCA := startTSA(t, tsatest.Options{})
	stamped := signStamped(t, makePDF(t, 1), ca.signer, tsa.URL)
	later := crl(t, now, now.Add(time.Hour), ca)
	r, _ = Verify(stamped, Policy{Roots: ca.roots, TSARoots: tsaCA.roots, CRLs: later})
	if !r.OK() || r.Revocations[0].Status != RevokedLater || !strings.Contains(r.Revocations[0].Message, "after the trusted signature timestamp") {
		t.Errorf("revoked after the timestamp: %s %+v", joined(r), r.Revocations)
	}
	// Without TSA roots the timestamp proves nothing, so the revocation counts.
	if r, _ = Verify(stamped, Policy{Roots: ca.roots, CRLs: later}); r.OK() {
		t.Errorf("revoked, timestamp untrusted: %s", joined(r))
	}
}

func rootKey(t *testing.T, ca *testCA) crypto.Signer {
	t.Helper()
	s, err := LoadPEM(ca.root, filepath.Join(ca.dir, "root-key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return s.Key
}
