package sign

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/ismsgen/ismsgen/internal/filetree"
)

// rootCRLFile is the root's certificate revocation list, DER-encoded (the usual form of
// a .crl file; LoadCRLs reads PEM too).
const rootCRLFile = "root.crl"

// defaultCRLDays is how long a CRL Keygen or UpdateCRL issues stays current: its next
// update is this many days after it is issued.
const defaultCRLDays = 30

// CRL is a certificate revocation list and where it came from, for messages.
type CRL struct {
	List   *x509.RevocationList
	Raw    []byte // DER
	Source string
}

// LoadCRLs reads CRLs from files, each DER or PEM (one or more "X509 CRL" blocks).
func LoadCRLs(paths ...string) ([]CRL, error) {
	var out []CRL
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		ders, err := crlDER(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, der := range ders {
			l, err := x509.ParseRevocationList(der)
			if err != nil {
				return nil, fmt.Errorf("%s: not a CRL: %w", path, err)
			}
			out = append(out, CRL{List: l, Raw: der, Source: path})
		}
	}
	return out, nil
}

// crlDER returns the DER CRLs in b: b itself, or each PEM "X509 CRL" block.
func crlDER(b []byte) ([][]byte, error) {
	if !bytes.Contains(b, []byte("-----BEGIN")) {
		return [][]byte{b}, nil
	}
	var out [][]byte
	for {
		var blk *pem.Block
		if blk, b = pem.Decode(b); blk == nil {
			break
		}
		if blk.Type == "X509 CRL" {
			out = append(out, blk.Bytes)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no PEM X509 CRL block")
	}
	return out, nil
}

// CRLOptions describe a CRL that UpdateCRL issues.
type CRLOptions struct {
	Now  time.Time // this update, and the revocation time of what it adds; default time.Now()
	Days int       // until the next update; default 30
	Rand io.Reader // default crypto/rand
}

func (o *CRLOptions) defaults() {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Days <= 0 {
		o.Days = defaultCRLDays
	}
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
}

// issueCRL signs a CRL with number n listing entries, current for opt.Days.
func issueCRL(root *x509.Certificate, key crypto.Signer, n *big.Int, entries []x509.RevocationListEntry, opt CRLOptions) ([]byte, error) {
	opt.defaults()
	now := opt.Now.UTC().Truncate(time.Second)
	return x509.CreateRevocationList(opt.Rand, &x509.RevocationList{
		Number:                    n,
		ThisUpdate:                now,
		NextUpdate:                now.AddDate(0, 0, opt.Days),
		RevokedCertificateEntries: entries,
	}, root, key)
}

// UpdateCRL re-issues the CRL of the Keygen root in dir (root.crl, signed with
// root-key.pem) with a CRL number one higher, listing what it listed before plus the
// certificates in revoke, which the root must have issued. A directory from before
// root.crl existed gets its first one. It returns the path and the new list.
func UpdateCRL(dir string, revoke []*x509.Certificate, opt CRLOptions) (string, *x509.RevocationList, error) {
	opt.defaults()
	rootPath, keyPath, path := filepath.Join(dir, rootCertFile), filepath.Join(dir, rootKeyFile), filepath.Join(dir, rootCRLFile)
	signer, err := LoadPEM(rootPath, keyPath)
	if err != nil {
		return "", nil, fmt.Errorf("the root CA in %s: %w", dir, err)
	}
	root := signer.Chain[0]
	n := big.NewInt(0)
	var entries []x509.RevocationListEntry
	listed := map[string]bool{}
	switch _, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", nil, err
	default:
		old, err := LoadCRLs(path)
		if err != nil {
			return "", nil, err
		}
		if len(old) != 1 {
			return "", nil, fmt.Errorf("%s holds %d CRLs, want one", path, len(old))
		}
		if err := old[0].List.CheckSignatureFrom(root); err != nil {
			return "", nil, fmt.Errorf("%s is not signed by %s: %w", path, rootPath, err)
		}
		n.Set(old[0].List.Number)
		for _, e := range old[0].List.RevokedCertificateEntries {
			entries = append(entries, x509.RevocationListEntry{SerialNumber: e.SerialNumber, RevocationTime: e.RevocationTime,
				ReasonCode: e.ReasonCode, Extensions: e.Extensions})
			listed[e.SerialNumber.String()] = true
		}
	}
	for _, c := range revoke {
		if !bytes.Equal(c.RawIssuer, root.RawSubject) || c.CheckSignatureFrom(root) != nil {
			return "", nil, fmt.Errorf("the certificate %q (serial %X) was not issued by the root %q in %s", c.Subject.CommonName, c.SerialNumber, root.Subject.CommonName, rootPath)
		}
		if listed[c.SerialNumber.String()] {
			continue
		}
		listed[c.SerialNumber.String()] = true
		entries = append(entries, x509.RevocationListEntry{SerialNumber: c.SerialNumber, RevocationTime: opt.Now.UTC().Truncate(time.Second)})
	}
	der, err := issueCRL(root, signer.Key, n.Add(n, big.NewInt(1)), entries, opt)
	if err != nil {
		return "", nil, err
	}
	if err := filetree.Replace(path, der, 0o644); err != nil {
		return "", nil, err
	}
	l, err := x509.ParseRevocationList(der)
	return path, l, err
}
