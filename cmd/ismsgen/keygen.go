package main

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"fmt"
	"path/filepath"
	"time"

	"github.com/ismsgen/ismsgen/generator/sign"
)

func runKeygen(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "keygen", "", `Create a root CA and a pack-signing certificate issued by it, for organisations without a PKI.
Auditors trust the root (root.pem); packs are signed with signer.pem and signer-key.pem.
Key files are written with mode 0600. The root's certificate revocation list is root.crl
(DER), signed with root-key.pem, current for --crl-days.

With --revoke CERT.pem (the first certificate in the file; repeatable), keygen adds that
certificate to root.crl in --out instead, re-signed with a higher CRL number; with
--renew-crl it re-issues root.crl as it is, before it expires. Embed the CRL in packs with
ismsgen seal --crl, or give it to verify --crl.`)
	out := fs.String("out", ".ismsgen/keys", "directory to write the keys and certificates into (keep it out of git)")
	cn := fs.String("cn", "", "common name of the signing certificate (default: \"<org> ISMS pack signing\")")
	org := fs.String("org", "", "organisation name (required when creating keys)")
	days := fs.Int("days", 825, "validity of the signing certificate in days")
	useRSA := fs.Bool("rsa", false, "RSA 3072 keys")
	useECDSA := fs.Bool("ecdsa", false, "ECDSA P-256 keys (the default)")
	var revoke stringList
	fs.Var(&revoke, "revoke", "add the certificate in this PEM file to the root's CRL (root.crl in --out); repeatable")
	renew := fs.Bool("renew-crl", false, "re-issue root.crl in --out with a fresh next update")
	crlDays := fs.Int("crl-days", 30, "days until the CRL's next update")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("keygen takes no arguments, got %q", fs.Args())
	}
	if *crlDays <= 0 {
		return usagef("keygen: --crl-days must be positive")
	}
	if len(revoke) > 0 || *renew {
		if *org != "" || *cn != "" || *useRSA || *useECDSA {
			return usagef("keygen: --revoke and --renew-crl update the CRL of the keys in --out; they take no --org, --cn, --rsa or --ecdsa")
		}
		return updateCRL(s, *out, revoke, *crlDays)
	}
	if *org == "" {
		return usagef("keygen: --org is required")
	}
	if *useRSA && *useECDSA {
		return usagef("keygen: choose one of --rsa and --ecdsa")
	}
	if *days <= 0 {
		return usagef("keygen: --days must be positive")
	}
	if *cn == "" {
		*cn = *org + " ISMS pack signing"
	}
	root, cert, key, err := sign.Keygen(*out, sign.KeygenOptions{CommonName: *cn, Organisation: *org, Days: *days, ECDSA: !*useRSA,
		CRLDays: *crlDays, Now: time.Now(), Rand: rand.Reader})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "root CA:             %s  (give this to auditors to trust)\nsigning certificate: %s\nsigning key:         %s  (mode 0600; never commit it)\nroot key:            %s  (mode 0600; it signs certificates and CRLs: keep it offline, away from CI and git)\nroot CRL:            %s/root.crl  (DER; renew it every %d days with ismsgen keygen --renew-crl --out %s)\n\nSign packs with it by adding to data/site.yaml:\n  signing:\n    cert: %s\n    key: %s\nor pass --cert and --key to ismsgen build or pack.\n",
		root, cert, key, filepath.Join(*out, "root-key.pem"), *out, *crlDays, *out, cert, key)
	return nil
}

// updateCRL revokes the first certificate of each file, or only re-issues the CRL.
func updateCRL(s *stdio, dir string, files []string, days int) error {
	var certs []*x509.Certificate
	for _, f := range files {
		cs, err := sign.LoadCertificates(f)
		if err != nil {
			return usagef("keygen --revoke: %v", err)
		}
		certs = append(certs, cs[0])
	}
	path, crl, err := sign.UpdateCRL(dir, certs, sign.CRLOptions{Now: time.Now(), Days: days, Rand: rand.Reader})
	if err != nil {
		return err
	}
	for _, c := range certs {
		fmt.Fprintf(s.out, "revoked %q (serial %X)\n", c.Subject.CommonName, c.SerialNumber)
	}
	fmt.Fprintf(s.out, "%s: CRL number %s, %d revoked certificate%s, next update %s\nPublish it, embed it in packs with ismsgen seal --crl %s, or give it to ismsgen verify --crl.\n",
		path, crl.Number, len(crl.RevokedCertificateEntries), plural(len(crl.RevokedCertificateEntries)), crl.NextUpdate.Format(time.DateOnly), path)
	return nil
}
