package main

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/manifest"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/sign"
)

func runVerify(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "verify", "PACK.pdf", "Verify a signed audit pack: the signature is valid, it covers the whole file, the signer's\nchain reaches --ca, the embedded manifest matches the PDF (and the manifest beside it), and\nwith --source, which source files changed, were added or are missing since the pack was built.\nExits 0 only when everything holds.")
	ca := fs.String("ca", "", "root certificate(s) (PEM) the signer's chain must reach")
	source := fs.String("source", "", "site directory to compare the pack's sources with")
	sidecar := fs.String("manifest", "", "manifest written beside the pack (default: PACK.manifest.json next to PACK.pdf, when present)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("verify takes one PACK.pdf, got %d arguments", fs.NArg())
	}
	file := fs.Arg(0)
	pdf, err := os.ReadFile(file)
	if err != nil {
		return usagef("verify: %v", err)
	}
	var roots *x509.CertPool
	if *ca != "" {
		if roots, err = loadRoots(*ca); err != nil {
			return usagef("verify --ca: %v", err)
		}
	}
	v := &verifier{out: s.out, ok: true}
	rep, err := sign.Verify(pdf, roots)
	if err != nil {
		v.fail("signature: %v", err)
		return v.result()
	}
	v.signature(rep, *ca)
	m := v.manifest(pdf, rep, file, *sidecar)
	if *source != "" && m != nil {
		v.sources(ctx, m, *source)
	}
	return v.result()
}

// verifier prints one line per check and remembers whether all held.
type verifier struct {
	out interface{ Write([]byte) (int, error) }
	ok  bool
}

func (v *verifier) pass(format string, args ...any) {
	fmt.Fprintf(v.out, "ok    "+format+"\n", args...)
}
func (v *verifier) fail(format string, args ...any) {
	v.ok = false
	fmt.Fprintf(v.out, "FAIL  "+format+"\n", args...)
}

func (v *verifier) result() error {
	if v.ok {
		fmt.Fprintln(v.out, "verified: every check holds")
		return nil
	}
	fmt.Fprintln(v.out, "NOT verified: see the FAIL lines above")
	return errSilent
}

func (v *verifier) signature(rep *sign.Report, ca string) {
	who := ""
	if rep.Signer != nil {
		who = rep.Signer.Subject.CommonName
	}
	if rep.Valid {
		v.pass("signature is valid (%s, signed by %q, %s)", rep.SubFilter, who, rep.SigningTime.UTC().Format("2006-01-02"))
	} else {
		v.fail("signature is not valid: %s", strings.Join(rep.Problems, "; "))
	}
	if rep.CoversWholeFile {
		v.pass("the signature covers the whole file")
	} else {
		v.fail("the signature does not cover the whole file: %d bytes were appended after signing", rep.Appended)
	}
	switch {
	case ca == "":
		fmt.Fprintln(v.out, "skip  certificate chain not checked (no --ca)")
	case rep.ChainErr != nil:
		v.fail("the signer's certificate does not chain to %s: %v", ca, rep.ChainErr)
	default:
		v.pass("the signer's certificate chains to %s", ca)
	}
}

// manifest checks the embedded manifest and, when present, the one beside the pack.
func (v *verifier) manifest(pdf []byte, rep *sign.Report, file, sidecar string) *manifest.Manifest {
	raw, err := sign.EmbeddedFile(pdf[:rep.UnsignedLength], manifest.FileName)
	if err != nil {
		v.fail("no embedded manifest: %v", err)
		return nil
	}
	m, err := manifest.Parse(raw)
	if err != nil {
		v.fail("embedded manifest: %v", err)
		return nil
	}
	v.pass("embedded manifest: pack %s built %s by %s, %d source files", m.Pack, m.BuildDate, m.Generator, len(m.Sources))
	explicit := sidecar != ""
	if !explicit {
		sidecar = strings.TrimSuffix(file, filepath.Ext(file)) + ".manifest.json"
	}
	b, err := os.ReadFile(sidecar)
	if err != nil {
		if explicit {
			v.fail("manifest %s: %v", sidecar, err)
		}
		return m
	}
	side, err := manifest.Parse(b)
	if err != nil {
		v.fail("manifest %s: %v", sidecar, err)
		return m
	}
	unsigned := manifest.Hash(pdf[:rep.UnsignedLength])
	if side.PDFSHA256 != unsigned {
		v.fail("%s records PDF SHA-256 %s, but the signed revision of the pack hashes to %s", sidecar, side.PDFSHA256, unsigned)
	} else {
		v.pass("%s matches the pack (unsigned PDF SHA-256 %s)", sidecar, unsigned)
	}
	side.PDFSHA256 = ""
	if string(side.JSON()) != string(m.JSON()) {
		v.fail("%s lists other sources than the manifest inside the pack", sidecar)
	}
	return m
}

// sources compares the manifest with the sources as they are now.
func (v *verifier) sources(ctx context.Context, m *manifest.Manifest, source string) {
	date, err := model.ParseDate(m.BuildDate)
	if err != nil {
		v.fail("manifest build date: %v", err)
		return
	}
	g, err := build.Resolve(ctx, nil, source, resolve.Options{Date: date})
	if err != nil {
		v.fail("the sources in %s do not build: %v", source, err)
		return
	}
	var now []string
	for _, cfg := range build.Packs(g) {
		if cfg.Name != m.Pack {
			continue
		}
		plan, err := pack.PlanPack(g, cfg)
		if err != nil {
			v.fail("pack %s no longer plans: %v", m.Pack, err)
			return
		}
		now = plan.Sources
	}
	d := m.Compare(now, g.Site.Files)
	if d.Empty() {
		v.pass("sources unchanged since the pack was built (%d files)", len(m.Sources))
		return
	}
	for _, p := range d.Changed {
		v.fail("source changed since the pack was built: %s", p)
	}
	for _, p := range d.Added {
		v.fail("source added since the pack was built: %s", p)
	}
	for _, p := range d.Missing {
		v.fail("source missing since the pack was built: %s", p)
	}
}

func loadRoots(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	n := 0
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, err
		}
		pool.AddCert(c)
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}
