package sign

import (
	"bytes"
	_ "crypto/sha512" // SHA-384 and SHA-512 digests through crypto.Hash.New
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// Report is the outcome of verifying the last signature of a PDF. Every check that does
// not hold adds a line to Problems, so OK is simply "no problems".
type Report struct {
	// Valid: the CMS signature verifies with the signer's key over the signed attributes,
	// and their message digest matches the bytes in /ByteRange.
	Valid bool
	// CoversWholeFile: /ByteRange covers every byte except the /Contents hex string and
	// nothing was appended after the signed revision.
	CoversWholeFile bool
	// Appended is the number of bytes after the signed revision.
	Appended int
	// SignedRevisionLength is the length of the file as it was signed.
	SignedRevisionLength int
	// UnsignedLength is where the signature's incremental update begins: the length of
	// the PDF before signing, so pdf[:UnsignedLength] is the unsigned pack. (If that PDF
	// did not end with an end-of-line, Sign added one and it is counted here.) It is 0
	// when the signature is not in an incremental update of its own.
	UnsignedLength int
	Signer         *x509.Certificate   // the certificate that made the signature
	Chain          []*x509.Certificate // the certificates embedded in the signature, signer first
	SigningTime    time.Time           // the claimed time from /M (zero when absent)
	SubFilter      string              // e.g. ETSI.CAdES.detached
	// ChainErr is nil when roots were given and the signer's chain verifies to them at the
	// current time (like pdfsig: a B-B signature has no trusted signing time), or when no
	// roots were given and the chain was not checked.
	ChainErr error
	Problems []string // human-readable reasons for every check that does not hold
}

// OK reports whether the signature is valid, covers the whole file and (when roots were
// given) chains to them.
func (r *Report) OK() bool {
	return r.Valid && r.CoversWholeFile && r.ChainErr == nil && len(r.Problems) == 0
}

func (r *Report) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// ErrNotSigned is returned by Verify for a PDF without any signature dictionary.
var ErrNotSigned = errors.New("the PDF has no signature")

// Verify checks the last signature in pdf. roots may be nil, and then the certificate
// chain is not checked. An error means no signature could be located at all; everything
// found wrong with a located signature is described in the Report.
func Verify(pdf []byte, roots *x509.CertPool) (*Report, error) {
	sig, err := findLastSignature(pdf)
	if err != nil {
		return nil, err
	}
	r := &Report{}
	if sf, ok := lookup(sig.dict, "SubFilter").(pdfName); ok {
		r.SubFilter = string(sf)
	}
	if m, ok := lookup(sig.dict, "M").(pdfString); ok {
		if t, err := parsePDFDate(string(m)); err == nil {
			r.SigningTime = t
		} else {
			r.problem("unreadable signing time /M %q", m)
		}
	}
	br := sig.byteRange
	// Compared without adding, so huge numbers cannot wrap around into range.
	if br[0] != 0 || br[1] <= 0 || br[2] < br[1] || br[2] > len(pdf) || br[3] < 0 || br[3] > len(pdf)-br[2] {
		r.problem("/ByteRange %v does not describe two ranges of this file starting at 0", br)
		return r, nil
	}
	r.SignedRevisionLength = br[2] + br[3]
	r.Appended = len(pdf) - r.SignedRevisionLength

	contents, gapOK := contentsInGap(pdf, br[1], br[2])
	if !gapOK {
		r.problem("/ByteRange leaves out bytes %d–%d, which are not exactly the /Contents hex string", br[1], br[2])
		contents = sig.contents
	}
	r.CoversWholeFile = gapOK && r.Appended == 0
	if r.Appended > 0 {
		r.problem("%d bytes were appended after the signed revision (not total document signed)", r.Appended)
	}
	r.UnsignedLength = revisionStart(pdf[:r.SignedRevisionLength], sig.offset)

	sd, err := parseSignedData(contents)
	if err != nil {
		r.problem("signature: %v", err)
		return r, nil
	}
	r.Signer = sd.signer
	r.Chain = signerFirst(sd.signer, sd.certs)
	r.Valid = checkSignedData(r, sd, pdf, br)
	if roots != nil {
		r.ChainErr = verifyChain(sd.signer, sd.certs, roots)
		if r.ChainErr != nil {
			r.problem("certificate chain: %v", r.ChainErr)
		}
	}
	return r, nil
}

// checkSignedData checks the content type, the message digest over the byte ranges, the
// signing-certificate-v2 binding and the signature itself, recording what fails.
func checkSignedData(r *Report, sd *signedData, pdf []byte, br [4]int) bool {
	ok := true
	if !sd.contentType.Equal(oidData) {
		r.problem("signed content-type attribute is missing or not id-data")
		ok = false
	}
	h := sd.digest.New()
	h.Write(pdf[br[0] : br[0]+br[1]])
	h.Write(pdf[br[2] : br[2]+br[3]])
	if sd.messageDigest == nil || !bytes.Equal(h.Sum(nil), sd.messageDigest) {
		r.problem("digest mismatch: the signed bytes were changed after signing")
		ok = false
	}
	switch {
	case sd.essCertHash != nil:
		h := sd.essHash.New()
		h.Write(sd.signer.Raw)
		if !bytes.Equal(h.Sum(nil), sd.essCertHash) {
			r.problem("signing-certificate-v2 does not match the signer's certificate")
			ok = false
		}
	case r.SubFilter == "ETSI.CAdES.detached":
		r.problem("no signing-certificate-v2 attribute: not a PAdES baseline signature")
	}
	if err := sd.signer.CheckSignature(sd.sigAlg, sd.signedAttrs, sd.signature); err != nil {
		r.problem("signature value does not verify with the signer's key: %v", err)
		ok = false
	}
	return ok
}

func verifyChain(leaf *x509.Certificate, certs []*x509.Certificate, roots *x509.CertPool) error {
	inter := x509.NewCertPool()
	for _, c := range certs {
		if c != leaf {
			inter.AddCert(c)
		}
	}
	_, err := leaf.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	return err
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

// contentsInGap returns the decoded hex string that must fill pdf[from:to] exactly, and
// whether it does and is the value of a /Contents key. This ties /ByteRange to /Contents:
// a range that leaves anything else out would let those bytes change unnoticed.
func contentsInGap(pdf []byte, from, to int) ([]byte, bool) {
	gap := pdf[from:to]
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' || len(gap)%2 != 0 {
		return nil, false
	}
	out := make([]byte, (len(gap)-2)/2)
	if _, err := hex.Decode(out, gap[1:len(gap)-1]); err != nil {
		return nil, false
	}
	before := bytes.TrimRight(pdf[:from], " \t\r\n\f\x00")
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
	off, err := lastStartXRef(rev)
	if err != nil {
		return 0
	}
	entries, trailer, err := readXRefSection(rev, off)
	if err != nil {
		return 0
	}
	prev, ok := intValue(lookup(trailer, "Prev"))
	if !ok {
		return 0
	}
	start := sigOffset
	for _, e := range entries {
		if e.inUse && e.offset > prev && e.offset < start {
			start = e.offset
		}
	}
	return start
}

// sigDict is a located signature dictionary.
type sigDict struct {
	dict      *pdfDict
	offset    int // of its "N G obj" header
	byteRange [4]int
	contents  []byte
}

// findLastSignature scans backwards for "/ByteRange" and returns the first enclosing
// object that is a complete signature dictionary. Scanning the text rather than the xref
// still finds the signature when something was appended that broke the xref.
func findLastSignature(pdf []byte) (*sigDict, error) {
	key := []byte("/ByteRange")
	for end := len(pdf); ; {
		i := bytes.LastIndex(pdf[:end], key)
		if i < 0 {
			return nil, ErrNotSigned
		}
		end = i
		start, ok := enclosingObject(pdf, i)
		if !ok {
			continue
		}
		_, v, err := indirectObject(pdf, start)
		if err != nil {
			continue
		}
		d, ok := v.(*pdfDict)
		if !ok {
			continue
		}
		arr, _ := lookup(d, "ByteRange").(pdfArray)
		contents, hasContents := lookup(d, "Contents").(pdfString)
		if len(arr) != 4 || !hasContents {
			continue
		}
		sig := &sigDict{dict: d, offset: start, contents: contents}
		valid := true
		for k, v := range arr {
			if sig.byteRange[k], ok = intValue(v); !ok {
				valid = false
			}
		}
		if valid {
			return sig, nil
		}
	}
}

// enclosingObject returns the offset of the "N G obj" header that opens the object
// containing pos, or false when an "endobj" comes first (pos is outside any object).
func enclosingObject(pdf []byte, pos int) (int, bool) {
	i := bytes.LastIndex(pdf[:pos], []byte("obj"))
	if i < 0 || (i >= 3 && string(pdf[i-3:i]) == "end") {
		return 0, false
	}
	j := i
	for range 2 { // generation, then object number
		for j > 0 && isWhite(pdf[j-1]) {
			j--
		}
		k := j
		for j > 0 && pdf[j-1] >= '0' && pdf[j-1] <= '9' {
			j--
		}
		if j == k {
			return 0, false
		}
	}
	return j, true
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
