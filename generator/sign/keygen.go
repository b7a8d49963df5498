package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/ismsgen/ismsgen/internal/filetree"
)

// KeygenOptions describe the certificates Keygen makes.
type KeygenOptions struct {
	CommonName     string    // subject CN of the signing certificate; required
	RootCommonName string    // subject CN of the root; default CommonName + " root CA"
	Organisation   string    // subject O of both certificates; optional
	Days           int       // validity of both certificates; default 365
	ECDSA          bool      // P-256 keys instead of RSA 3072
	Now            time.Time // start of validity; default time.Now()
	// CRLDays is how long the root's first CRL (root.crl) stays current; default 30.
	CRLDays int
	// Rand supplies serial numbers and certificate signatures; default crypto/rand. Since
	// Go 1.26 key generation ignores it and always uses the system's secure source.
	Rand io.Reader
}

// File names Keygen writes into its directory.
const (
	rootCertFile   = "root.pem"
	rootKeyFile    = "root-key.pem"
	signerCertFile = "signer.pem"
	signerKeyFile  = "signer-key.pem"
)

// documentSigningEKU is id-kp-documentSigning (RFC 9336), telling readers what the
// certificate is for. Email protection is listed too because NSS (and so pdfsig) checks
// signing certificates for that usage whenever an extended key usage is present.
func documentSigningEKU() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}
}

// Keygen creates a root CA and a signing certificate issued by it, and writes into dir
// root.pem, root-key.pem, signer.pem (the signer followed by the root), signer-key.pem
// and root.crl, the root's empty revocation list (DER, CRL number 1; UpdateCRL adds to
// it with the root key, which is why Keygen keeps root-key.pem). Keys are PKCS#8 with mode 0600; dir is created with mode 0700 if it
// does not exist. Existing files are never overwritten: replacing a signing key by
// accident would orphan every pack signed with it.
func Keygen(dir string, opt KeygenOptions) (rootPath, certPath, keyPath string, err error) {
	if opt.CommonName == "" {
		return "", "", "", errors.New("KeygenOptions.CommonName is required")
	}
	if opt.RootCommonName == "" {
		opt.RootCommonName = opt.CommonName + " root CA"
	}
	if opt.Days <= 0 {
		opt.Days = 365
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Rand == nil {
		opt.Rand = rand.Reader
	}
	paths := map[string]string{}
	for _, name := range []string{rootCertFile, rootKeyFile, signerCertFile, signerKeyFile, rootCRLFile} {
		paths[name] = filepath.Join(dir, name)
		if _, err := os.Lstat(paths[name]); err == nil {
			return "", "", "", fmt.Errorf("%s: %w; Keygen does not overwrite keys or certificates", paths[name], fs.ErrExist)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", "", err
	}

	rootKey, err := newKey(opt)
	if err != nil {
		return "", "", "", err
	}
	signerKey, err := newKey(opt)
	if err != nil {
		return "", "", "", err
	}
	subject := func(cn string) pkix.Name {
		n := pkix.Name{CommonName: cn}
		if opt.Organisation != "" {
			n.Organization = []string{opt.Organisation}
		}
		return n
	}
	notBefore := opt.Now.Add(-time.Hour).UTC() // tolerate clocks slightly behind ours
	notAfter := opt.Now.AddDate(0, 0, opt.Days).UTC()

	rootTmpl := &x509.Certificate{
		Subject:               subject(opt.RootCommonName),
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	if rootTmpl.SerialNumber, err = serial(opt.Rand); err != nil {
		return "", "", "", err
	}
	rootDER, err := x509.CreateCertificate(opt.Rand, rootTmpl, rootTmpl, rootKey.Public(), rootKey)
	if err != nil {
		return "", "", "", err
	}
	root, err := x509.ParseCertificate(rootDER)
	if err != nil {
		return "", "", "", err
	}
	leafTmpl := &x509.Certificate{
		Subject:               subject(opt.CommonName),
		NotBefore:             notBefore,
		NotAfter:              notAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{documentSigningEKU()},
		BasicConstraintsValid: true,
	}
	if leafTmpl.SerialNumber, err = serial(opt.Rand); err != nil {
		return "", "", "", err
	}
	leafDER, err := x509.CreateCertificate(opt.Rand, leafTmpl, root, signerKey.Public(), rootKey)
	if err != nil {
		return "", "", "", err
	}

	crlDER, err := issueCRL(root, rootKey, big.NewInt(1), nil, CRLOptions{Now: opt.Now, Days: opt.CRLDays, Rand: opt.Rand})
	if err != nil {
		return "", "", "", err
	}

	rootKeyPEM, err := keyPEM(rootKey)
	if err != nil {
		return "", "", "", err
	}
	signerKeyPEM, err := keyPEM(signerKey)
	if err != nil {
		return "", "", "", err
	}
	files := []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{rootKeyFile, rootKeyPEM, 0o600},
		{signerKeyFile, signerKeyPEM, 0o600},
		{rootCertFile, certPEM(rootDER), 0o644},
		{signerCertFile, append(certPEM(leafDER), certPEM(rootDER)...), 0o644},
		{rootCRLFile, crlDER, 0o644},
	}
	for _, f := range files {
		if err := writeNew(paths[f.name], f.data, f.mode); err != nil {
			return "", "", "", err
		}
	}
	return paths[rootCertFile], paths[signerCertFile], paths[signerKeyFile], nil
}

func newKey(opt KeygenOptions) (crypto.Signer, error) {
	if opt.ECDSA {
		return ecdsa.GenerateKey(elliptic.P256(), opt.Rand)
	}
	// 3072 bits: the size NIST expects to stay acceptable beyond 2030.
	return rsa.GenerateKey(opt.Rand, 3072)
}

// serial returns a random positive 127-bit serial number, as CAs are expected to use.
func serial(r io.Reader) (*big.Int, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("serial number: %w", err)
	}
	b[0] &= 0x7f
	b[0] |= 0x40 // never a short serial, whatever the random bytes
	return new(big.Int).SetBytes(b), nil
}

func keyPEM(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

func certPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// writeNew creates path exclusively with mode; the mode is set at creation so a key is
// never readable by others, not even for a moment.
func writeNew(path string, data []byte, mode os.FileMode) error {
	err := filetree.Create(path, data, mode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w; Keygen does not overwrite keys or certificates", path, fs.ErrExist)
	}
	return err
}
