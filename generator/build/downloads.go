package build

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/ismsgen/ismsgen/generator/pack"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/sign"
	"github.com/ismsgen/ismsgen/generator/site"
)

// What the site's downloads page says of the packs: the build renders them, so it
// tells the site (site.Options.Packs).

// builtDownload describes a pack the build made.
func builtDownload(pf *PackFiles) site.PackDownload {
	sum := sha256.Sum256(pf.PDF)
	return site.PackDownload{Name: pf.Name, Title: pf.Title, State: site.PackBuilt, Classification: pf.Classification,
		Pages: pf.Pages, Size: int64(len(pf.PDF)), SHA256: hex.EncodeToString(sum[:]),
		Signer: pf.Signer, Development: pf.Development, TSA: pf.TSA}
}

// plannedDownloads describes the packs a build without packs would make: built on
// first request (lazy, the live preview) or not at all (build --no-pack). Planning a
// pack is cheap (no layout); it gives the pack's title and classification.
func plannedDownloads(g *resolve.Graph, lazy bool) []site.PackDownload {
	state := site.PackSkipped
	if lazy {
		state = site.PackLazy
	}
	var out []site.PackDownload
	for _, cfg := range PackConfigs(g) {
		d := site.PackDownload{Name: cfg.Name, Title: cfg.Title, State: state}
		if plan, err := pack.PlanOutline(g, cfg); err == nil {
			d.Title, d.Classification = plan.Title(), plan.Classification()
		}
		if d.Title == "" {
			d.Title = cfg.Name
		}
		out = append(out, d)
	}
	return out
}

// signerName is the subject of the signing certificate as a reader knows it: its
// common name and organisation.
func signerName(s sign.Signer) string {
	if len(s.Chain) == 0 {
		return ""
	}
	subj := s.Chain[0].Subject
	name := subj.CommonName
	if len(subj.Organization) > 0 && subj.Organization[0] != name {
		name += ", " + subj.Organization[0]
	}
	return name
}

// isDevelopment reports whether the signer is ismsgen's development certificate.
func isDevelopment(s sign.Signer) bool {
	if len(s.Chain) == 0 {
		return false
	}
	subj := s.Chain[0].Subject
	return subj.CommonName == sign.DevCommonName || slices.Contains(subj.Organization, sign.DevOrganisation)
}
