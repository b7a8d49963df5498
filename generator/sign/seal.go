package sign

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// SealOptions say what Seal adds to a signed pack.
type SealOptions struct {
	// CRLs go into the DSS; each must be by the issuer of a certificate in the pack.
	CRLs []CRL
	// Timestamper, when set, adds a document timestamp after the validation data, so
	// that the DSS is itself timestamped (PAdES B-LTA).
	Timestamper Timestamper
}

// Sealed is what Seal made.
type Sealed struct {
	PDF []byte
	// AddedCerts and AddedCRLs count what the DSS update added; both are 0 when the
	// pack's DSS already held everything and no DSS update was written.
	AddedCerts, AddedCRLs int
	// Timestamped: a document timestamp was appended.
	Timestamped bool
}

// Seal appends to a signed pack an incremental update with validation data — a /DSS in
// the catalog holding the certificates of every signature's and signature timestamp's
// chain and the given CRLs (PAdES B-LT) — and, with a timestamper, a document timestamp
// after it (B-LTA). The update changes nothing else the signature covers, so the
// organisation's signature stays valid. Seal refuses a pack whose first signature does
// not verify cryptographically.
func Seal(ctx context.Context, file []byte, opt SealOptions) (*Sealed, error) {
	doc, err := pdf.Open(file)
	if err != nil {
		return nil, err
	}
	sigs, err := findSignatures(file, doc)
	if err != nil {
		return nil, err
	}
	if len(sigs) == 0 {
		return nil, ErrNotSigned
	}
	var certs []*x509.Certificate
	for _, s := range sigs {
		s.check(file, Policy{})
		certs = appendNew(certs, s.Chain...)
		for _, ts := range s.Timestamps {
			certs = appendNew(certs, ts.Chain...)
		}
	}
	if p := sigs[0]; p.Timestamp || !p.Valid {
		return nil, fmt.Errorf("the pack's signature is not valid (%s): seal adds validation data only to an intact pack", strings.Join(p.Problems, "; "))
	}
	for _, l := range opt.CRLs {
		if err := crlBelongs(l, certs); err != nil {
			return nil, err
		}
	}
	out := &Sealed{PDF: file}
	if out.PDF, out.AddedCerts, out.AddedCRLs, err = appendDSS(doc, certs, opt.CRLs); err != nil {
		return nil, err
	}
	if opt.Timestamper == nil {
		return out, nil
	}
	out.PDF, err = appendSigned(out.PDF, docTimestampField(), tokenReserve, true, func(digest []byte) ([]byte, error) {
		tok, err := opt.Timestamper.Timestamp(ctx, digest)
		if err != nil {
			return nil, err
		}
		if t, err := parseToken(tok); err != nil || !bytes.Equal(t.info.hashed, digest) {
			return nil, errors.New("the timestamp authority's token does not timestamp the pack")
		}
		return tok, nil
	})
	out.Timestamped = err == nil
	return out, err
}

// appendNew appends the certificates of add that list does not hold yet.
func appendNew(list []*x509.Certificate, add ...*x509.Certificate) []*x509.Certificate {
	for _, c := range add {
		if !slices.ContainsFunc(list, c.Equal) {
			list = append(list, c)
		}
	}
	return list
}

// crlBelongs checks that l is by the issuer of one of certs and, when that issuer's
// certificate is among them, that it signed l.
func crlBelongs(l CRL, certs []*x509.Certificate) error {
	belongs := false
	for _, c := range certs {
		if bytes.Equal(c.RawIssuer, l.List.RawIssuer) {
			belongs = true
		}
		if bytes.Equal(c.RawSubject, l.List.RawIssuer) && l.List.CheckSignatureFrom(c) != nil {
			return fmt.Errorf("%s: the CRL of %q is not signed by %q's key", l.Source, issuerCN(l.List), c.Subject.CommonName)
		}
	}
	if !belongs {
		return fmt.Errorf("%s: the CRL of %q is not by the issuer of any certificate in the pack", l.Source, issuerCN(l.List))
	}
	return nil
}

// appendDSS writes the incremental update that sets the catalog's /DSS to one holding
// what the pack's DSS held plus certs and crls not in it yet. Entries the DSS held stay
// the objects they were. When nothing is new and a DSS exists, no update is written.
func appendDSS(doc *pdf.Document, certs []*x509.Certificate, crls []CRL) ([]byte, int, int, error) {
	existing, problems := readDSS(doc)
	if len(problems) > 0 {
		return nil, 0, 0, fmt.Errorf("the pack's validation data: %s", strings.Join(problems, "; "))
	}
	size, rootRef, catalog, err := doc.UpdateBase()
	if err != nil {
		return nil, 0, 0, err
	}
	dss := &pdf.Dict{}
	if existing != nil {
		dss = pdf.NewDict(doc.ResolveDict(pdf.Lookup(catalog, "DSS")).Entries()...)
	}
	w := pdf.NewUpdateWriter(doc)
	next := size
	add := func(key pdf.Name, data [][]byte) int {
		refs, _ := doc.ResolveOr(pdf.Lookup(dss, key)).(pdf.Array)
		refs = slices.Clone(refs)
		for _, der := range data {
			ref := pdf.Ref{Num: next}
			next++
			w.WriteStream(ref, der)
			refs = append(refs, ref)
		}
		if len(refs) > 0 {
			dss.Set(key, refs)
		}
		return len(data)
	}
	var newCerts, newCRLs [][]byte
	for _, c := range certs {
		if existing == nil || !existing.hasCert(c) {
			newCerts = append(newCerts, c.Raw)
		}
	}
	for _, l := range crls {
		held := existing != nil && slices.ContainsFunc(existing.CRLs, func(o CRL) bool { return bytes.Equal(o.Raw, l.Raw) })
		if !held && !slices.ContainsFunc(newCRLs, func(o []byte) bool { return bytes.Equal(o, l.Raw) }) {
			newCRLs = append(newCRLs, l.Raw)
		}
	}
	if existing != nil && len(newCerts) == 0 && len(newCRLs) == 0 {
		return doc.Data, 0, 0, nil
	}
	nCerts, nCRLs := add("Certs", newCerts), add("CRLs", newCRLs)
	dss.Set("Type", pdf.Name("DSS"))
	dssRef := pdf.Ref{Num: next}
	next++
	if err := w.WriteDict(dssRef, dss); err != nil {
		return nil, 0, 0, err
	}
	catalog.Set("DSS", dssRef)
	if err := w.WriteDict(rootRef, catalog); err != nil {
		return nil, 0, 0, err
	}
	if err := w.Finish(doc.NextTrailer(next, rootRef)); err != nil {
		return nil, 0, 0, err
	}
	return append(slices.Clone(doc.Data), w.Buf.Bytes()...), nCerts, nCRLs, nil
}
