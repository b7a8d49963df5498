package sign

import (
	"bytes"
	_ "crypto/sha512" // SHA-384 and SHA-512 digests through crypto.Hash.New
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/pdf"
)

// Report is the outcome of verifying a signed pack. Every reason it does not verify is
// a line of Problems, so OK is simply "no problems".
type Report struct {
	// Signatures lists every signature in the file, in the order they were made.
	Signatures []*Signature
	// Pack is the organisation's signature: the first one made. The pack verifies only
	// when it is valid and trusted and covers the whole file, or when everything after
	// it is a revision PAdES allows after signing.
	Pack *Signature
	// Revisions are the incremental updates appended after Pack's signed revision.
	Revisions []*Revision
	// CoversWholeFile: Pack's /ByteRange covers every byte of the file but its own
	// /Contents, and nothing was appended.
	CoversWholeFile bool
	// Appended counts the bytes after the last readable revision.
	Appended int
	// UnsignedLength is where Pack's incremental update begins: the length of the PDF
	// before signing, so file[:UnsignedLength] is the unsigned pack. (If that PDF did not
	// end with an end-of-line, Sign added one and it is counted here.) It is 0 when the
	// signature is not in an incremental update of its own.
	UnsignedLength int
	// Level is the PAdES baseline level the pack's signature reaches (LevelBB …
	// LevelBLTA), whether or not it verifies; LevelNotes say what the next level lacks.
	Level      string
	LevelNotes []string
	// DSS is the pack's validation data, nil when it has none.
	DSS *DSS
	// Revocations are the revocation checks of the signer's chain and the signature
	// timestamps' chains, when any CRL was available.
	Revocations []*Revocation
	Problems    []string
	// Warnings are what verify could not check, which does not make the pack fail:
	// an untrusted timestamp when no TSA roots were given, revocation without a current
	// CRL.
	Warnings []string
}

// OK reports whether the pack verifies under the policy it was checked with.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

func (r *Report) warn(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}

// ErrNotSigned is returned by Verify for a PDF without any signature dictionary.
var ErrNotSigned = errors.New("the PDF has no signature")

// Verify checks every signature in file under the policy. An error means no signature
// could be located at all; everything found wrong is described in the Report.
func Verify(file []byte, policy Policy) (*Report, error) {
	doc, _ := pdf.Open(file) // nil when the xref cannot be read: the scan still finds signatures
	sigs, err := findSignatures(file, doc)
	if err != nil {
		return nil, err
	}
	if len(sigs) == 0 {
		return nil, ErrNotSigned
	}
	for _, s := range sigs {
		s.check(file, policy)
	}
	r := &Report{Signatures: sigs, Pack: sigs[0], Level: LevelBB}
	r.checkPack(policy)
	r.checkTimestamps(policy)
	if r.Pack.SignedLength == 0 {
		return r, nil // the byte range is unusable; checkPack said so
	}
	r.UnsignedLength = revisionStart(file[:r.Pack.SignedLength], r.Pack.Offset)
	r.CoversWholeFile = r.Pack.SignedLength == len(file) && !slices.ContainsFunc(r.Pack.Problems, isGapProblem)
	if r.checkRevisions(file, doc) {
		var problems []string
		if r.DSS, problems = readDSS(doc); r.DSS != nil {
			r.DSS.End = r.Pack.SignedLength
			for _, rev := range r.Revisions {
				if rev.DSS {
					r.DSS.End = rev.End
				}
			}
		}
		for _, p := range problems {
			r.problem("%s", p)
		}
	}
	r.assessLevel()
	r.checkRevocation(policy)
	return r, nil
}

// checkRevisions checks what follows the signed revision; it reports whether the file's
// newest revision is readable, so that its catalog's validation data counts.
func (r *Report) checkRevisions(file []byte, doc *pdf.Document) bool {
	sigs := r.Signatures
	if r.Pack.SignedLength == len(file) {
		for _, s := range sigs[1:] {
			r.laterSignature(s, nil)
		}
		return true
	}
	revs, err := laterRevisions(file, doc, r.Pack.SignedLength)
	if err != nil {
		r.Appended = len(file) - r.Pack.SignedLength
		r.problem("%d bytes were appended after the signed revision (not total document signed), and they are not a readable incremental update: %v", r.Appended, err)
		return false
	}
	r.Revisions = revs
	for _, s := range sigs[1:] {
		r.laterSignature(s, revs)
	}
	for _, rev := range revs {
		if len(rev.Changes) > 0 {
			r.problem("revision %d (bytes %d–%d, %s) changes the pack after it was signed: it %s", rev.Number, rev.Start, rev.End, rev.Kind(), strings.Join(rev.Changes, "; it "))
		} else if !rev.Timestamp && !rev.DSS {
			r.problem("revision %d (bytes %d–%d) is an incremental update after the pack was signed that is neither a document timestamp nor validation data (DSS)", rev.Number, rev.Start, rev.End)
		}
	}
	end := r.Pack.SignedLength
	if len(revs) > 0 {
		end = revs[len(revs)-1].End
	}
	if r.Appended = len(file) - end; r.Appended > 0 && len(revs) == 0 {
		r.problem("%d bytes were appended after the signed revision (not total document signed)", r.Appended)
	} else if r.Appended > 0 {
		r.problem("%d bytes were appended after the last revision (not total document signed)", r.Appended)
	}
	return r.Appended == 0
}

// checkTimestamps records what is wrong with the timestamps. An invalid signature
// timestamp always fails the pack. With TSA roots, so does every timestamp that does
// not chain to them, and a pack without any timestamp; without them an intact
// timestamp is a warning: it proves no time.
func (r *Report) checkTimestamps(policy Policy) {
	n := 0
	for _, ts := range r.Pack.Timestamps {
		n++
		switch {
		case !ts.Valid:
			r.problem("the signature timestamp by %q on signature %d is not valid: %s", ts.AuthorityName(), r.Pack.Number, strings.Join(ts.Problems, "; "))
		case policy.TSARoots == nil:
			r.warn("the signature timestamp by %q (%s) is not trusted: no time-stamping authority roots were given (--tsa-ca), so the signing time is still the signer's claim", ts.AuthorityName(), dateOf(ts.Time))
		case !ts.Trusted:
			r.problem("the signature timestamp by %q does not chain to a trusted time-stamping authority (--tsa-ca): %v", ts.AuthorityName(), ts.ChainErr)
		}
	}
	for _, s := range r.Signatures[1:] {
		if !s.Timestamp || !s.Valid {
			continue
		}
		n++
		switch {
		case policy.TSARoots == nil:
			r.warn("document timestamp %d by %q (%s) is not trusted: no time-stamping authority roots were given (--tsa-ca)", s.Number, s.SignerName(), dateOf(s.SigningTime))
		case !s.Trusted:
			r.problem("document timestamp %d by %q does not chain to a trusted time-stamping authority (--tsa-ca): %v", s.Number, s.SignerName(), s.ChainErr)
		}
	}
	if policy.TSARoots != nil && n == 0 {
		r.problem("time-stamping authority roots were given (--tsa-ca), but the pack carries no timestamp: its signing time is the signer's claim")
	}
}

// checkPack records what is wrong with the organisation's signature.
func (r *Report) checkPack(policy Policy) {
	p := r.Pack
	switch {
	case p.Timestamp:
		r.problem("the first signature is a document timestamp, not the organisation's signature")
	case !p.Valid:
		r.problem("signature %d by %q is not valid: %s", p.Number, p.SignerName(), strings.Join(p.Problems, "; "))
	case len(p.Problems) > 0:
		r.problem("signature %d by %q: %s", p.Number, p.SignerName(), strings.Join(p.Problems, "; "))
	}
	if p.Development && !policy.AllowDevelopment {
		r.problem("signature %d was made with the ismsgen DEVELOPMENT certificate, which proves nothing about who made the pack (--allow-development accepts it for previews)", p.Number)
	}
	if policy.Roots == nil {
		intact := ""
		if p.Valid {
			intact = "; the signature is intact but says nothing about who made it"
		}
		r.problem("the signer %q is unverified: no trusted root was given (--ca ROOT.pem, or signing: {root: ...} in data/site.yaml)%s", p.SignerName(), intact)
	}
}

// laterSignature records what is wrong with a signature made after the organisation's,
// and marks the revision a document timestamp belongs to.
func (r *Report) laterSignature(s *Signature, revs []*Revision) {
	if !s.Timestamp {
		r.problem("signature %d by %q (issued by %q) is a second signature, made after the organisation's: only document timestamps and validation data may follow the pack's signature", s.Number, s.SignerName(), s.IssuerName())
		return
	}
	if !s.Valid {
		r.problem("document timestamp %d is not valid: %s", s.Number, strings.Join(s.Problems, "; "))
	}
	for _, rev := range revs {
		if s.SignedLength == rev.End {
			rev.Timestamp = true
			return
		}
	}
	if revs != nil {
		r.problem("document timestamp %d covers bytes up to %d, which is not the end of a revision", s.Number, s.SignedLength)
	}
}

func isGapProblem(p string) bool { return strings.Contains(p, "/ByteRange leaves out") }

// checkSignedData checks the content type, the message digest over the byte ranges, the
// signing-certificate-v2 binding and the signature itself, recording what fails.
func checkSignedData(r *Signature, sd *signedData, file []byte, br [4]int) bool {
	ok := true
	if sd.eContent != nil || !sd.eContentType.Equal(oidData) {
		r.problem("the CMS signature is not detached (it carries content)")
		ok = false
	}
	if !sd.contentType.Equal(oidData) {
		r.problem("signed content-type attribute is missing or not id-data")
		ok = false
	}
	if sd.messageDigest == nil || !bytes.Equal(hashRanges(sd.digest.New(), file, br), sd.messageDigest) {
		r.problem("digest mismatch: the signed bytes were changed after signing")
		ok = false
	}
	if sd.essCertHash != nil {
		h := sd.essHash.New()
		h.Write(sd.signer.Raw)
		if !bytes.Equal(h.Sum(nil), sd.essCertHash) {
			r.problem("signing-certificate-v2 does not match the signer's certificate")
			ok = false
		}
	}
	if (sd.essCertHash == nil || sd.essV1) && r.SubFilter == "ETSI.CAdES.detached" {
		r.problem("no signing-certificate-v2 attribute: not a PAdES baseline signature")
	}
	if err := sd.signer.CheckSignature(sd.sigAlg, sd.signedAttrs, sd.signature); err != nil {
		r.problem("signature value does not verify with the signer's key: %v", err)
		ok = false
	}
	return ok
}

// verifyChain builds a path from leaf, through the embedded certs, to one of roots, valid
// for usage at the time at, and returns it leaf first.
func verifyChain(leaf *x509.Certificate, certs []*x509.Certificate, roots *x509.CertPool, usage x509.ExtKeyUsage, at time.Time) ([]*x509.Certificate, error) {
	inter := x509.NewCertPool()
	for _, c := range certs {
		if c != leaf {
			inter.AddCert(c)
		}
	}
	chains, err := leaf.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		KeyUsages:     []x509.ExtKeyUsage{usage},
		CurrentTime:   at,
	})
	if err != nil {
		return nil, err
	}
	return chains[0], nil
}

func signerFirst(signer *x509.Certificate, certs []*x509.Certificate) []*x509.Certificate {
	out := []*x509.Certificate{signer}
	for _, c := range certs {
		if c != signer {
			out = append(out, c)
		}
	}
	return out
}

// contentsInGap returns the decoded hex string that must fill file[from:to] exactly, and
// whether it does and is the value of a /Contents key. This ties /ByteRange to /Contents:
// a range that leaves anything else out would let those bytes change unnoticed.
func contentsInGap(file []byte, from, to int) ([]byte, bool) {
	gap := file[from:to]
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' || len(gap)%2 != 0 {
		return nil, false
	}
	out := make([]byte, (len(gap)-2)/2)
	if _, err := hex.Decode(out, gap[1:len(gap)-1]); err != nil {
		return nil, false
	}
	before := bytes.TrimRight(file[:from], " \t\r\n\f\x00")
	if !bytes.HasSuffix(before, []byte("/Contents")) {
		return nil, false
	}
	return out, true
}

// revisionStart finds where the incremental update holding the signature begins: the
// lowest offset among the objects its xref section lists that lies after the previous
// revision's xref table. Offsets are taken from the xref rather than by searching for
// "%%EOF", because a writer may leave white space or comments after it.
func revisionStart(rev []byte, sigOffset int) int {
	off, err := pdf.LastStartXRef(rev)
	if err != nil {
		return 0
	}
	entries, trailer, err := pdf.ReadXRefSection(rev, off)
	if err != nil {
		return 0
	}
	prev, ok := pdf.IntValue(pdf.Lookup(trailer, "Prev"))
	if !ok {
		return 0
	}
	start := sigOffset
	for _, e := range entries {
		if e.InUse && e.Offset > prev && e.Offset < start {
			start = e.Offset
		}
	}
	return start
}

// parsePDFDate reads "D:YYYYMMDDHHmmSSOHH'mm'" where everything after the year is
// optional (ISO 32000-1 7.9.4).
func parsePDFDate(s string) (time.Time, error) {
	s = string(bytes.TrimPrefix([]byte(s), []byte("D:")))
	digits := 0
	for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits < 4 || digits%2 != 0 {
		return time.Time{}, errors.New("bad date")
	}
	// Missing month and day default to 01, missing time fields to 00.
	t, err := time.Parse("20060102150405", s[:digits]+"0101000000"[digits-4:])
	if err != nil {
		return time.Time{}, err
	}
	rest := s[digits:]
	if rest == "" || rest[0] == 'Z' {
		return t, nil
	}
	if rest[0] != '+' && rest[0] != '-' {
		return time.Time{}, errors.New("bad time zone")
	}
	var hh, mm int
	if _, err := fmt.Sscanf(rest[1:], "%02d'%02d", &hh, &mm); err != nil {
		if _, err := fmt.Sscanf(rest[1:], "%02d", &hh); err != nil {
			return time.Time{}, errors.New("bad time zone")
		}
	}
	offset := (hh*60 + mm) * 60
	if rest[0] == '-' {
		offset = -offset
	}
	zone := time.UTC
	if offset != 0 {
		zone = time.FixedZone("", offset)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, zone), nil
}
