package sign

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// testTime is the fixed build time of every test PDF and signature.
var testTime = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

// makePDF builds a small multi-page PDF the way ismsgen does: fixed dates and sorted
// catalog, so it is byte-identical on every run.
func makePDF(t testing.TB, pages int) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(testTime)
	p.SetModificationDate(testTime)
	p.SetCatalogSort(true)
	p.SetTitle("ISMS pack", true)
	for i := range pages {
		p.AddPage()
		p.SetFont("Helvetica", "", 12)
		p.Cell(40, 10, fmt.Sprintf("Information security policy, page %d", i+1))
		p.LinkString(10, 10, 30, 10, "https://example.com/")
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testCA is a Keygen directory with its signer loaded.
type testCA struct {
	dir, root, cert, key string
	signer               Signer
	roots                *x509.CertPool
}

func newTestCA(dir, name string, ecdsa bool) (*testCA, error) {
	root, cert, key, err := Keygen(dir, KeygenOptions{
		CommonName: name, Organisation: "ismsgen tests", Days: 30, ECDSA: ecdsa,
	})
	if err != nil {
		return nil, err
	}
	s, err := LoadPEM(cert, key)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(s.Chain[len(s.Chain)-1])
	return &testCA{dir: dir, root: root, cert: cert, key: key, signer: s, roots: pool}, nil
}

// testCAs are made once per test binary, because RSA 3072 key generation is slow under
// -race; they live in a directory TestMain removes.
type testCAs struct {
	once              sync.Once
	base              string
	rsa, ecdsa, other *testCA
	err               error
}

func (c *testCAs) get(t *testing.T) (rsaCA, ecdsaCA, otherCA *testCA) {
	t.Helper()
	c.once.Do(func() {
		if c.rsa, c.err = newTestCA(filepath.Join(c.base, "rsa"), "ismsgen test signer RSA", false); c.err != nil {
			return
		}
		if c.ecdsa, c.err = newTestCA(filepath.Join(c.base, "ecdsa"), "ismsgen test signer ECDSA", true); c.err != nil {
			return
		}
		c.other, c.err = newTestCA(filepath.Join(c.base, "other"), "ismsgen other CA signer", true)
	})
	if c.err != nil {
		t.Fatalf("creating test CAs: %v", c.err)
	}
	return c.rsa, c.ecdsa, c.other
}

// shared holds the per-binary test CAs; it is test-only state.
var shared testCAs

func TestMain(m *testing.M) {
	base, err := os.MkdirTemp("", "ismsgen-sign-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shared.base = base
	code := m.Run()
	os.RemoveAll(base)
	os.Exit(code)
}

func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfsig runs poppler's verifier and returns its text; it exits 0 whatever it finds, so
// tests must read the text.
func pdfsig(t *testing.T, file []byte, args ...string) string {
	t.Helper()
	bin := tooltest.Need(t, "pdfsig")
	path := writeTemp(t, "sig.pdf", file)
	out, err := exec.Command(bin, append(args, path)...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// qpdfCheck asserts that qpdf finds neither errors nor warnings.
func qpdfCheck(t *testing.T, file []byte) {
	t.Helper()
	bin := tooltest.Need(t, "qpdf")
	path := writeTemp(t, "check.pdf", file)
	out, err := exec.Command(bin, "--check", path).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	if text := strings.ToLower(string(out)); strings.Contains(text, "warning") || strings.Contains(text, "error:") ||
		!strings.Contains(text, "no syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check is not clean:\n%s", out)
	}
}

func wantAll(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}

func wantNone(t *testing.T, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("unexpected %q in:\n%s", w, text)
		}
	}
}

func mustSign(t *testing.T, file []byte, s Signer) []byte {
	t.Helper()
	out, err := Sign(file, s, Options{Time: testTime, Name: "ISMS Officer", Reason: "Approved ISMS pack",
		Location: "Kraków", ContactInfo: "isms@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// lastSignature returns the signature that covers the most of pdf.
func lastSignature(t testing.TB, file []byte) *Signature {
	t.Helper()
	sigs, err := findSignatures(file, nil)
	if err != nil || len(sigs) == 0 {
		t.Fatalf("no signature found: %v", err)
	}
	return sigs[len(sigs)-1]
}

func mustVerify(t *testing.T, file []byte, roots *x509.CertPool) *Report {
	t.Helper()
	r, err := Verify(file, Policy{Roots: roots})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
