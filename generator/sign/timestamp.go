package sign

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Timestamp is an RFC 3161 signature timestamp on a signature (PAdES B-T): a
// time-stamping authority's signed statement that the signature value existed at Time.
type Timestamp struct {
	Time      time.Time
	Authority *x509.Certificate   // the TSA's certificate
	Chain     []*x509.Certificate // the certificates embedded in the token, authority first
	// Valid: the token is intact (its signature verifies with the authority's key over
	// its TSTInfo) and its message imprint is the hash of the signature value.
	Valid bool
	// Trusted: the authority's certificate chains, for time stamping, to one of the
	// policy's TSA roots; Path is that chain, authority first.
	Trusted  bool
	Path     []*x509.Certificate
	ChainErr error
	Problems []string
}

// AuthorityName is the common name of the TSA's certificate.
func (t *Timestamp) AuthorityName() string {
	if t.Authority == nil {
		return "unknown"
	}
	return t.Authority.Subject.CommonName
}

// tstInfo is what a verifier needs from a TSTInfo.
type tstInfo struct {
	hash    crypto.Hash // of the message imprint; 0 when unsupported
	hashed  []byte
	genTime time.Time
	nonce   *big.Int // nil when absent
}

// token is a parsed RFC 3161 TimeStampToken: a CMS SignedData over a TSTInfo.
type token struct {
	sd   *signedData
	info tstInfo
}

// parseToken reads a TimeStampToken (a DER ContentInfo).
func parseToken(der []byte) (*token, error) {
	sd, err := parseSignedData(der)
	if err != nil {
		return nil, err
	}
	if !sd.eContentType.Equal(oidTSTInfo) || sd.eContent == nil {
		return nil, errors.New("the token does not hold a TSTInfo (RFC 3161)")
	}
	info, err := parseTSTInfo(sd.eContent)
	if err != nil {
		return nil, err
	}
	return &token{sd: sd, info: info}, nil
}

// intact checks what makes a token the authority's own statement, whatever it
// timestamps: the content-type and message-digest attributes, the signature, the ESS
// signing-certificate binding and the critical time-stamping key usage RFC 3161 2.3
// requires of the authority's certificate. problem records each failure.
func (tk *token) intact(problem func(string, ...any)) bool {
	sd, ok := tk.sd, true
	if !sd.contentType.Equal(oidTSTInfo) {
		problem("the timestamp's content-type attribute is not id-ct-TSTInfo")
		ok = false
	}
	h := sd.digest.New()
	h.Write(sd.eContent)
	if sd.messageDigest == nil || !bytes.Equal(h.Sum(nil), sd.messageDigest) {
		problem("the timestamp's message digest does not match its TSTInfo")
		ok = false
	}
	if err := sd.signer.CheckSignature(sd.sigAlg, sd.signedAttrs, sd.signature); err != nil {
		problem("the timestamp's signature does not verify with the authority's key: %v", err)
		ok = false
	}
	if sd.essCertHash == nil {
		problem("the timestamp names no signing certificate (RFC 3161 requires the ESS signing-certificate attribute)")
		ok = false
	} else {
		h := sd.essHash.New()
		h.Write(sd.signer.Raw)
		if !bytes.Equal(h.Sum(nil), sd.essCertHash) {
			problem("the timestamp's signing-certificate attribute does not match the authority's certificate")
			ok = false
		}
	}
	if !timeStampingOnly(sd.signer) {
		problem("the authority's certificate %q is not a time-stamping certificate (RFC 3161 wants the extended key usage timeStamping alone, marked critical)", sd.signer.Subject.CommonName)
		ok = false
	}
	if tk.info.hash == 0 {
		problem("the timestamp's message imprint uses an unsupported hash")
		ok = false
	}
	return ok
}

// imprintOf reports whether the token's message imprint is the hash of data.
func (tk *token) imprintOf(data ...[]byte) bool {
	if tk.info.hash == 0 {
		return false
	}
	h := tk.info.hash.New()
	for _, d := range data {
		h.Write(d)
	}
	return bytes.Equal(h.Sum(nil), tk.info.hashed)
}

func timeStampingOnly(c *x509.Certificate) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(oidExtKeyUsage) {
			return e.Critical && len(c.ExtKeyUsage) == 1 && c.ExtKeyUsage[0] == x509.ExtKeyUsageTimeStamping &&
				len(c.UnknownExtKeyUsage) == 0
		}
	}
	return false
}

// checkTimestamp checks a document timestamp: an RFC 3161 token whose message imprint is
// the hash of the byte ranges. It sets the signature's time to the token's genTime.
func checkTimestamp(s *Signature, sd *signedData, file []byte, br [4]int) bool {
	if !sd.eContentType.Equal(oidTSTInfo) || sd.eContent == nil {
		s.problem("the document timestamp does not hold a TSTInfo (RFC 3161)")
		return false
	}
	info, err := parseTSTInfo(sd.eContent)
	if err != nil {
		s.problem("timestamp: %v", err)
		return false
	}
	tk := &token{sd: sd, info: info}
	s.SigningTime = info.genTime
	ok := tk.intact(s.problem)
	if info.hash != 0 && !tk.imprintOf(file[br[0]:br[0]+br[1]], file[br[2]:br[2]+br[3]]) {
		s.problem("digest mismatch: the timestamped bytes were changed after the timestamp")
		ok = false
	}
	return ok
}

// checkSignatureTimestamp checks a signature timestamp token over a SignerInfo's
// signature value and, when roots are given, the authority's chain for time stamping.
func checkSignatureTimestamp(der, signatureValue []byte, roots *x509.CertPool, at time.Time) *Timestamp {
	ts := &Timestamp{}
	problem := func(format string, args ...any) { ts.Problems = append(ts.Problems, fmt.Sprintf(format, args...)) }
	tk, err := parseToken(der)
	if err != nil {
		problem("signature timestamp: %v", err)
		return ts
	}
	ts.Time, ts.Authority = tk.info.genTime, tk.sd.signer
	ts.Chain = signerFirst(tk.sd.signer, tk.sd.certs)
	ts.Valid = tk.intact(problem)
	if tk.info.hash != 0 && !tk.imprintOf(signatureValue) {
		problem("the timestamp's message imprint is not the hash of the signature value: it timestamps something else")
		ts.Valid = false
	}
	if roots != nil {
		path, err := verifyChain(tk.sd.signer, tk.sd.certs, roots, x509.ExtKeyUsageTimeStamping, at)
		if ts.ChainErr = err; err == nil {
			ts.Trusted, ts.Path = true, path
		}
	}
	return ts
}

// parseTSTInfo reads the message imprint, the time and the nonce of a TSTInfo.
func parseTSTInfo(der []byte) (tstInfo, error) {
	var out tstInfo
	in := cryptobyte.String(der)
	var info, imprint cryptobyte.String
	var version int64
	var policy asn1.ObjectIdentifier
	if !in.ReadASN1(&info, cbasn1.SEQUENCE) || !info.ReadASN1Integer(&version) ||
		!info.ReadASN1ObjectIdentifier(&policy) || !info.ReadASN1(&imprint, cbasn1.SEQUENCE) {
		return out, errCMS
	}
	oid, ok := readAlgorithm(&imprint)
	if !ok || !imprint.ReadASN1Bytes(&out.hashed, cbasn1.OCTET_STRING) {
		return out, errCMS
	}
	out.hash = hashFor(oid)
	var gen cryptobyte.String
	if !info.SkipASN1(cbasn1.INTEGER) || !info.ReadASN1(&gen, cbasn1.GeneralizedTime) {
		return out, errCMS
	}
	t, err := parseGeneralizedTime(string(gen))
	if err != nil {
		return out, err
	}
	out.genTime = t
	// accuracy SEQUENCE and ordering BOOLEAN are optional, then the optional nonce.
	if !info.SkipOptionalASN1(cbasn1.SEQUENCE) || !info.SkipOptionalASN1(cbasn1.BOOLEAN) {
		return out, errCMS
	}
	if info.PeekASN1Tag(cbasn1.INTEGER) {
		out.nonce = new(big.Int)
		if !info.ReadASN1Integer(out.nonce) {
			return out, errCMS
		}
	}
	return out, nil
}

// parseGeneralizedTime reads a DER GeneralizedTime in UTC, with or without fractional
// seconds (TSAs that state their accuracy often give milliseconds).
func parseGeneralizedTime(s string) (time.Time, error) {
	for _, layout := range []string{"20060102150405Z", "20060102150405.999999999Z"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("the timestamp's time %q is not a GeneralizedTime in UTC", s)
}
