package tsatest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ismsgen/ismsgen/internal/tooltest"
)

// Fault makes the authority misbehave in one way, to test the client's checks.
type Fault int

const (
	// Honest answers every query correctly.
	Honest Fault = iota
	// OtherQuery answers a different query than the one asked (another imprint, no nonce).
	OtherQuery
	// Reject answers with status rejection (the query asks for a digest the TSA refuses).
	Reject
	// WrongType answers with the right bytes but Content-Type text/plain.
	WrongType
)

// Options configure an authority.
type Options struct {
	Name  string // the TSA certificate's common name; default "Test TSA"
	Fault Fault
	// Certs is a PEM file of more certificates every token carries besides the TSA's
	// (as a real authority sends its intermediates), to make tokens larger.
	Certs string
}

// TSA is a running authority.
type TSA struct {
	URL      string // where to POST queries
	Cert     string // PEM file of the TSA certificate
	Name     string // its common name
	mu       sync.Mutex
	requests int
	openssl  string
	dir      string
	cnf      string
	fault    Fault
}

// Start issues a TSA certificate from the root (PEM certificate and key files) and
// serves the authority until the test ends.
func Start(t testing.TB, rootCert, rootKey string, opt Options) *TSA {
	t.Helper()
	a := &TSA{openssl: tooltest.Need(t, "openssl"), dir: t.TempDir(), fault: opt.Fault, Name: opt.Name}
	if a.Name == "" {
		a.Name = "Test TSA"
	}
	key, csr := filepath.Join(a.dir, "tsa-key.pem"), filepath.Join(a.dir, "tsa.csr")
	a.Cert = filepath.Join(a.dir, "tsa.pem")
	ext := filepath.Join(a.dir, "tsa-ext.cnf")
	write(t, ext, "keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n")
	a.run(t, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
		"-keyout", key, "-subj", "/O=ismsgen tests/CN="+a.Name, "-out", csr)
	a.run(t, "x509", "-req", "-in", csr, "-CA", rootCert, "-CAkey", rootKey, "-days", "30",
		"-extfile", ext, "-set_serial", "0x7a5a", "-out", a.Cert)
	serial := filepath.Join(a.dir, "tsa-serial")
	write(t, serial, "01\n")
	a.cnf = filepath.Join(a.dir, "tsa.cnf")
	write(t, a.cnf, fmt.Sprintf(`[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = %s
signer_cert = %s
signer_key = %s
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
ess_cert_id_alg = sha256
ess_cert_id_chain = no
`, serial, a.Cert, key))
	if opt.Certs != "" {
		f, err := os.OpenFile(a.cnf, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "certs = %s\n", opt.Certs)
		f.Close()
	}
	srv := httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(srv.Close)
	a.URL = srv.URL + "/tsa"
	return a
}

func (a *TSA) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/timestamp-query" {
		http.Error(w, "want a POST of application/timestamp-query", http.StatusBadRequest)
		return
	}
	query, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	// openssl ts keeps its serial number in a file: one query at a time.
	a.mu.Lock()
	defer a.mu.Unlock()
	a.requests++
	q, resp := filepath.Join(a.dir, "q.tsq"), filepath.Join(a.dir, "r.tsr")
	if err := os.WriteFile(q, query, 0o644); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	switch a.fault {
	case OtherQuery:
		data := filepath.Join(a.dir, "other")
		os.WriteFile(data, []byte("some other document"), 0o644)
		if out, err := exec.Command(a.openssl, "ts", "-query", "-data", data, "-sha256", "-cert", "-no_nonce", "-out", q).CombinedOutput(); err != nil {
			http.Error(w, string(out), http.StatusInternalServerError)
			return
		}
	case Reject:
		data := filepath.Join(a.dir, "other")
		os.WriteFile(data, []byte("x"), 0o644)
		exec.Command(a.openssl, "ts", "-query", "-data", data, "-sha512", "-out", q).Run()
	}
	if out, err := exec.Command(a.openssl, "ts", "-reply", "-queryfile", q, "-config", a.cnf, "-out", resp).CombinedOutput(); err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	b, err := os.ReadFile(resp)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if a.fault == WrongType {
		w.Header().Set("Content-Type", "text/plain")
	} else {
		w.Header().Set("Content-Type", "application/timestamp-reply")
	}
	w.Write(b)
}

// Count returns how many queries the authority answered.
func (a *TSA) Count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.requests
}

func (a *TSA) run(t testing.TB, args ...string) {
	t.Helper()
	if out, err := exec.Command(a.openssl, args...).CombinedOutput(); err != nil {
		t.Fatalf("openssl %v: %v\n%s", args, err, out)
	}
}

func write(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
