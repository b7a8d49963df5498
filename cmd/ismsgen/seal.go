package main

import (
	"context"
	"fmt"
	"os"

	"github.com/ismsgen/ismsgen/internal/filetree"

	"github.com/ismsgen/ismsgen/generator/sign"
)

func runSeal(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "seal", "PACK.pdf", `Add long-term validation data to a signed pack (PAdES B-LT): an incremental update with a
DSS (Document Security Store) holding the certificates of the signer's chain and of the
signature timestamp's authority, and the CRLs given with --crl. With --tsa, a document
timestamp follows it, so the validation data is itself timestamped (PAdES B-LTA). Nothing
the organisation signed changes: its signature stays valid, and verify accepts the update.
B-LT needs a timestamped signature (pack --tsa) and a CRL by the issuer of every
certificate in both chains (for a keygen root: its root.crl). The pack is replaced unless
--out is given; sealing again with nothing new leaves it as it is.`)
	var crls stringList
	fs.Var(&crls, "crl", "a CRL (DER or PEM) to embed, by the issuer of a certificate in the pack; repeatable")
	tsa := fs.String("tsa", "", "URL of an RFC 3161 time-stamping authority for a document timestamp after the DSS (B-LTA)")
	outFile := fs.String("out", "", "write the sealed pack here instead of replacing PACK.pdf")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("seal takes one PACK.pdf, got %d arguments", fs.NArg())
	}
	file := fs.Arg(0)
	pdf, err := os.ReadFile(file)
	if err != nil {
		return usagef("seal: %v", err)
	}
	opt := sign.SealOptions{}
	if opt.CRLs, err = sign.LoadCRLs(crls...); err != nil {
		return usagef("seal --crl: %v", err)
	}
	if *tsa != "" {
		if err := sign.CheckTSAURL(*tsa); err != nil {
			return usagef("seal --tsa: %v", err)
		}
		opt.Timestamper = sign.TSA{URL: *tsa}
	}
	sealed, err := sign.Seal(ctx, pdf, opt)
	if err != nil {
		return fmt.Errorf("seal %s: %w", file, err)
	}
	dest := *outFile
	if dest == "" {
		dest = file
	}
	if err := writeReplacing(dest, sealed.PDF); err != nil {
		return err
	}
	rep, err := sign.Verify(sealed.PDF, sign.Policy{CRLs: opt.CRLs})
	if err != nil {
		return err
	}
	what := fmt.Sprintf("validation data (DSS) with %d more certificate%s and %d more CRL%s", sealed.AddedCerts, plural(sealed.AddedCerts), sealed.AddedCRLs, plural(sealed.AddedCRLs))
	if sealed.AddedCerts+sealed.AddedCRLs == 0 {
		what = "no new validation data (the DSS holds it already)"
	}
	if sealed.Timestamped {
		what += ", then a document timestamp by " + *tsa
	}
	fmt.Fprintf(s.out, "sealed %s: %s; PAdES level %s\n", dest, what, rep.Level)
	for _, n := range rep.LevelNotes {
		fmt.Fprintf(s.out, "  %s\n", n)
	}
	for _, r := range rep.Revocations {
		if r.Status == sign.Revoked {
			fmt.Fprintf(s.out, "warning: %s: verify will fail this pack\n", r.Message)
		}
	}
	return nil
}

// writeReplacing writes data to path through a temporary file beside it, keeping the
// mode of the file it replaces, so a failed write never leaves half a pack.
func writeReplacing(path string, data []byte) error {
	mode, err := filetree.ModeOf(path, 0o644)
	if err != nil {
		return err
	}
	return filetree.Replace(path, data, mode)
}
