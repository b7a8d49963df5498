package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ismsgen/ismsgen/generator/load"
	"github.com/ismsgen/ismsgen/generator/manifest"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/pack"
	"github.com/ismsgen/ismsgen/generator/pdf"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/sign"
)

// VerifyPolicy builds the trust policy of verify: the ca roots (verify --ca), else the root the
// site pins in data/site.yaml, plus the development root when allowDev. trust names where
// the roots came from, for the report.
func VerifyPolicy(ca, source string, allowDev bool) (sign.Policy, string, error) {
	site := source
	if site == "" {
		site = "."
	}
	var paths []string
	trust := ""
	switch {
	case ca != "":
		paths, trust = append(paths, ca), ca
	default:
		cfg, err := load.Config(site)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return sign.Policy{}, "", fmt.Errorf("verify: reading the pinned root: %w", err)
		case cfg.Signing.Root != "":
			root := cfg.Signing.Root
			if !filepath.IsAbs(root) {
				root = filepath.Join(site, filepath.FromSlash(root))
			}
			paths = append(paths, root)
			trust = fmt.Sprintf("%s (pinned by signing: root: in %s)", root, filepath.Join(site, "data", "site.yaml"))
		}
	}
	if allowDev {
		dev := filepath.Join(site, filepath.FromSlash(DevSigningDir), "root.pem")
		if _, err := os.Stat(dev); err == nil {
			paths = append(paths, dev)
			if trust == "" {
				trust = dev + " (the development root)"
			}
		}
	}
	policy := sign.Policy{AllowDevelopment: allowDev}
	if len(paths) > 0 {
		roots, err := sign.LoadRoots(paths...)
		if err != nil {
			if ca != "" {
				return sign.Policy{}, "", fmt.Errorf("verify --ca: %w", err)
			}
			return sign.Policy{}, "", fmt.Errorf("verify: %w", err)
		}
		policy.Roots = roots
	}
	return policy, trust, nil
}

// VerifyLine is one check of verify: whether it held, and what it says.
type VerifyLine struct {
	OK   bool
	Text string
}

// verifyLines collects the checks in order.
type verifyLines []VerifyLine

func (l *verifyLines) pass(format string, args ...any) {
	*l = append(*l, VerifyLine{OK: true, Text: fmt.Sprintf(format, args...)})
}
func (l *verifyLines) fail(format string, args ...any) {
	*l = append(*l, VerifyLine{Text: fmt.Sprintf(format, args...)})
}

// PackManifest is the manifest of a pack: what it was built from.
type PackManifest = manifest.Manifest

// VerifyManifest checks the manifest embedded in a signed pack (rep is its signature
// report) and, when present, the one beside it (sidecar; "" is <file>.manifest.json,
// which may be missing). It returns the embedded manifest, nil when there is none.
func VerifyManifest(signed []byte, rep *sign.Report, file, sidecar string) (*manifest.Manifest, []VerifyLine) {
	var v verifyLines
	raw, err := pdf.AttachedFile(signed[:rep.UnsignedLength], manifest.FileName)
	if err != nil {
		v.fail("no embedded manifest: %v", err)
		return nil, v
	}
	m, err := manifest.Parse(raw)
	if err != nil {
		v.fail("embedded manifest: %v", err)
		return nil, v
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
		return m, v
	}
	side, err := manifest.Parse(b)
	if err != nil {
		v.fail("manifest %s: %v", sidecar, err)
		return m, v
	}
	unsigned := manifest.Hash(signed[:rep.UnsignedLength])
	if side.PDFSHA256 != unsigned {
		v.fail("%s records PDF SHA-256 %s, but the signed revision of the pack hashes to %s", sidecar, side.PDFSHA256, unsigned)
	} else {
		v.pass("%s matches the pack (unsigned PDF SHA-256 %s)", sidecar, unsigned)
	}
	side.PDFSHA256 = ""
	if string(side.JSON()) != string(m.JSON()) {
		v.fail("%s lists other sources than the manifest inside the pack", sidecar)
	}
	return m, v
}

// VerifySources compares a pack's manifest with the sources in source as they are now.
func VerifySources(ctx context.Context, m *manifest.Manifest, source string) []VerifyLine {
	var v verifyLines
	date, err := model.ParseDate(m.BuildDate)
	if err != nil {
		v.fail("manifest build date: %v", err)
		return v
	}
	g, err := Resolve(ctx, nil, source, resolve.Options{Date: date})
	if err != nil {
		v.fail("the sources in %s do not build: %v", source, err)
		return v
	}
	var now []string
	for _, cfg := range PackConfigs(g) {
		if cfg.Name != m.Pack {
			continue
		}
		plan, err := pack.PlanPack(g, cfg)
		if err != nil {
			v.fail("pack %s no longer plans: %v", m.Pack, err)
			return v
		}
		now = plan.Sources
	}
	d := m.Compare(now, g.Site.Files)
	if d.Empty() {
		v.pass("sources unchanged since the pack was built (%d files)", len(m.Sources))
		return v
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
	return v
}
