package sign

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"runtime"

	"golang.org/x/crypto/pkcs12"
)

// LoadPEM reads a signer from PEM files. certPath holds the signer's certificate and may
// hold the rest of the chain; keyPath holds one private key in PKCS#8, PKCS#1 or SEC1
// form, unencrypted. A key file readable by group or others is refused: a signing key
// that other accounts can read is no longer evidence of who signed.
func LoadPEM(certPath, keyPath string) (Signer, error) {
	if err := checkPrivate(keyPath); err != nil {
		return Signer{}, err
	}
	certPEM, err := os.ReadFile(certPath)
	if err != nil {
		return Signer{}, err
	}
	keyPEM, err := os.ReadFile(keyPath)
	if err != nil {
		return Signer{}, err
	}
	var certs []*x509.Certificate
	for rest := certPEM; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return Signer{}, fmt.Errorf("%s: %w", certPath, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return Signer{}, fmt.Errorf("%s: no PEM CERTIFICATE block", certPath)
	}
	key, err := parsePEMKey(keyPEM)
	if err != nil {
		return Signer{}, fmt.Errorf("%s: %w", keyPath, err)
	}
	return newSigner(key, certs)
}

// LoadPKCS12 reads a signer from a PKCS#12 (.p12/.pfx) file. The file carries the private
// key, so it must not be readable by group or others either. Only the legacy encryption
// (3DES/RC2 with a SHA-1 MAC) is readable with golang.org/x/crypto/pkcs12; files written
// by OpenSSL 3 with default settings use AES and need "openssl pkcs12 -export -legacy",
// or conversion to PEM files.
func LoadPKCS12(path, password string) (Signer, error) {
	if err := checkPrivate(path); err != nil {
		return Signer{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Signer{}, err
	}
	blocks, err := pkcs12.ToPEM(data, password)
	if err != nil {
		var unsupported pkcs12.NotImplementedError
		if errors.As(err, &unsupported) {
			return Signer{}, fmt.Errorf("%s: %w (re-export it with \"openssl pkcs12 -export -legacy\", or use PEM files)", path, err)
		}
		return Signer{}, fmt.Errorf("%s: %w", path, err)
	}
	var key crypto.Signer
	var certs []*x509.Certificate
	for _, b := range blocks {
		switch b.Type {
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return Signer{}, fmt.Errorf("%s: %w", path, err)
			}
			certs = append(certs, c)
		case "PRIVATE KEY":
			if key != nil {
				return Signer{}, fmt.Errorf("%s: more than one private key", path)
			}
			if key, err = parseKeyDER(b.Bytes); err != nil {
				return Signer{}, fmt.Errorf("%s: %w", path, err)
			}
		}
	}
	if key == nil {
		return Signer{}, fmt.Errorf("%s: no private key", path)
	}
	return newSigner(key, certs)
}

// checkPrivate refuses a key file that group or others may read or write.
func checkPrivate(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if runtime.GOOS == "windows" {
		return nil // permission bits do not describe Windows ACLs
	}
	if mode := fi.Mode().Perm(); mode&0o077 != 0 {
		return fmt.Errorf("private key file %s has mode %04o, which lets other users read it; restrict it with: chmod 600 %s", path, mode, path)
	}
	return nil
}

// parsePEMKey finds the private key among the PEM blocks (skipping e.g. EC PARAMETERS).
func parsePEMKey(data []byte) (crypto.Signer, error) {
	for rest := data; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			return nil, errors.New("no PEM private key block")
		}
		switch block.Type {
		case "ENCRYPTED PRIVATE KEY":
			return nil, errors.New("the private key is encrypted; decrypt it (openssl pkcs8) or use a PKCS#12 file")
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			if _, encrypted := block.Headers["DEK-Info"]; encrypted {
				return nil, errors.New("the private key is encrypted; decrypt it or use a PKCS#12 file")
			}
			return parseKeyDER(block.Bytes)
		}
	}
}

// parseKeyDER accepts PKCS#8, PKCS#1 and SEC1, whichever the bytes are.
func parseKeyDER(der []byte) (crypto.Signer, error) {
	var key any
	var err error
	if key, err = x509.ParsePKCS8PrivateKey(der); err != nil {
		if key, err = x509.ParsePKCS1PrivateKey(der); err != nil {
			if key, err = x509.ParseECPrivateKey(der); err != nil {
				return nil, errors.New("the private key is not PKCS#8, PKCS#1 or SEC1 DER")
			}
		}
	}
	s, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("unsupported private key type %T", key)
	}
	return s, nil
}

// newSigner puts the certificate matching key first, keeping the others in file order,
// so a chain file that lists the root first still works.
func newSigner(key crypto.Signer, certs []*x509.Certificate) (Signer, error) {
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		return Signer{}, fmt.Errorf("unsupported private key type %T", key)
	}
	for i, c := range certs {
		if pub.Equal(c.PublicKey) {
			chain := append([]*x509.Certificate{c}, certs[:i]...)
			chain = append(chain, certs[i+1:]...)
			s := Signer{Key: key, Chain: chain}
			return s, s.check()
		}
	}
	return Signer{}, errors.New("no certificate matches the private key")
}
