package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// buildCMS returns a detached CMS SignedData over content digest (SHA-256) in the PAdES
// B-B profile: content-type, message-digest and signing-certificate-v2 as signed
// attributes, no signing-time (the time lives in the PDF's /M so output is reproducible).
// With a timestamper, the SignerInfo also carries, as the unsigned attribute
// signatureTimeStampToken, a token over its signature value (PAdES B-T).
func buildCMS(ctx context.Context, digest []byte, s Signer, ts Timestamper) ([]byte, error) {
	leaf := s.Chain[0]
	attrs, err := signedAttributes(digest, leaf)
	if err != nil {
		return nil, err
	}
	attrsHash := sha256.Sum256(attrs)

	var sigAlg asn1.ObjectIdentifier
	var random io.Reader = rand.Reader
	switch s.Key.Public().(type) {
	case *rsa.PublicKey:
		sigAlg = oidRSAEncryption
	case *ecdsa.PublicKey:
		sigAlg = oidECDSAWithSHA256
		if _, inMemory := s.Key.(*ecdsa.PrivateKey); inMemory {
			// A nil source makes Go's ECDSA follow RFC 6979: the same input always gives
			// the same signature, which reproducible builds need.
			random = nil
		}
	default:
		return nil, fmt.Errorf("unsupported key type %T", s.Key.Public())
	}
	// RSA with crypto.SHA256 options is PKCS#1 v1.5, which is deterministic by design.
	sig, err := s.Key.Sign(random, attrsHash[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	var unsigned []byte
	if ts != nil {
		if unsigned, err = signatureTimestamp(ctx, ts, sig); err != nil {
			return nil, err
		}
	}

	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ContentInfo
		b.AddASN1ObjectIdentifier(oidSignedData)
		b.AddASN1(tagContext0Constructed, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignedData
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { addAlgorithm(b, oidSHA256, false) })
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // detached: no eContent
					b.AddASN1ObjectIdentifier(oidData)
				})
				// The chain keeps the caller's order (leaf first): verifiers build the
				// path themselves, and people reading a dump expect the leaf on top.
				b.AddASN1(tagContext0Constructed, func(b *cryptobyte.Builder) {
					for _, c := range s.Chain {
						b.AddBytes(c.Raw)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignerInfo
						b.AddASN1Int64(1)
						addIssuerAndSerial(b, leaf)
						addAlgorithm(b, oidSHA256, false)
						// Same content octets as the SET that was signed; only the tag
						// differs ([0] IMPLICIT), as RFC 5652 5.4 prescribes.
						b.AddASN1(tagContext0Constructed, func(b *cryptobyte.Builder) {
							b.AddBytes(setContents(attrs))
						})
						addAlgorithm(b, sigAlg, sigAlg.Equal(oidRSAEncryption))
						b.AddASN1OctetString(sig)
						if unsigned != nil {
							b.AddASN1(tagContext1Constructed, func(b *cryptobyte.Builder) { b.AddBytes(unsigned) })
						}
					})
				})
			})
		})
	})
	return b.Bytes()
}

// signatureTimestamp asks ts for a token over the SHA-256 of the signature value (RFC
// 3161 appendix A), checks that it timestamps exactly that, and returns the unsigned
// attribute that carries it.
func signatureTimestamp(ctx context.Context, ts Timestamper, sig []byte) ([]byte, error) {
	h := sha256.Sum256(sig)
	tok, err := ts.Timestamp(ctx, h[:])
	if err != nil {
		return nil, err
	}
	if got := checkSignatureTimestamp(tok, sig, nil, time.Time{}); !got.Valid {
		return nil, fmt.Errorf("the timestamp authority's token is not usable: %s", strings.Join(got.Problems, "; "))
	}
	attr := attribute(oidAttrTimestampToken, func(b *cryptobyte.Builder) { b.AddBytes(tok) })
	if attr == nil {
		return nil, errors.New("encoding the signature timestamp")
	}
	return attr, nil
}

// signedAttributes returns the DER SET OF Attribute that is hashed and signed. DER wants
// the members of a SET OF sorted by their encodings, so they are sorted here.
func signedAttributes(digest []byte, leaf *x509.Certificate) ([]byte, error) {
	certHash := sha256.Sum256(leaf.Raw)
	attrs := [][]byte{
		attribute(oidAttrContentType, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) }),
		attribute(oidAttrMessageDigest, func(b *cryptobyte.Builder) { b.AddASN1OctetString(digest) }),
		attribute(oidAttrSigningCertV2, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SigningCertificateV2
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // certs
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ESSCertIDv2
						// hashAlgorithm is left out: SHA-256 is its DEFAULT, and DER
						// forbids encoding a default value.
						b.AddASN1OctetString(certHash[:])
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerSerial
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // GeneralNames
								b.AddASN1(tagContext4Constructed, func(b *cryptobyte.Builder) { // directoryName
									b.AddBytes(leaf.RawIssuer)
								})
							})
							b.AddASN1BigInt(leaf.SerialNumber)
						})
					})
				})
			})
		}),
	}
	for _, a := range attrs {
		if a == nil {
			return nil, fmt.Errorf("encoding signed attributes")
		}
	}
	slices.SortFunc(attrs, bytes.Compare)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
		for _, a := range attrs {
			b.AddBytes(a)
		}
	})
	return b.Bytes()
}

func attribute(oid asn1.ObjectIdentifier, value func(*cryptobyte.Builder)) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oid)
		b.AddASN1(cbasn1.SET, value)
	})
	out, err := b.Bytes()
	if err != nil {
		return nil
	}
	return out
}

func addAlgorithm(b *cryptobyte.Builder, oid asn1.ObjectIdentifier, nullParams bool) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oid)
		if nullParams {
			b.AddASN1NULL()
		}
	})
}

func addIssuerAndSerial(b *cryptobyte.Builder, cert *x509.Certificate) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(cert.RawIssuer)
		b.AddASN1BigInt(cert.SerialNumber)
	})
}

// setContents strips the tag and length of a DER element, returning its content octets.
func setContents(der []byte) []byte {
	s := cryptobyte.String(der)
	var inner cryptobyte.String
	var tag cbasn1.Tag
	if !s.ReadAnyASN1(&inner, &tag) {
		return nil
	}
	return inner
}
