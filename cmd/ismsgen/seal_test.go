package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

func wantLines(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, out)
		}
	}
}

// TestSealedPack: seal adds validation data (B-LT) and, with --tsa, a document timestamp
// (B-LTA); pdfsig still validates the organisation's signature, qpdf finds the file
// sound, and verify reports the level, the DSS and the revocation checks.
func TestSealedPack(t *testing.T) {
	_, pdf, keys, tsa, tsaDir := timestampedSite(t)
	root, tsaCA := filepath.Join(keys, "root.pem"), filepath.Join(tsaDir, "root.pem")
	code, out, errs := runCLI(t, "seal", pdf, "--crl", filepath.Join(keys, "root.crl"), "--crl", filepath.Join(tsaDir, "root.crl"))
	if code != 0 {
		t.Fatalf("seal: %d\n%s%s", code, out, errs)
	}
	wantLines(t, "seal", out, "sealed "+pdf+": validation data (DSS) with 3 more certificates and 2 more CRLs; PAdES level B-LT")
	if ps := pdfsig(t, pdf); !strings.Contains(ps, "Signature is Valid.") || !strings.Contains(ps, "Not total document signed") {
		t.Errorf("pdfsig after seal:\n%s", ps)
	}
	if b, err := exec.Command(tooltest.Need(t, "qpdf"), "--check", pdf).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, b)
	}
	code, out, _ = runCLI(t, "verify", pdf, "--ca", root, "--tsa-ca", tsaCA)
	wantLines(t, "verify", out,
		"ok    revision 2 (bytes", "validation data (DSS) that changes no page",
		"ok    validation data (DSS): 3 certificates, 2 CRLs",
		`ok    the signer's certificate "Example Ltd ISMS pack signing" is not revoked (the CRL of "Example Ltd ISMS pack signing root CA" (the pack's DSS number 1)`,
		`ok    the time-stamping authority's certificate "Test TSA" is not revoked`,
		"ok    PAdES level B-LT (timestamped signature with validation data for its chains); no document timestamp after the validation data",
		"verified: every check holds")
	if code != 0 || strings.Contains(out, "warn  ") {
		t.Errorf("verify of the B-LT pack: exit %d\n%s", code, out)
	}

	code, out, errs = runCLI(t, "seal", pdf, "--tsa", tsa.URL)
	if code != 0 || !strings.Contains(out, "no new validation data (the DSS holds it already), then a document timestamp by "+tsa.URL+"; PAdES level B-LTA") {
		t.Fatalf("seal --tsa: %d\n%s%s", code, out, errs)
	}
	code, out, _ = runCLI(t, "verify", pdf, "--ca", root, "--tsa-ca", tsaCA)
	wantLines(t, "verify", out, `ok    document timestamp 2 (Timestamp1): valid, by "Test TSA"`, "ok    revision 3 (bytes", "a document timestamp that changes no page",
		"ok    PAdES level B-LTA (validation data covered by a document timestamp)", "verified: every check holds")
	if code != 0 {
		t.Errorf("verify of the B-LTA pack: exit %d", code)
	}
	if ps := pdfsig(t, pdf); !strings.Contains(strings.Split(ps, "Signature #2")[0], "Signature is Valid.") {
		t.Errorf("pdfsig after seal --tsa:\n%s", ps)
	}
	if b, err := exec.Command(tooltest.Need(t, "qpdf"), "--check", pdf).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, b)
	}
	if code, _, errs := runCLI(t, "seal", pdf, "--crl", root); code != 2 || !strings.Contains(errs, "seal --crl") {
		t.Errorf("seal --crl of a certificate: exit %d\n%s", code, errs)
	}
}

// TestRevokedSignerFails: keygen --revoke lists the signer in root.crl (OpenSSL reads
// it); verify fails the pack with that CRL given on the command line or embedded by seal.
func TestRevokedSignerFails(t *testing.T) {
	_, pdf, keys := signedSite(t)
	crl, root := filepath.Join(keys, "root.crl"), filepath.Join(keys, "root.pem")
	code, out, errs := runCLI(t, "keygen", "--revoke", filepath.Join(keys, "signer.pem"), "--out", keys)
	if code != 0 || !strings.Contains(out, `revoked "Example Ltd ISMS pack signing" (serial `) || !strings.Contains(out, "CRL number 2, 1 revoked certificate,") {
		t.Fatalf("keygen --revoke: %d\n%s%s", code, out, errs)
	}
	serial := regexp.MustCompile(`serial ([0-9A-F]+)`).FindStringSubmatch(out)[1]
	text, err := exec.Command(tooltest.Need(t, "openssl"), "crl", "-in", crl, "-inform", "DER", "-text", "-noout").CombinedOutput()
	if err != nil || !strings.Contains(string(text), "Serial Number: "+serial) || !strings.Contains(string(text), "X509v3 CRL Number: \n                2") {
		t.Errorf("openssl crl: %v\n%s", err, text)
	}
	revoked := `FAIL  the signer's certificate "Example Ltd ISMS pack signing" was revoked on `
	code, out, _ = runCLI(t, "verify", pdf, "--ca", root, "--crl", crl)
	wantLines(t, "verify --crl", out, revoked, `by the CRL of "Example Ltd ISMS pack signing root CA" (`+crl+` number 2)`, "NOT verified")
	if code != 1 {
		t.Errorf("verify --crl of a revoked signer: exit %d", code)
	}
	code, out, _ = runCLI(t, "seal", pdf, "--crl", crl)
	if code != 0 || !strings.Contains(out, "warning: the signer's certificate") {
		t.Errorf("seal with the revoking CRL: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "verify", pdf, "--ca", root)
	wantLines(t, "verify of the sealed pack", out, revoked, "(the pack's DSS number 2)")
	if code != 1 {
		t.Errorf("verify of a sealed pack with a revoked signer: exit %d", code)
	}
	if code, _, errs := runCLI(t, "keygen", "--revoke", filepath.Join(keys, "signer.pem"), "--org", "X"); code != 2 || !strings.Contains(errs, "take no --org") {
		t.Errorf("keygen --revoke --org: exit %d\n%s", code, errs)
	}
}

// TestSealedPackChangedByDSSUpdateFails is the "page content" attack on a sealed pack:
// a later DSS revision, written by hand, that also replaces page 1's content.
func TestSealedPackChangedByDSSUpdateFails(t *testing.T) {
	_, pdfPath, keys := signedSite(t)
	if code, out, errs := runCLI(t, "seal", pdfPath, "--crl", filepath.Join(keys, "root.crl")); code != 0 {
		t.Fatalf("seal: %s%s", out, errs)
	}
	sealed, _ := os.ReadFile(pdfPath)
	a := newAttacker(t)
	// The same revisions without the change pass: the failure below is the page's.
	if code, out, _ := runCLI(t, "verify", writePack(t, "sealed-ltv", a.ltvUpdates(sealed, keys, nil)), "--ca", filepath.Join(keys, "root.pem")); code != 0 {
		t.Fatalf("unchanged DSS and timestamp revisions after seal: exit %d\n%s", code, out)
	}
	forged := a.ltvUpdates(sealed, keys, func(objs map[int]string, root, page, next int) {
		text := "BT /F1 24 Tf 72 720 Td (Everything is fine) Tj ET"
		objs[next] = fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text)
		objs[page] = regexp.MustCompile(`/Contents \d+ 0 R`).ReplaceAllString(a.show(sealed, strconv.Itoa(page)), fmt.Sprintf("/Contents %d 0 R", next))
	})
	p := writePack(t, "sealed-changed", forged)
	code, out, _ := runCLI(t, "verify", p, "--ca", filepath.Join(keys, "root.pem"))
	wantLines(t, "verify", out, "ok    revision 2 (bytes", "FAIL  revision 3 (bytes", "validation data (DSS)) changes the pack after it was signed: it changes page 1", "NOT verified")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
}
