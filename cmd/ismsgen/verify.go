package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/sign"
)

func runVerify(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "verify", "PACK.pdf", `Verify a signed audit pack. Every signature in the file is listed. The pack verifies only
when the organisation's signature is valid, its signer chains to a trusted root (--ca, else
signing: {root: ...} in the site's data/site.yaml), it covers the whole file or is followed
only by document timestamps and validation data that change nothing, the embedded manifest
matches the PDF (and the manifest beside it), and with --source, no source file changed since
the pack was built. A pack signed with the development certificate fails unless
--allow-development is given. verify reports the PAdES level (B-B, B-T, B-LT, B-LTA), each
timestamp with its authority and time (trusted only against --tsa-ca; with --tsa-ca every
timestamp must chain to it and the pack must carry one), and checks the signer's and the
TSA's certificates against the CRLs in the pack's DSS and --crl: a revoked certificate fails.
Exits 0 only when everything holds; "warn" lines name what could not be checked.`)
	ca := fs.String("ca", "", "root certificate(s) (PEM, one file, several roots allowed) the signer's chain must reach")
	tsaCA := fs.String("tsa-ca", "", "root certificate(s) (PEM) of trusted time-stamping authorities, apart from --ca")
	var crls stringList
	fs.Var(&crls, "crl", "a CRL (DER or PEM) to check the certificates against, besides those in the pack; repeatable")
	source := fs.String("source", "", "site directory to compare the pack's sources with (its data/site.yaml may pin the root)")
	sidecar := fs.String("manifest", "", "manifest written beside the pack (default: PACK.manifest.json next to PACK.pdf, when present)")
	allowDev := fs.Bool("allow-development", false, "accept a pack signed with the development certificate (for previews; trusts the site's .ismsgen/dev-signing/root.pem)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("verify takes one PACK.pdf, got %d arguments", fs.NArg())
	}
	file := fs.Arg(0)
	pdf, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("verify: cannot read %s: %w", file, unwrapPath(err))
	}
	v := &verifier{out: s.out, ok: true}
	policy, trust, err := build.VerifyPolicy(*ca, *source, *allowDev)
	if err != nil {
		return err
	}
	if *tsaCA != "" {
		if policy.TSARoots, err = sign.LoadRoots(*tsaCA); err != nil {
			return fmt.Errorf("verify --tsa-ca: %w", err)
		}
	}
	if policy.CRLs, err = sign.LoadCRLs(crls...); err != nil {
		return fmt.Errorf("verify --crl: %w", err)
	}
	rep, err := sign.Verify(pdf, policy)
	if err != nil {
		v.fail("signature: %v", err)
		return v.result()
	}
	v.tsaTrust = *tsaCA
	v.signatures(rep, trust)
	v.ltv(rep)
	m := v.manifest(pdf, rep, file, *sidecar)
	if *source != "" && m != nil {
		v.lines(build.VerifySources(ctx, m, *source))
	}
	return v.result()
}

// verifier prints one line per check and remembers whether all held.
type verifier struct {
	out      interface{ Write([]byte) (int, error) }
	ok       bool
	warnings int
	tsaTrust string // the --tsa-ca file, "" when none was given
}

func (v *verifier) pass(format string, args ...any) {
	fmt.Fprintf(v.out, "ok    "+format+"\n", args...)
}
func (v *verifier) fail(format string, args ...any) {
	v.ok = false
	fmt.Fprintf(v.out, "FAIL  "+format+"\n", args...)
}

// warn reports what could not be checked; it does not fail the pack.
func (v *verifier) warn(format string, args ...any) {
	v.warnings++
	fmt.Fprintf(v.out, "warn  "+format+"\n", args...)
}

func (v *verifier) result() error {
	if v.ok && v.warnings > 0 {
		fmt.Fprintln(v.out, "verified: every check holds (the warn lines above say what could not be checked)")
		return nil
	}
	if v.ok {
		fmt.Fprintln(v.out, "verified: every check holds")
		return nil
	}
	fmt.Fprintln(v.out, "NOT verified: see the FAIL lines above")
	return errSilent
}

// signatures prints a line per signature (who made it, what it covers), a line per
// revision after the organisation's signature, and a FAIL line per reason the pack does
// not verify.
func (v *verifier) signatures(rep *sign.Report, trust string) {
	total := 0
	if n := len(rep.Signatures); n > 0 {
		total = rep.Signatures[n-1].SignedLength + rep.Appended
	}
	for _, sg := range rep.Signatures {
		kind := "signature"
		if sg.Timestamp {
			kind = "document timestamp"
		}
		field := ""
		if sg.Field != "" {
			field = " (" + sg.Field + ")"
		}
		covers := fmt.Sprintf("covers bytes 0–%d, not the whole file", sg.SignedLength)
		if sg == rep.Pack && rep.CoversWholeFile || sg.SignedLength == total && rep.Appended == 0 {
			covers = "covers the whole file"
		}
		state := "valid"
		if !sg.Valid {
			state = "NOT valid"
		}
		dev := ""
		if sg.Development {
			dev = " [DEVELOPMENT certificate]"
		}
		line := fmt.Sprintf("%s %d%s: %s, by %q issued by %q%s, %s, %s, %s", kind, sg.Number, field, state,
			sg.SignerName(), sg.IssuerName(), dev, sg.SubFilter, sg.SigningTime.UTC().Format(time.DateOnly), covers)
		if sg.Valid {
			v.pass("%s", line)
		} else {
			v.fail("%s", line)
		}
		for _, ts := range sg.Timestamps {
			v.timestamp(sg, ts)
		}
	}
	for _, r := range rep.Revisions {
		line := fmt.Sprintf("revision %d (bytes %d–%d) after the organisation's signature: %s", r.Number, r.Start, r.End, r.Kind())
		if len(r.Changes) == 0 && (r.Timestamp || r.DSS) {
			v.pass("%s that changes no page, annotation or form content", line)
		}
	}
	switch p := rep.Pack; {
	case p.Trusted:
		v.pass("the signer's certificate chains to %s", trust)
	case p.ChainErr != nil:
		v.fail("the signer's certificate does not chain to %s: %v", trust, p.ChainErr)
	}
	for _, p := range rep.Problems {
		if rep.Pack.ChainErr != nil && strings.HasPrefix(p, fmt.Sprintf("signature %d by %q: certificate chain", rep.Pack.Number, rep.Pack.SignerName())) {
			continue // said above
		}
		v.fail("%s", p)
	}
}

// manifest checks the embedded manifest and, when present, the one beside the pack.
func (v *verifier) manifest(pdf []byte, rep *sign.Report, file, sidecar string) *build.PackManifest {
	m, lines := build.VerifyManifest(pdf, rep, file, sidecar)
	v.lines(lines)
	return m
}

// lines prints the checks of package build's verification.
func (v *verifier) lines(lines []build.VerifyLine) {
	for _, l := range lines {
		if l.OK {
			v.pass("%s", l.Text)
		} else {
			v.fail("%s", l.Text)
		}
	}
}

// unwrapPath drops the operation and path of a file error, which the message names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
