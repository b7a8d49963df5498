package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
)

// Signer holds a private key and its certificate chain, leaf first. The chain is embedded
// in every signature so a verifier can build the path to a root it trusts.
type Signer struct {
	Key   crypto.Signer
	Chain []*x509.Certificate
}

// check refuses signers that would produce a signature nobody can verify: a missing key
// or chain, a key that does not belong to the leaf, or a key type or size this package
// does not sign with.
func (s Signer) check() error {
	if s.Key == nil {
		return errors.New("signer has no private key")
	}
	if len(s.Chain) == 0 || s.Chain[0] == nil {
		return errors.New("signer has no certificate")
	}
	if err := checkKeyType(s.Key.Public()); err != nil {
		return err
	}
	pub, ok := s.Key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(s.Chain[0].PublicKey) {
		return fmt.Errorf("the private key does not match the certificate %q (the first certificate must be the signer's)", s.Chain[0].Subject.CommonName)
	}
	return nil
}

// checkKeyType accepts RSA of at least 2048 bits and ECDSA on P-256 or P-384: what
// PAdES verifiers in the field (NSS, Adobe, EU DSS) all accept.
func checkKeyType(pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return fmt.Errorf("RSA key has %d bits; at least 2048 are required", k.N.BitLen())
		}
		return nil
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() && k.Curve != elliptic.P384() {
			return fmt.Errorf("ECDSA curve %s is not supported (use P-256 or P-384)", k.Curve.Params().Name)
		}
		return nil
	}
	return fmt.Errorf("unsupported key type %T (use RSA or ECDSA)", pub)
}

// signatureSize is an upper bound of the signature value's length in bytes.
func signatureSize(pub crypto.PublicKey) int {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return k.Size()
	case *ecdsa.PublicKey:
		n := (k.Curve.Params().BitSize + 7) / 8
		return 2*n + 16 // DER SEQUENCE of two INTEGERs with possible sign bytes
	}
	return 1024
}
