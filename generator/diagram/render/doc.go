// Package render draws Mermaid diagrams as PNG images with a locally installed Chromium
// (or Google Chrome), headless and offline, for ismsgen diagrams: the images PDF packs
// show, kept in the site's .ismsgen/diagrams/ (see package diagram).
//
// The browser loads, from a temporary directory over file://, a page with the diagrams
// and the theme's own Mermaid build and js/diagrams.js, the same code that draws them
// on the site, and every request to the network is blocked. Each drawing is captured at
// twice its CSS size, on white, and marked as 192 dpi so that a pack prints it at the
// size it has on screen.
package render
