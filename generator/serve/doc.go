// Package serve owns the live preview (ismsgen serve). It watches the sources, rebuilds
// the site in memory after every change (re-parsing only the changed documents and
// re-rendering only the pages that can have changed), serves the last good build over
// HTTP from memory, and tells the open pages over Server-Sent Events to reload, to swap
// a changed stylesheet, or to show the build's errors over the page. PDF packs are built
// on request. It never writes the site anywhere: public/ is left alone.
//
// The files follow the data: watch.go turns file events into rebuild signals,
// rebuild.go runs the pipeline and diffs the output, events.go fans the results out to
// the browsers, handler.go serves the files, overlay.go explains errors, packs.go builds
// packs, and live.js is the script injected into every page.
package serve
