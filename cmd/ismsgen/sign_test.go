package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsgen/ismsgen/internal/fixture"
	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// signedSite builds the minimal site's packs signed with a keygen'd CA and returns the
// site, the pack path and the key directory.
func signedSite(t *testing.T) (src, pdf, keys string) {
	t.Helper()
	src = fixture.Write(t, fixture.Minimal())
	keys = filepath.Join(t.TempDir(), "keys")
	if code, out, errs := runCLI(t, "keygen", "--out", keys, "--org", "Example Ltd"); code != 0 {
		t.Fatalf("keygen: %d\n%s%s", code, out, errs)
	}
	code, out, errs := runCLI(t, "build", "--source", src, "--date", "2026-11-22",
		"--cert", filepath.Join(keys, "signer.pem"), "--key", filepath.Join(keys, "signer-key.pem"))
	if code != 0 {
		t.Fatalf("build: %d\n%s%s", code, out, errs)
	}
	return src, filepath.Join(src, "public", "packs", "stage1.pdf"), keys
}

func pdfsig(t *testing.T, args ...string) string {
	t.Helper()
	out, _ := exec.Command(tooltest.Need(t, "pdfsig"), args...).CombinedOutput() // pdfsig exits 0 on failures too: read its text
	return string(out)
}

func TestSignedPackPassesPdfsigAndVerify(t *testing.T) {
	src, pdf, keys := signedSite(t)
	out := pdfsig(t, pdf)
	for _, want := range []string{"Signature is Valid.", "Total document signed", "Signature Type: ETSI.CAdES.detached"} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfsig lacks %q:\n%s", want, out)
		}
	}
	// The cover carries a visible signature block naming the signer.
	cover, err := exec.Command(tooltest.Need(t, "pdftotext"), "-f", "1", "-l", "1", pdf, "-").Output()
	if err != nil || !strings.Contains(string(cover), "Digitally signed") || !strings.Contains(string(cover), "Example Ltd ISMS pack signing") {
		t.Errorf("cover lacks the signature block (err %v):\n%s", err, cover)
	}
	if b, err := exec.Command(tooltest.Need(t, "qpdf"), "--check", pdf).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, b)
	}
	// The signature's update keeps what PDF/A-3 asks of the file: the header version,
	// the XMP metadata and a file identifier in the newest trailer, which is, as in the
	// unsigned pack, a cross-reference stream's dictionary: the file has no classic table.
	signed, _ := os.ReadFile(pdf)
	if bytes.Contains(signed, []byte("\ntrailer\n")) || bytes.Contains(signed, []byte("\nxref\n")) {
		t.Error("the signed pack mixes a classic xref table with its cross-reference streams")
	}
	last := signed[max(bytes.LastIndex(signed, []byte("/Type /XRef")), 0):]
	if !bytes.HasPrefix(signed, []byte("%PDF-1.7")) || !bytes.Contains(last, []byte("/ID [")) || !bytes.Contains(signed, []byte("<pdfaid:part>3</pdfaid:part>")) {
		t.Errorf("the signed pack lost its PDF/A-3 structure; last trailer: %s", last)
	}
	// Trust the keygen root in an NSS database: pdfsig then trusts the signer.
	nss := t.TempDir()
	certutil := tooltest.Need(t, "certutil")
	for _, args := range [][]string{
		{"-N", "-d", "sql:" + nss, "--empty-password"},
		// poppler checks the email-signing trust bit, hence C,C, (C,, is not enough).
		{"-A", "-d", "sql:" + nss, "-t", "C,C,", "-n", "root", "-i", filepath.Join(keys, "root.pem")},
	} {
		if b, err := exec.Command(certutil, args...).CombinedOutput(); err != nil {
			t.Fatalf("certutil %v: %v\n%s", args, err, b)
		}
	}
	if out := pdfsig(t, "-nssdir", "sql:"+nss, pdf); !strings.Contains(out, "Certificate is Trusted.") {
		t.Errorf("with the root trusted, pdfsig says:\n%s", out)
	}
	code, vout, _ := runCLI(t, "verify", pdf, "--ca", filepath.Join(keys, "root.pem"), "--source", src)
	if code != 0 || !strings.Contains(vout, "verified: every check holds") {
		t.Errorf("verify: exit %d\n%s", code, vout)
	}
	// No key material anywhere under the output directory.
	key, _ := os.ReadFile(filepath.Join(keys, "signer-key.pem"))
	filepath.WalkDir(filepath.Join(src, "public"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, []byte("PRIVATE KEY")) || bytes.Contains(b, key[40:80]) {
			t.Errorf("%s holds private key material", p)
		}
		return nil
	})
}

func TestTamperedPacksFailVerify(t *testing.T) {
	src, pdf, keys := signedSite(t)
	orig, _ := os.ReadFile(pdf)
	tamper := func(name string, b []byte) string {
		p := filepath.Join(t.TempDir(), name+".pdf")
		os.WriteFile(p, b, 0o644)
		return p
	}
	flipped := bytes.Clone(orig)
	flipped[len(orig)/3] ^= 0x01 // inside the first signed range (the cover and body)
	p := tamper("flipped", flipped)
	if out := pdfsig(t, p); !strings.Contains(out, "Digest Mismatch.") {
		t.Errorf("flipped byte: pdfsig says\n%s", out)
	}
	if code, out, _ := runCLI(t, "verify", p); code != 1 || !strings.Contains(out, "is not valid: digest mismatch") {
		t.Errorf("flipped byte: verify exit %d\n%s", code, out)
	}
	appended := append(bytes.Clone(orig), []byte("\n% appended after signing\n")...)
	p = tamper("appended", appended)
	if out := pdfsig(t, p); !strings.Contains(out, "Not total document signed") {
		t.Errorf("appended: pdfsig says\n%s", out)
	}
	if code, out, _ := runCLI(t, "verify", p); code != 1 || !strings.Contains(out, "appended after the signed revision") {
		t.Errorf("appended: verify exit %d\n%s", code, out)
	}
	// Another CA's root does not vouch for this pack.
	other := filepath.Join(t.TempDir(), "other")
	if code, _, _ := runCLI(t, "keygen", "--out", other, "--org", "Someone Else", "--rsa"); code != 0 {
		t.Fatal("keygen other")
	}
	if code, out, _ := runCLI(t, "verify", pdf, "--ca", filepath.Join(other, "root.pem")); code != 1 || !strings.Contains(out, "does not chain to") {
		t.Errorf("other CA: verify exit %d\n%s", code, out)
	}
	// verify --source names exactly the file edited after the build.
	fixture.WriteTo(t, src, fixture.Files{"evidence/encryption.csv": "device,encrypted\nlaptop-1,no\n"})
	code, out, _ := runCLI(t, "verify", pdf, "--ca", filepath.Join(keys, "root.pem"), "--source", src)
	if code != 1 || strings.Count(out, "FAIL  ") != 1 || !strings.Contains(out, "FAIL  source changed since the pack was built: evidence/encryption.csv") {
		t.Errorf("edited source: verify exit %d\n%s", code, out)
	}
}

func TestSignedBuildsAreByteIdentical(t *testing.T) {
	src, pdf, keys := signedSite(t)
	first, _ := os.ReadFile(pdf)
	if code, out, errs := runCLI(t, "build", "--source", src, "--date", "2026-11-22",
		"--cert", filepath.Join(keys, "signer.pem"), "--key", filepath.Join(keys, "signer-key.pem")); code != 0 {
		t.Fatalf("second build: %s%s", out, errs)
	}
	second, _ := os.ReadFile(pdf)
	if !bytes.Equal(first, second) {
		t.Error("two signed builds of the same sources, key and date differ")
	}
}

func TestReadableKeyIsRefused(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	keys := filepath.Join(t.TempDir(), "keys")
	runCLI(t, "keygen", "--out", keys, "--org", "Example Ltd")
	os.Chmod(filepath.Join(keys, "signer-key.pem"), 0o640)
	code, _, errs := runCLI(t, "build", "--source", src, "--date", "2026-11-22",
		"--cert", filepath.Join(keys, "signer.pem"), "--key", filepath.Join(keys, "signer-key.pem"))
	if code != 1 || !strings.Contains(errs, "signer-key.pem") || !strings.Contains(errs, "chmod 600") {
		t.Errorf("group-readable key: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Error("a build with a refused key wrote output")
	}
}

func TestDevelopmentSignerIsAnnouncedAndKeptOutsideOutput(t *testing.T) {
	src := fixture.Write(t, fixture.Minimal())
	code, out, errs := runCLI(t, "build", "--source", src, "--date", "2026-11-22")
	if code != 0 || !strings.Contains(out, "DEVELOPMENT certificate") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(src, ".ismsgen", "dev-signing", "signer-key.pem")); err != nil {
		t.Errorf("development key not kept in .ismsgen/dev-signing: %v", err)
	}
	if out := pdfsig(t, filepath.Join(src, "public", "packs", "stage1.pdf")); !strings.Contains(out, "DEVELOPMENT") || !strings.Contains(out, "Signature is Valid.") {
		t.Errorf("pdfsig:\n%s", out)
	}
}
