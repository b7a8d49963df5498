package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/internal/tsatest"
)

// tsaRoot makes, with keygen, the root of a time-stamping authority that is not the
// organisation's (its own root.crl included) and starts the authority under it.
func tsaRoot(t *testing.T) (tsa *tsatest.TSA, dir string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "tsa-ca")
	if code, out, errs := runCLI(t, "keygen", "--out", dir, "--org", "Time Authority Ltd"); code != 0 {
		t.Fatalf("keygen: %s%s", out, errs)
	}
	return tsatest.Start(t, filepath.Join(dir, "root.pem"), filepath.Join(dir, "root-key.pem"), tsatest.Options{}), dir
}

// timestampedSite is signedSite with --tsa: the pack's signature is timestamped (B-T).
func timestampedSite(t *testing.T) (src, pdf, keys string, tsa *tsatest.TSA, tsaDir string) {
	t.Helper()
	src, _, keys = signedSite(t)
	tsa, tsaDir = tsaRoot(t)
	code, out, errs := runCLI(t, "pack", "--source", src, "--date", "2026-11-22", "--tsa", tsa.URL,
		"--cert", filepath.Join(keys, "signer.pem"), "--key", filepath.Join(keys, "signer-key.pem"))
	if code != 0 || !strings.Contains(out, "signed and timestamped by "+tsa.URL) {
		t.Fatalf("pack --tsa: %d\n%s%s", code, out, errs)
	}
	return src, filepath.Join(src, "public", "packs", "stage1.pdf"), keys, tsa, tsaDir
}

// TestTimestampedPack: pack --tsa makes a B-T pack that pdfsig accepts; verify names the
// authority and time, trusts it only under --tsa-ca, and says so when not.
func TestTimestampedPack(t *testing.T) {
	_, pdf, keys, _, tsaDir := timestampedSite(t)
	out := pdfsig(t, pdf)
	for _, want := range []string{"Signature is Valid.", "Total document signed", "ETSI.CAdES.detached"} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfsig lacks %q:\n%s", want, out)
		}
	}
	if cover := coverText(t, pdf); !strings.Contains(cover, "ismsgen verify PACK.pdf --ca ROOT.pem --tsa-ca TSA-ROOT.pem") {
		t.Errorf("the cover does not say how to verify a timestamped pack:\n%s", cover)
	}
	root, tsaCA := filepath.Join(keys, "root.pem"), filepath.Join(tsaDir, "root.pem")
	today := time.Now().UTC().Format(time.DateOnly)
	code, vout, _ := runCLI(t, "verify", pdf, "--ca", root, "--tsa-ca", tsaCA)
	for _, want := range []string{
		`ok    signature timestamp on signature 1: valid, by "Test TSA" issued by "Time Authority Ltd ISMS pack signing root CA", ` + today,
		"trusted: chains to " + tsaCA,
		"ok    PAdES level B-T (signature with a signature timestamp)",
		"verified: every check holds",
	} {
		if !strings.Contains(vout, want) {
			t.Errorf("verify --tsa-ca lacks %q", want)
		}
	}
	if code != 0 {
		t.Errorf("verify --tsa-ca: exit %d", code)
	}
	if t.Failed() {
		t.Log(vout)
	}

	// Without --tsa-ca the timestamp proves no time: said twice, and the pack still
	// verifies, because the organisation's signature does.
	code, vout, _ = runCLI(t, "verify", pdf, "--ca", root)
	if code != 0 || !strings.Contains(vout, "not trusted (no --tsa-ca given") ||
		!strings.Contains(vout, `warn  the signature timestamp by "Test TSA"`) || !strings.Contains(vout, "PAdES level B-T") ||
		!strings.Contains(vout, "verified: every check holds (the warn lines") {
		t.Errorf("no --tsa-ca: exit %d\n%s", code, vout)
	}
	// The organisation's root is no TSA root.
	code, vout, _ = runCLI(t, "verify", pdf, "--ca", root, "--tsa-ca", root)
	if code != 1 || !strings.Contains(vout, "FAIL  signature timestamp on signature 1: valid") || !strings.Contains(vout, "NOT trusted: does not chain to") {
		t.Errorf("--tsa-ca of the wrong root: exit %d\n%s", code, vout)
	}
}

// TestTSAFlags: --tsa-ca asks for proof of time, which a B-B pack lacks; a bad --tsa is
// a usage error; signing: {tsa: } in data/site.yaml timestamps packs without the flag.
func TestTSAFlags(t *testing.T) {
	src, pdf, keys := signedSite(t)
	tsa, tsaDir := tsaRoot(t)
	code, out, _ := runCLI(t, "verify", pdf, "--ca", filepath.Join(keys, "root.pem"), "--tsa-ca", filepath.Join(tsaDir, "root.pem"))
	if code != 1 || !strings.Contains(out, "carries no timestamp") || !strings.Contains(out, "PAdES level B-B") {
		t.Errorf("B-B pack with --tsa-ca: exit %d\n%s", code, out)
	}
	if code, _, errs := runCLI(t, "pack", "--source", src, "--tsa", "ftp://tsa.example"); code != 2 || !strings.Contains(errs, "--tsa: ") {
		t.Errorf("ftp --tsa: exit %d\n%s", code, errs)
	}
	// A file that is not a CRL is a problem with a file, not with the command line: exit 1.
	if code, _, errs := runCLI(t, "verify", pdf, "--crl", filepath.Join(keys, "root.pem")); code != 1 || !strings.Contains(errs, "verify --crl") {
		t.Errorf("--crl of a certificate: exit %d\n%s", code, errs)
	}
	site, _ := os.ReadFile(filepath.Join(src, "data", "site.yaml"))
	os.WriteFile(filepath.Join(src, "data", "site.yaml"), append(site, []byte("signing:\n  tsa: "+tsa.URL+"\n")...), 0o644)
	before := tsa.Count()
	if code, out, errs := runCLI(t, "build", "--source", src, "--date", "2026-11-22", "--quiet",
		"--cert", filepath.Join(keys, "signer.pem"), "--key", filepath.Join(keys, "signer-key.pem")); code != 0 {
		t.Fatalf("build: %s%s", out, errs)
	}
	if tsa.Count() <= before {
		t.Error("signing: {tsa: } did not reach the authority")
	}
	if code, out, _ := runCLI(t, "verify", pdf, "--ca", filepath.Join(keys, "root.pem"), "--tsa-ca", filepath.Join(tsaDir, "root.pem")); code != 0 || !strings.Contains(out, "PAdES level B-T") {
		t.Errorf("site-configured TSA: exit %d\n%s", code, out)
	}
}
