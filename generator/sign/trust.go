package sign

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"slices"
	"time"
)

// Policy says what a pack must show to verify.
type Policy struct {
	// Roots are the certificates the organisation's signature must chain to. Without
	// them a signature can be intact, but nothing says who made it, so the pack does not
	// verify.
	Roots *x509.CertPool
	// AllowDevelopment accepts a pack signed with ismsgen's development certificate;
	// without it such a pack never verifies, whatever the roots.
	AllowDevelopment bool
	// TSARoots are the trust anchors of time-stamping authorities, kept apart from Roots:
	// the authority that vouches for a time is not the one that vouches for a signer.
	// With them, every timestamp must chain to one, and the pack must carry at least
	// one timestamp; without them a timestamp is reported but proves no time.
	TSARoots *x509.CertPool
	// CRLs are revocation lists to check the certificates against, besides those in the
	// pack's DSS.
	CRLs []CRL
	// Now is the time certificates and CRLs are checked at; zero means time.Now().
	Now time.Time
}

func (p Policy) now() time.Time {
	if p.Now.IsZero() {
		return time.Now()
	}
	return p.Now
}

// isDevelopment reports whether c is ismsgen's development signer (or its root).
func isDevelopment(c *x509.Certificate) bool {
	if c == nil {
		return false
	}
	return c.Subject.CommonName == DevCommonName || c.Subject.CommonName == devRootName ||
		slices.Contains(c.Subject.Organization, DevOrganisation) || c.Issuer.CommonName == devRootName
}

// LoadRoots reads every PEM certificate in the files (a bundle of several roots is
// fine) into one pool.
func LoadRoots(paths ...string) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	for _, path := range paths {
		certs, err := LoadCertificates(path)
		if err != nil {
			return nil, err
		}
		for _, c := range certs {
			pool.AddCert(c)
		}
	}
	return pool, nil
}

// LoadCertificates reads the PEM certificates of a file, in order; a file without any
// is an error.
func LoadCertificates(path string) ([]*x509.Certificate, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []*x509.Certificate
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return out, nil
}
