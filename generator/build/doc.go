// Package build owns one run of the pipeline: load, resolve, check, then render the site
// and the packs, and write the output atomically. The CLI commands and the live preview
// call it; it holds no state between runs except the Loader's parse cache. It also holds
// the other pipelines the CLI runs (Check, Export, Packs, DrawDiagrams and verify's
// VerifyPolicy, VerifyManifest and VerifySources), so that the CLI only parses flags and
// prints.
package build
