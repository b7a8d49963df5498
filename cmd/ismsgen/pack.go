package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/diag"
	"github.com/ismsgen/ismsgen/generator/model"
	"github.com/ismsgen/ismsgen/generator/resolve"
	"github.com/ismsgen/ismsgen/generator/urls"
	"github.com/ismsgen/ismsgen/generator/versions"
)

func runPack(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "pack", "[NAME...]", "Build the PDF audit packs NAME... (default: every pack in data/site.yaml, or the\ndefault stage1 pack) into <dest>/packs/<name>.pdf, signed, with <name>.manifest.json beside it.")
	dest := fs.String("dest", "", "output directory (default: <source>/public)")
	sf := addSiteFlags(fs, "build date", "include documents whose status is draft")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	release := fs.String("release", "", "build the packs of release TAG (a git tag) from its tree, as of its tag date, into\n<dest>/versions/<tag>/packs/")
	sg := signingFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	src, d, err := sf.resolve(s)
	if err != nil {
		return err
	}
	links, err := sf.linkLevel()
	if err != nil {
		return err
	}
	tsa, err := sg.timestampAuthority()
	if err != nil {
		return err
	}
	opt := build.Options{Source: src, Dest: *dest, Date: d, Drafts: *sf.drafts, Version: version, Log: s.out, Signing: sg.resolve(s), TSA: tsa}
	if *quiet {
		opt.Log = nil
	}
	tree, prefix := src, ""
	if *release == "" {
		opt.Commit, opt.Dirty = workingTree(ctx, s, src)
	} else {
		// The release's tree is read with git into a temporary directory (never checked
		// out); its packs are dated as of the tag unless --date says otherwise.
		t, err := versions.Materialize(ctx, src, *release)
		if err != nil {
			return err
		}
		defer t.Close()
		tree, prefix = t.Dir, "versions/"+urls.Slug(*release)+"/"
		opt.Release, opt.Commit = *release, t.Commit
		if *sf.date == "" {
			d, opt.Date = model.DateOf(t.Date), model.DateOf(t.Date)
		}
	}
	g, err := build.Resolve(ctx, nil, tree, resolve.Options{Date: d, Drafts: *sf.drafts, Links: links})
	if err != nil {
		return err
	}
	if *release != "" {
		opt.Signing = versions.Signing(src, g.Site.Config.Signing, opt.Signing)
	}
	packs, err := selectPacks(build.Packs(g), fs.Args())
	if err != nil {
		return err
	}
	signer, err := build.LoadSigner(g.Site, opt)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	var warnings diag.List
	for _, cfg := range packs {
		start := time.Now()
		pf, err := build.RenderPack(ctx, g, cfg, opt, signer)
		if err != nil {
			return err
		}
		files[prefix+"packs/"+pf.Name+".pdf"] = pf.PDF
		files[prefix+"packs/"+pf.Name+".manifest.json"] = pf.Manifest
		build.MergeWarnings(&warnings, pf.Warnings)
		if opt.Log != nil {
			fmt.Fprint(opt.Log, build.PackLog(g, cfg, pf, time.Since(start)))
		}
	}
	out, err := build.WriteFiles(src, *dest, files)
	if err != nil {
		return err
	}
	if opt.Log != nil {
		for _, line := range warnings.Lines() {
			fmt.Fprintln(opt.Log, "warning: "+line)
		}
		fmt.Fprintf(opt.Log, "wrote %d pack(s) to %s\n", len(packs), filepath.Join(out, filepath.FromSlash(prefix), "packs"))
	}
	return nil
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
			return nil, usagef("no pack named %q (packs: %v)", n, known)
		}
	}
	return out, nil
}
