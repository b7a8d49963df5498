package sign

import (
	"bytes"
	"crypto"
	"encoding/asn1"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// oidTSTInfo is id-ct-TSTInfo (RFC 3161), the content type of a timestamp token.
var oidTSTInfo = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}

// checkTimestamp checks a document timestamp: an RFC 3161 token whose message imprint is
// the hash of the byte ranges, signed by the time-stamping authority over its TSTInfo.
// It sets the signature's time to the token's genTime.
func checkTimestamp(s *Signature, sd *signedData, pdf []byte, br [4]int) bool {
	ok := true
	if !sd.eContentType.Equal(oidTSTInfo) || sd.eContent == nil {
		s.problem("the document timestamp does not hold a TSTInfo (RFC 3161)")
		return false
	}
	if !sd.contentType.Equal(oidTSTInfo) {
		s.problem("the timestamp's content-type attribute is not id-ct-TSTInfo")
		ok = false
	}
	h := sd.digest.New()
	h.Write(sd.eContent)
	if sd.messageDigest == nil || !bytes.Equal(h.Sum(nil), sd.messageDigest) {
		s.problem("the timestamp's message digest does not match its TSTInfo")
		ok = false
	}
	if err := sd.signer.CheckSignature(sd.sigAlg, sd.signedAttrs, sd.signature); err != nil {
		s.problem("the timestamp's signature does not verify with the authority's key: %v", err)
		ok = false
	}
	imprint, hashed, genTime, err := parseTSTInfo(sd.eContent)
	if err != nil {
		s.problem("timestamp: %v", err)
		return false
	}
	s.SigningTime = genTime
	if imprint == 0 {
		s.problem("the timestamp's message imprint uses an unsupported hash")
		return false
	}
	if !bytes.Equal(hashRanges(imprint.New(), pdf, br), hashed) {
		s.problem("digest mismatch: the timestamped bytes were changed after the timestamp")
		ok = false
	}
	return ok
}

// parseTSTInfo reads the message imprint and the time of a TSTInfo.
func parseTSTInfo(der []byte) (hash crypto.Hash, hashed []byte, genTime time.Time, err error) {
	in := cryptobyte.String(der)
	var info, imprint cryptobyte.String
	var version int64
	var policy asn1.ObjectIdentifier
	if !in.ReadASN1(&info, cbasn1.SEQUENCE) || !info.ReadASN1Integer(&version) ||
		!info.ReadASN1ObjectIdentifier(&policy) || !info.ReadASN1(&imprint, cbasn1.SEQUENCE) {
		return 0, nil, time.Time{}, errCMS
	}
	oid, ok := readAlgorithm(&imprint)
	if !ok || !imprint.ReadASN1Bytes(&hashed, cbasn1.OCTET_STRING) {
		return 0, nil, time.Time{}, errCMS
	}
	if !info.SkipASN1(cbasn1.INTEGER) || !info.ReadASN1GeneralizedTime(&genTime) {
		return 0, nil, time.Time{}, errCMS
	}
	return hashFor(oid), hashed, genTime, nil
}
