// Package tooltest lets tests depend on external verifiers (pdfsig, qpdf, chromium)
// without silently passing when they are missing: under ISMSGEN_REQUIRE_TOOLS=1 (set by
// .ci/run) a missing tool fails the test; elsewhere the test is skipped and says why.
package tooltest
