package main

import (
	"context"
	"errors"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/model"
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
	opt := build.Options{Source: src, Dest: *dest, Date: d, Drafts: *sf.drafts, Links: links, Version: version, Log: s.out, Signing: sg.resolve(s), TSA: tsa}
	if *quiet {
		opt.Log = nil
	}
	req := build.PackRequest{Tree: src, Names: fs.Args()}
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
		req.Tree = t.Dir
		opt.Release, opt.Commit = *release, t.Commit
		if *sf.date == "" {
			opt.Date = model.DateOf(t.Date)
		}
		req.Signing = func(site model.SigningConfig, flags build.Signing) build.Signing {
			return versions.Signing(src, site, flags)
		}
	}
	_, err = build.Packs(ctx, opt, req)
	var unknown *build.UnknownPackError
	if errors.As(err, &unknown) {
		return usagef("%v", err)
	}
	return err
}
