package sign

import (
	"bytes"
	"crypto"
	_ "crypto/sha1" // the ESSCertID of signing-certificate version 1
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// signedData is what Verify needs from a CMS SignedData with one SignerInfo.
type signedData struct {
	certs         []*x509.Certificate // as embedded
	signer        *x509.Certificate   // the certificate the SignerInfo names
	digest        crypto.Hash         // the SignerInfo's digestAlgorithm
	sigAlg        x509.SignatureAlgorithm
	signedAttrs   []byte // DER SET OF Attribute, exactly what was signed
	signature     []byte
	messageDigest []byte // nil when the attribute is missing
	contentType   asn1.ObjectIdentifier
	essCertHash   []byte // signing-certificate-v2 hash of the signer, nil when absent
	essHash       crypto.Hash
	essV1         bool // the hash is from signing-certificate (version 1, SHA-1), not v2
	// eContentType and eContent are the encapsulated content: id-data and nil for the
	// detached signature of a PDF, id-ct-TSTInfo and the DER TSTInfo for a timestamp.
	eContentType asn1.ObjectIdentifier
	eContent     []byte
	// timestamps are the signature timestamp tokens (DER ContentInfo) among the
	// SignerInfo's unsigned attributes (PAdES B-T).
	timestamps [][]byte
}

var errCMS = errors.New("malformed CMS signature")

// parseSignedData reads a DER ContentInfo holding a SignedData with one SignerInfo.
// Trailing bytes are allowed only if they are zero: that is the unused part of the
// /Contents placeholder. Like NSS (and so pdfsig), it insists that the SignedData's list
// of digest algorithms names the one the SignerInfo used.
func parseSignedData(der []byte) (*signedData, error) {
	in := cryptobyte.String(der)
	var ci, wrapped, sd cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !in.ReadASN1(&ci, cbasn1.SEQUENCE) || !ci.ReadASN1ObjectIdentifier(&oid) {
		return nil, errCMS
	}
	if !oid.Equal(oidSignedData) {
		return nil, fmt.Errorf("CMS content type is %v, not SignedData", oid)
	}
	if len(bytes.Trim(in, "\x00")) != 0 {
		return nil, errors.New("non-zero bytes follow the CMS signature in /Contents")
	}
	var version int64
	var digestAlgs, encap, certsRaw, infos, info cryptobyte.String
	var hasCerts bool
	out := &signedData{}
	if !ci.ReadASN1(&wrapped, tagContext0Constructed) || !wrapped.ReadASN1(&sd, cbasn1.SEQUENCE) ||
		!sd.ReadASN1Integer(&version) || !sd.ReadASN1(&digestAlgs, cbasn1.SET) ||
		!sd.ReadASN1(&encap, cbasn1.SEQUENCE) || !encap.ReadASN1ObjectIdentifier(&out.eContentType) ||
		!sd.ReadOptionalASN1(&certsRaw, &hasCerts, tagContext0Constructed) ||
		!sd.SkipOptionalASN1(tagContext1Constructed) || // CRLs
		!sd.ReadASN1(&infos, cbasn1.SET) || !infos.ReadASN1(&info, cbasn1.SEQUENCE) {
		return nil, errCMS
	}
	if !encap.Empty() {
		var content, octets cryptobyte.String
		if !encap.ReadASN1(&content, tagContext0Constructed) || !content.ReadASN1(&octets, cbasn1.OCTET_STRING) ||
			!content.Empty() || !encap.Empty() {
			return nil, errCMS
		}
		out.eContent = octets
	}
	if !infos.Empty() {
		return nil, errors.New("CMS holds more than one SignerInfo")
	}
	var listed []crypto.Hash
	for !digestAlgs.Empty() {
		oid, ok := readAlgorithm(&digestAlgs)
		if !ok {
			return nil, errCMS
		}
		listed = append(listed, hashFor(oid))
	}
	for !certsRaw.Empty() {
		var el cryptobyte.String
		var tag cbasn1.Tag
		if !certsRaw.ReadAnyASN1Element(&el, &tag) {
			return nil, errCMS
		}
		if tag != cbasn1.SEQUENCE {
			continue // attribute certificates and other choices are not used here
		}
		c, err := x509.ParseCertificate(el)
		if err != nil {
			return nil, fmt.Errorf("embedded certificate: %w", err)
		}
		out.certs = append(out.certs, c)
	}
	if err := out.parseSignerInfo(info); err != nil {
		return nil, err
	}
	if !slices.Contains(listed, out.digest) {
		return nil, fmt.Errorf("the SignerInfo's digest algorithm %v is not among the SignedData's digest algorithms", out.digest)
	}
	return out, nil
}

func (sd *signedData) parseSignerInfo(si cryptobyte.String) error {
	var version int64
	if !si.ReadASN1Integer(&version) {
		return errCMS
	}
	switch {
	case si.PeekASN1Tag(cbasn1.SEQUENCE): // issuerAndSerialNumber
		var ias, issuer cryptobyte.String
		serial := new(big.Int)
		if !si.ReadASN1(&ias, cbasn1.SEQUENCE) || !ias.ReadASN1Element(&issuer, cbasn1.SEQUENCE) ||
			!ias.ReadASN1Integer(serial) {
			return errCMS
		}
		for _, c := range sd.certs {
			if bytes.Equal(c.RawIssuer, issuer) && c.SerialNumber.Cmp(serial) == 0 {
				sd.signer = c
				break
			}
		}
	case si.PeekASN1Tag(cbasn1.Tag(0).ContextSpecific()): // subjectKeyIdentifier
		var ski cryptobyte.String
		if !si.ReadASN1(&ski, cbasn1.Tag(0).ContextSpecific()) {
			return errCMS
		}
		for _, c := range sd.certs {
			if len(c.SubjectKeyId) > 0 && bytes.Equal(c.SubjectKeyId, ski) {
				sd.signer = c
				break
			}
		}
	default:
		return errCMS
	}
	if sd.signer == nil {
		return errors.New("the signer's certificate is not embedded in the signature")
	}

	digestOID, ok := readAlgorithm(&si)
	if !ok {
		return errCMS
	}
	if sd.digest = hashFor(digestOID); sd.digest == 0 {
		return fmt.Errorf("unsupported digest algorithm %v", digestOID)
	}
	var attrs cryptobyte.String
	var hasAttrs bool
	if !si.ReadOptionalASN1(&attrs, &hasAttrs, tagContext0Constructed) {
		return errCMS
	}
	if !hasAttrs {
		return errors.New("CMS signature has no signed attributes (not PAdES)")
	}
	// The signature covers the attributes re-tagged as a universal SET (RFC 5652 5.4).
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { b.AddBytes(attrs) })
	sd.signedAttrs = b.BytesOrPanic()
	if err := sd.parseAttributes(attrs); err != nil {
		return err
	}

	sigOID, ok := readAlgorithm(&si)
	if !ok || !si.ReadASN1Bytes(&sd.signature, cbasn1.OCTET_STRING) {
		return errCMS
	}
	if sd.sigAlg = signatureAlgorithm(sigOID, sd.digest); sd.sigAlg == x509.UnknownSignatureAlgorithm {
		return fmt.Errorf("unsupported signature algorithm %v with digest %v", sigOID, sd.digest)
	}
	var unsigned cryptobyte.String
	var hasUnsigned bool
	if !si.ReadOptionalASN1(&unsigned, &hasUnsigned, tagContext1Constructed) || !si.Empty() {
		return errCMS
	}
	return sd.parseUnsignedAttributes(unsigned)
}

// parseUnsignedAttributes keeps the signature timestamp tokens; other unsigned
// attributes (counter-signatures, archive timestamps) are not used here.
func (sd *signedData) parseUnsignedAttributes(attrs cryptobyte.String) error {
	for !attrs.Empty() {
		var attr, values cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&oid) ||
			!attr.ReadASN1(&values, cbasn1.SET) {
			return errCMS
		}
		for oid.Equal(oidAttrTimestampToken) && !values.Empty() {
			var tok cryptobyte.String
			if !values.ReadASN1Element(&tok, cbasn1.SEQUENCE) {
				return errCMS
			}
			if len(sd.timestamps) == maxTimestamps {
				return fmt.Errorf("the signature carries more than %d timestamps", maxTimestamps)
			}
			sd.timestamps = append(sd.timestamps, tok)
		}
	}
	return nil
}

// maxTimestamps bounds the signature timestamps read from one signature: real ones
// carry one, and each costs a parse.
const maxTimestamps = 8

func (sd *signedData) parseAttributes(attrs cryptobyte.String) error {
	seen := map[string]bool{}
	for !attrs.Empty() {
		var attr, values cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&oid) ||
			!attr.ReadASN1(&values, cbasn1.SET) {
			return errCMS
		}
		if seen[oid.String()] {
			return fmt.Errorf("signed attribute %v appears twice", oid)
		}
		seen[oid.String()] = true
		switch {
		case oid.Equal(oidAttrContentType):
			if !values.ReadASN1ObjectIdentifier(&sd.contentType) {
				return errCMS
			}
		case oid.Equal(oidAttrMessageDigest):
			if !values.ReadASN1Bytes(&sd.messageDigest, cbasn1.OCTET_STRING) {
				return errCMS
			}
		case oid.Equal(oidAttrSigningCertV2):
			if err := sd.parseSigningCertV2(values); err != nil {
				return err
			}
		case oid.Equal(oidAttrSigningCert) && sd.essCertHash == nil:
			if err := sd.parseSigningCertV1(values); err != nil {
				return err
			}
		}
	}
	return nil
}

// parseSigningCertV2 reads the first ESSCertIDv2, which identifies the signer (RFC 5035).
func (sd *signedData) parseSigningCertV2(values cryptobyte.String) error {
	var scv2, certIDs, id cryptobyte.String
	if !values.ReadASN1(&scv2, cbasn1.SEQUENCE) || !scv2.ReadASN1(&certIDs, cbasn1.SEQUENCE) ||
		!certIDs.ReadASN1(&id, cbasn1.SEQUENCE) {
		return errCMS
	}
	sd.essHash = crypto.SHA256 // the DEFAULT of hashAlgorithm
	if id.PeekASN1Tag(cbasn1.SEQUENCE) {
		oid, ok := readAlgorithm(&id)
		if !ok {
			return errCMS
		}
		if sd.essHash = hashFor(oid); sd.essHash == 0 {
			return fmt.Errorf("unsupported signing-certificate-v2 hash %v", oid)
		}
	}
	if !id.ReadASN1Bytes(&sd.essCertHash, cbasn1.OCTET_STRING) {
		return errCMS
	}
	return nil
}

// parseSigningCertV1 reads the first ESSCertID (RFC 2634), a SHA-1 hash of the signer's
// certificate, which many time-stamping authorities still send instead of version 2.
func (sd *signedData) parseSigningCertV1(values cryptobyte.String) error {
	var sc, certIDs, id cryptobyte.String
	if !values.ReadASN1(&sc, cbasn1.SEQUENCE) || !sc.ReadASN1(&certIDs, cbasn1.SEQUENCE) ||
		!certIDs.ReadASN1(&id, cbasn1.SEQUENCE) || !id.ReadASN1Bytes(&sd.essCertHash, cbasn1.OCTET_STRING) {
		return errCMS
	}
	sd.essHash, sd.essV1 = crypto.SHA1, true
	return nil
}

// readAlgorithm reads an AlgorithmIdentifier and returns its OID; parameters are ignored
// because none of the supported algorithms has meaningful ones.
func readAlgorithm(s *cryptobyte.String) (asn1.ObjectIdentifier, bool) {
	var alg cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !s.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&oid) {
		return nil, false
	}
	return oid, true
}

func hashFor(oid asn1.ObjectIdentifier) crypto.Hash {
	switch {
	case oid.Equal(oidSHA256):
		return crypto.SHA256
	case oid.Equal(oidSHA384):
		return crypto.SHA384
	case oid.Equal(oidSHA512):
		return crypto.SHA512
	}
	return 0
}

// signatureAlgorithm maps a CMS signatureAlgorithm plus digest to the x509 constant that
// Certificate.CheckSignature understands. rsaEncryption takes its hash from the digest;
// the combined OIDs must agree with it.
func signatureAlgorithm(oid asn1.ObjectIdentifier, digest crypto.Hash) x509.SignatureAlgorithm {
	type combo struct {
		oid  asn1.ObjectIdentifier
		hash crypto.Hash
		alg  x509.SignatureAlgorithm
	}
	for _, c := range []combo{
		{oidRSAEncryption, crypto.SHA256, x509.SHA256WithRSA},
		{oidRSAEncryption, crypto.SHA384, x509.SHA384WithRSA},
		{oidRSAEncryption, crypto.SHA512, x509.SHA512WithRSA},
		{oidSHA256WithRSA, crypto.SHA256, x509.SHA256WithRSA},
		{oidSHA384WithRSA, crypto.SHA384, x509.SHA384WithRSA},
		{oidSHA512WithRSA, crypto.SHA512, x509.SHA512WithRSA},
		{oidECDSAWithSHA256, crypto.SHA256, x509.ECDSAWithSHA256},
		{oidECDSAWithSHA384, crypto.SHA384, x509.ECDSAWithSHA384},
		{oidECDSAWithSHA512, crypto.SHA512, x509.ECDSAWithSHA512},
	} {
		if oid.Equal(c.oid) && digest == c.hash {
			return c.alg
		}
	}
	return x509.UnknownSignatureAlgorithm
}
