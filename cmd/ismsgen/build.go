package main

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/ismsgen/ismsgen/generator/build"
	"github.com/ismsgen/ismsgen/generator/versions"
)

func runBuild(ctx context.Context, s *stdio, args []string) error {
	fs := newFlagSet(s, "build", "", "Build the ISMS in --source into an intranet site (and the configured PDF packs) in --dest.\nThe previous output is replaced only when the build succeeds.")
	dest := fs.String("dest", "", "output directory (default: <source>/public)")
	sf := addSiteFlags(fs, "build date", "include documents whose status is draft")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	noPack := fs.Bool("no-pack", false, "skip the PDF audit packs")
	strict := fs.Bool("strict-check", false, "fail the build when readiness checks find errors")
	withVersions := fs.Bool("versions", false, "also build every release (git tags matching versions.tags in data/site.yaml) into <dest>/versions/<tag>/,\nwith a version switcher and \"what changed\" pages")
	sg := signingFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("build takes no arguments, got %q", fs.Args())
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
	opt := build.Options{Source: src, Dest: *dest, Drafts: *sf.drafts, Date: d, NoPack: *noPack,
		StrictCheck: *strict, Links: links, Version: version, Log: s.out, Signing: sg.resolve(s), TSA: tsa}
	if *quiet {
		opt.Log = nil
	} else if st := progressLine(s.err, s.now); st != nil {
		defer st.close()
		opt.Progress = st.update
		opt.Log = st.writer(opt.Log)
	}
	opt.Commit, opt.Dirty = workingTree(ctx, s, src)
	if s.env("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(buildMemoryLimit))
	}
	_, err = versions.New(opt, versions.Options{Releases: *withVersions, Log: opt.Log}).Build(ctx)
	return err
}

// buildMemoryLimit is the Go runtime's soft memory limit during a build when
// GOMEMLIMIT does not set one (GOMEMLIMIT=off sets none): the collector then works
// harder as the heap nears it, instead of letting it grow to twice the live heap, which
// keeps a 20,000-document build under 600 MiB. A site whose live heap is larger still
// builds, with the collector using up to half the CPU.
const buildMemoryLimit = 512 << 20

// workingTree returns the commit and state of the site's working tree for pack covers. A
// repository git cannot read does not stop a build: its covers say "working tree".
func workingTree(ctx context.Context, s *stdio, src string) (commit string, dirty bool) {
	commit, dirty, err := versions.WorkingTree(ctx, src)
	if err != nil {
		fmt.Fprintf(s.err, "warning: reading the git state of %s for pack covers: %v\n", src, err)
		return "", false
	}
	return commit, dirty
}
