// Package versions wraps the build with what git knows of an ISMS kept in a git
// repository: the last commit of every source file (the "last changed" lines and the
// doc-changed-no-bump check) and, with releases, every release (a git tag matching
// data/site.yaml's versions.tags) built from its own tree into versions/<tag>/, with
// the version switcher on every page of every version and the "what changed" pages.
//
// Builder.Build resolves the working tree and every release first, so that it knows
// every version's pages; then it renders each release with its switcher as ordinary
// template data, and finally the working tree, through build.Run with the releases'
// files added. Built releases are cached under .ismsgen/versions by commit and reused
// while their tag names the same commit and the switcher they show is unchanged.
package versions
