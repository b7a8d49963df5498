package build

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/manifest"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/sign"
	"github.com/ismsgen/ismsgen/generator/site"
)

// Signing names the key material that signs packs, overriding data/site.yaml.
type Signing struct {
	Cert, Key string // PEM files
	P12       string // a PKCS#12 file instead of Cert and Key
	// P12Password comes from the environment, never from a flag (flags show in ps).
	P12Password string
}

// DevSigningDir is where the development signer is kept, relative to the site root.
const DevSigningDir = ".ismsgen/dev-signing"

// PackConfigs returns the packs a site builds: the configured ones, or the default stage1.
func PackConfigs(g *resolve.Graph) []model.PackConfig {
	if len(g.Site.Config.Packs) > 0 {
		return g.Site.Config.Packs
	}
	return []model.PackConfig{pack.DefaultPack()}
}

// PackFiles is one rendered, signed pack.
type PackFiles struct {
	Name     string
	Title    string
	PDF      []byte // signed
	Manifest []byte // the manifest written beside the pack
	Pages    int
	Docs     int
	TSA      string // the authority that timestamped the signature, "" when none did
	// Classification is the pack's label; LeftOut what its max_classification left out.
	Classification model.Classification
	LeftOut        []*resolve.Entity
	// Warnings are the pack's diagrams that have no image for the PDF and, once per
	// document, the characters no font of the pack has.
	Warnings diag.List
	// Signer is the signing certificate's subject; Development whether it is ismsgen's
	// development certificate.
	Signer      string
	Development bool
}

// RenderPack plans, renders and signs one pack. The manifest goes inside the PDF (as an
// attached file) and beside it, where it also records the unsigned PDF's SHA-256.
func RenderPack(ctx context.Context, g *resolve.Graph, cfg model.PackConfig, opt Options, signer sign.Signer) (*PackFiles, error) {
	plan, err := pack.PlanPack(g, cfg)
	if err != nil {
		return nil, err
	}
	drop, err := parseForPack(ctx, g, plan)
	if err != nil {
		return nil, err
	}
	defer drop()
	m := &manifest.Manifest{
		Generator: "ismsgen " + opt.Version,
		Pack:      cfg.Name,
		Title:     plan.Title(),
		BuildDate: g.Date.String(),
		Release:   opt.Release,
		Commit:    manifestCommit(opt),
		Sources:   manifest.Sources(plan.Sources, g.Site.Files),
	}
	sc := g.Site.Config.Signing
	sigOpt := sign.Options{
		Time:     g.Date.Time(),
		Name:     sc.Name,
		Reason:   orDefault(sc.Reason, "ISMS audit pack issued by "+g.Site.Config.Organisation),
		Location: sc.Location,
	}
	tsa := packTSA(g, opt)
	if tsa != "" {
		sigOpt.Timestamper = sign.TSA{URL: tsa}
	}
	res, err := pack.Render(ctx, g, plan, pack.Options{
		Date:    g.Date,
		Version: opt.Version,
		Release: coverRelease(opt),
		Attachments: []pack.Attachment{{
			Name: manifest.FileName, Description: "ismsgen evidence manifest: the source files of this pack with their SHA-256", Data: m.JSON(),
			Relationship: pack.RelData,
		}},
		Signature: coverSignature(signer, sigOpt, g.Date),
	})
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", cfg.Name, err)
	}
	m.PDFSHA256 = manifest.Hash(res.PDF)
	signed, err := sign.SignContext(ctx, res.PDF, signer, sigOpt)
	if err != nil {
		return nil, fmt.Errorf("signing pack %s: %w", cfg.Name, err)
	}
	return &PackFiles{Name: cfg.Name, Title: plan.Title(), Signer: signerName(signer), Development: isDevelopment(signer), PDF: signed, Manifest: m.JSON(), Pages: res.Pages, Docs: res.Documents, TSA: tsa,
		Classification: plan.Classification(), LeftOut: plan.LeftOut,
		Warnings: append(packDiagramWarnings(g.Site.Files, plan), res.Warnings...)}, nil
}

// packTSA is the time-stamping authority of a build: the option's, else the site's.
func packTSA(g *resolve.Graph, opt Options) string {
	if opt.NoTSA {
		return ""
	}
	return orDefault(opt.TSA, g.Site.Config.Signing.TSA)
}

// renderPacks renders every pack of the site into files (packs/<name>.pdf and
// packs/<name>.manifest.json), adding the packs' warnings to warnings, and returns what
// the downloads page says of them.
func renderPacks(ctx context.Context, g *resolve.Graph, opt Options, files map[string][]byte, warnings *diag.List) ([]site.PackDownload, error) {
	packs := PackConfigs(g)
	signer, err := LoadSigner(g.Site, opt)
	if err != nil {
		return nil, err
	}
	var downloads []site.PackDownload
	for i, cfg := range packs {
		opt.progress(StepPack+Step(" "+cfg.Name), i, len(packs))
		start := time.Now()
		pf, err := RenderPack(ctx, g, cfg, opt, signer)
		if err != nil {
			return nil, err
		}
		downloads = append(downloads, builtDownload(pf))
		files["packs/"+pf.Name+".pdf"] = pf.PDF
		files["packs/"+pf.Name+".manifest.json"] = pf.Manifest
		MergeWarnings(warnings, pf.Warnings)
		if opt.Log != nil {
			fmt.Fprint(opt.Log, PackLog(g, cfg, pf, time.Since(start)))
		}
	}
	return downloads, nil
}

// LoadSigner returns the signer for packs: the flags' key material, else the site's
// signing settings, else a development signer kept (outside any output directory) in
// the site's .ismsgen/dev-signing, which the build announces.
func LoadSigner(site *model.Site, opt Options) (sign.Signer, error) {
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(site.Root, filepath.FromSlash(p))
	}
	s := opt.Signing
	switch {
	case s.P12 != "":
		return sign.LoadPKCS12(s.P12, s.P12Password)
	case s.Cert != "" || s.Key != "":
		return sign.LoadPEM(s.Cert, s.Key)
	case site.Config.Signing.Cert != "" || site.Config.Signing.Key != "":
		return sign.LoadPEM(abs(site.Config.Signing.Cert), abs(site.Config.Signing.Key))
	}
	signer, created, err := sign.DevSigner(filepath.Join(site.Root, filepath.FromSlash(DevSigningDir)), time.Now())
	if err != nil {
		return sign.Signer{}, fmt.Errorf("development signing certificate: %w", err)
	}
	if opt.Log != nil {
		verb := "using"
		if created {
			verb = "created"
		}
		fmt.Fprintf(opt.Log, "packs are signed with a DEVELOPMENT certificate (%s %s); configure signing: in data/site.yaml or run ismsgen keygen for real signatures\n", verb, DevSigningDir)
	}
	return signer, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// coverRelease is the release as the pack's cover names it: the tag and its commit, or
// the working tree, at which commit and whether it has uncommitted changes, so a reader
// can find the exact sources or knows there are none to find.
func coverRelease(opt Options) string {
	c := opt.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	switch {
	case opt.Release != "" && c != "":
		return opt.Release + " (commit " + c + ")"
	case opt.Release != "":
		return opt.Release
	}
	tree := "working tree"
	if c != "" {
		tree += " at commit " + c
	}
	if opt.Dirty {
		tree += ", with uncommitted changes"
	}
	return tree
}

// manifestCommit is the commit the manifest records: only one whose tree the sources
// are, never the HEAD of a working tree with uncommitted changes.
func manifestCommit(opt Options) string {
	if opt.Dirty {
		return ""
	}
	return opt.Commit
}

// coverSignature describes the signature for the pack's cover.
func coverSignature(s sign.Signer, opt sign.Options, date model.Date) *pack.Signature {
	sig := &pack.Signature{Reason: opt.Reason, Location: opt.Location, Date: date, Timestamped: opt.Timestamper != nil}
	if len(s.Chain) > 0 {
		sig.Signer = s.Chain[0].Subject.String()
		sig.Issuer = s.Chain[0].Issuer.String()
	}
	if opt.Name != "" {
		sig.Signer = opt.Name + " (" + sig.Signer + ")"
	}
	return sig
}

// PackLog is what a build says of a rendered pack: its size and label, what its
// max_classification left out and, when the pack is classified above the site's
// publish.max_classification, a warning that it sits in the output all the same.
func PackLog(g *resolve.Graph, cfg model.PackConfig, pf *PackFiles, elapsed time.Duration) string {
	signed := "signed"
	if pf.TSA != "" {
		signed = "signed and timestamped by " + pf.TSA
	}
	s := fmt.Sprintf("pack %s: %d documents, %d pages, %s, %s, in %s%s\n", pf.Name, pf.Docs, pf.Pages, pf.Classification,
		signed, elapsed.Round(time.Millisecond), packLeftOut(cfg, pf.LeftOut))
	if limit := g.Site.Config.Publish.MaxClassification; pf.Classification.Above(limit) {
		s += fmt.Sprintf("warning: pack %s is classified %s, above publish.max_classification %s, and is written to packs/%s.pdf all the same: set max_classification: %s on the pack, or build with --no-pack\n",
			pf.Name, pf.Classification, limit, pf.Name, limit)
	}
	return s
}

// packLeftOut words what a pack's max_classification left out, for the log.
func packLeftOut(cfg model.PackConfig, left []*resolve.Entity) string {
	if len(left) == 0 {
		return ""
	}
	ids := make([]string, len(left))
	for i, e := range left {
		ids[i] = e.ID
	}
	return fmt.Sprintf("; %d left out above %s: %s", len(left), cfg.MaxClassification, strings.Join(ids, ", "))
}
