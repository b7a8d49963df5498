package sign

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"slices"
	"time"
)

// RevocationStatus is what the CRLs say of one certificate.
type RevocationStatus int

const (
	// Good: a CRL that was current (now, or at the trusted signing time) does not list
	// the certificate.
	Good RevocationStatus = iota
	// RevokedLater: listed, but revoked after the trusted signature timestamp, so the
	// signature was made while the certificate was good.
	RevokedLater
	// Revoked: listed, with no trusted proof that the signature is older.
	Revoked
	// Unknown: no usable CRL decides (none by its issuer, or only expired ones).
	Unknown
)

// Revocation is the revocation check of one certificate of a chain.
type Revocation struct {
	Cert    *x509.Certificate
	Status  RevocationStatus
	At      time.Time // the revocation time when listed
	CRL     *CRL      // the CRL that decided, nil when none did
	Message string    // a sentence for the report
}

// dateOf formats a time for messages.
func dateOf(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// crlName names a CRL for messages: its issuer, number and source.
func crlName(l *CRL) string {
	n := ""
	if l.List.Number != nil {
		n = fmt.Sprintf(" number %s", l.List.Number)
	}
	return fmt.Sprintf("the CRL of %q (%s%s)", issuerCN(l.List), l.Source, n)
}

func issuerCN(l *x509.RevocationList) string {
	if l.Issuer.CommonName != "" {
		return l.Issuer.CommonName
	}
	return l.Issuer.String()
}

// checkRevocation checks every certificate of the pack's chain and of its signature
// timestamps' chains against the CRLs of the policy and of the DSS. Revoked certificates
// and CRLs that cannot be checked are problems; a certificate no CRL decides is a warning.
func (r *Report) checkRevocation(policy Policy) {
	crls := append([]CRL(nil), policy.CRLs...)
	var known []*x509.Certificate
	if r.DSS != nil {
		crls = append(crls, r.DSS.CRLs...)
		known = append(known, r.DSS.Certs...)
	}
	if r.Pack.Signer == nil {
		return
	}
	if len(crls) == 0 {
		r.warn("revocation was not checked: no CRL was given (--crl) or embedded in the pack (ismsgen seal)")
		return
	}
	now := policy.now()
	var signedAt time.Time // the earliest trusted time the signature is proven to exist
	for _, ts := range r.Pack.Timestamps {
		if ts.Valid && ts.Trusted && (signedAt.IsZero() || ts.Time.Before(signedAt)) {
			signedAt = ts.Time
		}
	}
	r.checkChain("the signer's certificate", slices.Concat(r.Pack.Path, r.Pack.Chain, known), crls, signedAt, now)
	for _, ts := range r.Pack.Timestamps {
		if ts.Authority != nil {
			r.checkChain("the time-stamping authority's certificate", slices.Concat(ts.Path, ts.Chain, known), crls, time.Time{}, now)
		}
	}
}

// checkChain walks from certs[0] up through its issuers (found among certs) to a
// self-issued certificate, checking each against the CRLs by its issuer.
func (r *Report) checkChain(role string, certs []*x509.Certificate, crls []CRL, signedAt, now time.Time) {
	seen := map[*x509.Certificate]bool{}
	for c := certs[0]; c != nil && !seen[c] && !selfIssued(c); role = "the CA certificate" {
		seen[c] = true
		issuer := findIssuer(c, certs)
		rev := checkCert(c, issuer, crls, signedAt, now)
		rev.Message = fmt.Sprintf("%s %q %s", role, c.Subject.CommonName, rev.Message)
		r.Revocations = append(r.Revocations, rev)
		switch rev.Status {
		case Revoked:
			r.problem("%s", rev.Message)
		case Unknown:
			r.warn("%s", rev.Message)
		}
		c = issuer
	}
}

// findIssuer returns the certificate among certs that issued c, or nil.
func findIssuer(c *x509.Certificate, certs []*x509.Certificate) *x509.Certificate {
	for _, o := range certs {
		if bytes.Equal(o.RawSubject, c.RawIssuer) && c.CheckSignatureFrom(o) == nil {
			return o
		}
	}
	return nil
}

// checkCert decides c's status from the CRLs by its issuer. A CRL that lists c proves
// the revocation whatever its age; one that does not list c proves it good only while
// it is current (or was current at the trusted signing time).
func checkCert(c, issuer *x509.Certificate, crls []CRL, signedAt, now time.Time) *Revocation {
	rev := &Revocation{Cert: c, Status: Unknown}
	var newest, unverifiable *CRL
	var bad []string
	for i := range crls {
		l := &crls[i]
		if !bytes.Equal(l.List.RawIssuer, c.RawIssuer) {
			continue
		}
		switch {
		case issuer == nil:
			unverifiable = l
			continue
		case l.List.CheckSignatureFrom(issuer) != nil:
			bad = append(bad, fmt.Sprintf("%s has a bad signature", crlName(l)))
			continue
		}
		for _, e := range l.List.RevokedCertificateEntries {
			if e.SerialNumber.Cmp(c.SerialNumber) == 0 && (rev.Status != Revoked || e.RevocationTime.Before(rev.At)) {
				rev.Status, rev.At, rev.CRL = Revoked, e.RevocationTime, l
			}
		}
		if newest == nil || l.List.ThisUpdate.After(newest.List.ThisUpdate) {
			newest = l
		}
	}
	switch {
	case rev.Status == Revoked && !signedAt.IsZero() && signedAt.Before(rev.At):
		rev.Status = RevokedLater
		rev.Message = fmt.Sprintf("was revoked on %s by %s, after the trusted signature timestamp (%s): the signature was made while it was good", dateOf(rev.At), crlName(rev.CRL), dateOf(signedAt))
	case rev.Status == Revoked:
		rev.Message = fmt.Sprintf("was revoked on %s by %s", dateOf(rev.At), crlName(rev.CRL))
	case len(bad) > 0:
		// A CRL that cannot be checked hides what it says: fail rather than guess.
		rev.Status = Revoked
		rev.Message = "cannot be checked for revocation: " + joinList(bad)
	case newest == nil && unverifiable != nil:
		rev.Message = fmt.Sprintf("was not checked for revocation: %s cannot be checked without the certificate of %q (give its root with --ca or --tsa-ca)", crlName(unverifiable), c.Issuer.CommonName)
	case newest == nil:
		rev.Message = fmt.Sprintf("was not checked for revocation: no CRL by %q", c.Issuer.CommonName)
	case now.Before(newest.List.ThisUpdate):
		rev.Message = fmt.Sprintf("was not checked for revocation: %s is dated %s, in the future", crlName(newest), dateOf(newest.List.ThisUpdate))
	case now.Before(newest.List.NextUpdate):
		rev.Status, rev.CRL = Good, newest
		rev.Message = fmt.Sprintf("is not revoked (%s, issued %s, next update %s)", crlName(newest), dateOf(newest.List.ThisUpdate), dateOf(newest.List.NextUpdate))
	case !signedAt.IsZero() && !signedAt.After(newest.List.NextUpdate):
		rev.Status, rev.CRL = Good, newest
		rev.Message = fmt.Sprintf("was not revoked at the trusted signature timestamp (%s): %s was current then (it expired on %s)", dateOf(signedAt), crlName(newest), dateOf(newest.List.NextUpdate))
	default:
		rev.Message = fmt.Sprintf("cannot be checked for revocation now: %s expired on %s (give a current one with --crl)", crlName(newest), dateOf(newest.List.NextUpdate))
	}
	return rev
}
