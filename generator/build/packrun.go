package build

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
)

// PackRequest says which packs Packs builds and from which sources.
type PackRequest struct {
	// Tree holds the sources: opt.Source, or the tree of release opt.Release read from
	// git; a release's packs go under versions/<release>/packs/.
	Tree string
	// Names are the packs to build; none means every pack of the site.
	Names []string
	// Signing, when set, picks the key material once the site's settings are read (a
	// release signs with the working tree's material, see versions.Signing).
	Signing func(site model.SigningConfig, flags Signing) Signing
}

// UnknownPackError is a pack name the site does not configure.
type UnknownPackError struct {
	Name  string
	Known []string
}

func (e *UnknownPackError) Error() string {
	return fmt.Sprintf("no pack named %q (packs: %v)", e.Name, e.Known)
}

// Packs resolves the sources, then renders, signs and writes the packs asked for into
// <dest>/packs/ (or <dest>/versions/<release>/packs/), logging each to opt.Log, and
// returns how many it wrote.
func Packs(ctx context.Context, opt Options, req PackRequest) (int, error) {
	prefix := ""
	if opt.Release != "" {
		prefix = "versions/" + urls.Slug(opt.Release) + "/"
	}
	g, err := Resolve(ctx, nil, req.Tree, resolve.Options{Date: opt.Date, Drafts: opt.Drafts, Links: opt.Links})
	if err != nil {
		return 0, err
	}
	if req.Signing != nil {
		opt.Signing = req.Signing(g.Site.Config.Signing, opt.Signing)
	}
	packs, err := selectPacks(PackConfigs(g), req.Names)
	if err != nil {
		return 0, err
	}
	signer, err := LoadSigner(g.Site, opt)
	if err != nil {
		return 0, err
	}
	files := map[string][]byte{}
	var warnings diag.List
	for _, cfg := range packs {
		start := time.Now()
		pf, err := RenderPack(ctx, g, cfg, opt, signer)
		if err != nil {
			return 0, err
		}
		files[prefix+"packs/"+pf.Name+".pdf"] = pf.PDF
		files[prefix+"packs/"+pf.Name+".manifest.json"] = pf.Manifest
		MergeWarnings(&warnings, pf.Warnings)
		if opt.Log != nil {
			fmt.Fprint(opt.Log, PackLog(g, cfg, pf, time.Since(start)))
		}
	}
	out, err := WriteFiles(opt.Source, opt.Dest, files)
	if err != nil {
		return 0, err
	}
	if opt.Log != nil {
		for _, line := range warnings.Lines() {
			fmt.Fprintln(opt.Log, "warning: "+line)
		}
		fmt.Fprintf(opt.Log, "wrote %d pack(s) to %s\n", len(packs), filepath.Join(out, filepath.FromSlash(prefix), "packs"))
	}
	return len(packs), nil
}

// selectPacks picks the named packs, all when none are named.
func selectPacks(all []model.PackConfig, names []string) ([]model.PackConfig, error) {
	if len(names) == 0 {
		return all, nil
	}
	var out []model.PackConfig
	for _, n := range names {
		found := false
		for _, p := range all {
			if p.Name == n {
				out = append(out, p)
				found = true
			}
		}
		if !found {
			var known []string
			for _, p := range all {
				known = append(known, p.Name)
			}
			return nil, &UnknownPackError{Name: n, Known: known}
		}
	}
	return out, nil
}
