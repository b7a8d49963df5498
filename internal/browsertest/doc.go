// Package browsertest drives the built intranet site in a real headless Chromium: search,
// navigation, sortable registers, print media, narrow screens, a crawl of every page for
// console errors, failed and foreign requests, and screenshots. It holds tests only;
// they build the example ISMS when it builds (else a fixture with enough content), serve
// the output with a test HTTP server and share one Chromium per test binary.
package browsertest
