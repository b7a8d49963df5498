package sign

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

func TestLoadPEMRefusesReadableKey(t *testing.T) {
	_, ecdsaCA, _ := shared.get(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "key.pem")
	data, err := os.ReadFile(ecdsaCA.key)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		os.Remove(key)
		if err := os.WriteFile(key, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(key, mode); err != nil { // explicit: the umask must not decide
			t.Fatal(err)
		}
		_, err := LoadPEM(ecdsaCA.cert, key)
		if err == nil {
			t.Fatalf("mode %04o accepted", mode)
		}
		for _, want := range []string{key, fmt.Sprintf("mode %04o", mode), "chmod 600 " + key} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("mode %04o: error %q does not mention %q", mode, err, want)
			}
		}
	}
	if err := os.Chmod(key, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPEM(ecdsaCA.cert, key); err != nil {
		t.Fatalf("mode 0600 refused: %v", err)
	}
}

func TestKeygenFiles(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	for _, ca := range []*testCA{rsaCA, ecdsaCA} {
		if fi, err := os.Stat(ca.dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: dir mode %v, %v; want 0700", ca.dir, fi.Mode().Perm(), err)
		}
		for _, key := range []string{ca.key, filepath.Join(ca.dir, rootKeyFile)} {
			if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v, %v; want 0600", key, fi.Mode().Perm(), err)
			}
		}
		leaf, root := ca.signer.Chain[0], ca.signer.Chain[1]
		if len(ca.signer.Chain) != 2 || leaf.IsCA || !root.IsCA || leaf.CheckSignatureFrom(root) != nil {
			t.Errorf("signer.pem is not leaf + issuing root")
		}
		rootPEM, _ := os.ReadFile(ca.root)
		if block, _ := pem.Decode(rootPEM); block == nil || !bytes.Equal(block.Bytes, root.Raw) {
			t.Errorf("root.pem is not the root of signer.pem")
		}
		switch k := leaf.PublicKey.(type) {
		case *rsa.PublicKey:
			if k.N.BitLen() != 3072 {
				t.Errorf("RSA key of %d bits", k.N.BitLen())
			}
		case *ecdsa.PublicKey:
			if k.Curve.Params().Name != "P-256" {
				t.Errorf("ECDSA curve %s", k.Curve.Params().Name)
			}
		}
	}
	if _, _, _, err := Keygen(rsaCA.dir, KeygenOptions{CommonName: "again", ECDSA: true}); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Keygen over existing keys: err = %v, want fs.ErrExist", err)
	}
	if _, _, _, err := Keygen(t.TempDir(), KeygenOptions{}); err == nil {
		t.Fatal("Keygen without a common name succeeded")
	}
}

// TestLoadPEMFormats: PKCS#1 and SEC1 keys load as well as PKCS#8, and a chain file that
// lists the root first still yields the signer first.
func TestLoadPEMFormats(t *testing.T) {
	rsaCA, ecdsaCA, _ := shared.get(t)
	dir := t.TempDir()
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY",
		Bytes: x509.MarshalPKCS1PrivateKey(rsaCA.signer.Key.(*rsa.PrivateKey))})
	sec1DER, err := x509.MarshalECPrivateKey(ecdsaCA.signer.Key.(*ecdsa.PrivateKey))
	if err != nil {
		t.Fatal(err)
	}
	sec1 := append([]byte("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1DER})...)
	reversed := filepath.Join(dir, "reversed.pem")
	chain := append(certPEM(ecdsaCA.signer.Chain[1].Raw), certPEM(ecdsaCA.signer.Chain[0].Raw)...)
	if err := os.WriteFile(reversed, chain, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, cert string
		key        []byte
		ca         *testCA
	}{
		{"PKCS#1", rsaCA.cert, pkcs1, rsaCA},
		{"SEC1", ecdsaCA.cert, sec1, ecdsaCA},
		{"root first", reversed, mustRead(t, ecdsaCA.key), ecdsaCA},
	} {
		key := filepath.Join(dir, "key-"+strings.ReplaceAll(tc.name, " ", "-"))
		if err := os.WriteFile(key, tc.key, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := LoadPEM(tc.cert, key)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !s.Chain[0].Equal(tc.ca.signer.Chain[0]) || len(s.Chain) != 2 {
			t.Errorf("%s: chain does not start with the signer", tc.name)
		}
	}
	// A key that belongs to no certificate in the file is refused.
	if _, err := LoadPEM(rsaCA.cert, ecdsaCA.key); err == nil || !strings.Contains(err.Error(), "matches the private key") {
		t.Fatalf("mismatched key: err = %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLoadPKCS12 exports the test signer with OpenSSL: legacy encryption loads, the
// OpenSSL 3 default (AES, SHA-256 MAC) is refused with advice, as is a wrong password.
func TestLoadPKCS12(t *testing.T) {
	openssl := tooltest.Need(t, "openssl")
	rsaCA, _, _ := shared.get(t)
	dir := t.TempDir()
	legacy, modern := filepath.Join(dir, "legacy.p12"), filepath.Join(dir, "modern.p12")
	base := []string{"pkcs12", "-export", "-in", rsaCA.cert, "-inkey", rsaCA.key, "-passout", "pass:s3cret"}
	runTool(t, openssl, append(base, "-out", legacy, "-certpbe", "PBE-SHA1-3DES", "-keypbe", "PBE-SHA1-3DES", "-macalg", "sha1")...)
	runTool(t, openssl, append(base, "-out", modern)...)
	for _, p := range []string{legacy, modern} {
		if err := os.Chmod(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := LoadPKCS12(legacy, "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if !s.Chain[0].Equal(rsaCA.signer.Chain[0]) || len(s.Chain) != 2 {
		t.Fatalf("chain from PKCS#12: %d certificates", len(s.Chain))
	}
	signed := mustSign(t, makePDF(t, 1), s)
	if r := mustVerify(t, signed, rsaCA.roots); !r.OK() {
		t.Fatalf("PKCS#12 signer: %+v", r)
	}
	if _, err := LoadPKCS12(legacy, "wrong"); err == nil {
		t.Error("wrong password accepted")
	}
	if _, err := LoadPKCS12(modern, "s3cret"); err == nil || !strings.Contains(err.Error(), "-legacy") {
		t.Errorf("modern PKCS#12: err = %v, want advice to use -legacy", err)
	}
	if err := os.Chmod(legacy, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPKCS12(legacy, "s3cret"); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("world-readable PKCS#12: err = %v", err)
	}
}

func TestDevSigner(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site", ".ismsgen", "dev-signing")
	now := time.Now()
	first, created, err := DevSigner(dir, now)
	if err != nil || !created {
		t.Fatalf("first call: created=%v err=%v", created, err)
	}
	leaf := first.Chain[0]
	if leaf.Subject.CommonName != DevCommonName || len(leaf.Subject.Organization) != 1 ||
		!strings.Contains(leaf.Subject.Organization[0], "DEVELOPMENT") {
		t.Errorf("subject %v", leaf.Subject)
	}
	if !strings.Contains(first.Chain[1].Subject.CommonName, "DEVELOPMENT") {
		t.Errorf("root subject %v", first.Chain[1].Subject)
	}
	if fi, err := os.Stat(filepath.Join(dir, signerKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key mode %v, %v", fi.Mode().Perm(), err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, %v", fi.Mode().Perm(), err)
	}

	again, created, err := DevSigner(dir, now.Add(time.Hour))
	if err != nil || created {
		t.Fatalf("second call: created=%v err=%v", created, err)
	}
	if !again.Chain[0].Equal(leaf) {
		t.Fatal("second call made a new certificate instead of reusing the first")
	}

	signed := mustSign(t, makePDF(t, 1), again)
	roots := x509.NewCertPool()
	roots.AddCert(again.Chain[1])
	// A development signature is always reported, and passes only when allowed.
	if r := mustVerify(t, signed, roots); r.OK() || !r.Pack.Development || !r.Pack.Trusted || !hasProblem(r, "DEVELOPMENT") {
		t.Fatalf("development signature without --allow-development: %+v", r)
	}
	if r, err := Verify(signed, Policy{Roots: roots, AllowDevelopment: true}); err != nil || !r.OK() || !r.Pack.Development {
		t.Fatalf("development signature allowed: %+v, %v", r, err)
	}
	if _, _, err := DevSigner(dir, leaf.NotAfter.Add(time.Hour)); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Errorf("expired development signer: err = %v", err)
	}
}
