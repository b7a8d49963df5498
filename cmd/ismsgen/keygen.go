package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/ismsgen/ismsgen/generator/sign"
)

func runKeygen(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "keygen", "", "Create a root CA and a pack-signing certificate issued by it, for organisations without a PKI.\nAuditors trust the root (root.pem); packs are signed with signer.pem and signer-key.pem.\nKey files are written with mode 0600.")
	out := fs.String("out", ".ismsgen/keys", "directory to write the keys and certificates into (keep it out of git)")
	cn := fs.String("cn", "", "common name of the signing certificate (default: \"<org> ISMS pack signing\")")
	org := fs.String("org", "", "organisation name (required)")
	days := fs.Int("days", 825, "validity of the signing certificate in days")
	useRSA := fs.Bool("rsa", false, "RSA 3072 keys")
	useECDSA := fs.Bool("ecdsa", false, "ECDSA P-256 keys (the default)")
	if err := parseFlags(fs, args); err != nil {
		return err
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
	root, cert, key, err := sign.Keygen(*out, sign.KeygenOptions{CommonName: *cn, Organisation: *org, Days: *days, ECDSA: !*useRSA, Now: time.Now(), Rand: rand.Reader})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "root CA:             %s  (give this to auditors to trust)\nsigning certificate: %s\nsigning key:         %s  (mode 0600; never commit it)\n\nSign packs with it by adding to data/site.yaml:\n  signing:\n    cert: %s\n    key: %s\nor pass --cert and --key to ismsgen build or pack.\n", root, cert, key, cert, key)
	return nil
}
