// Package checktest provides, for tests only, a minimal valid ISMS that passes every
// check with no findings: data/site.yaml, an SoA row for each of the 93 Annex A
// controls (generated from the built-in catalogue), one risk, one treatment action, one
// evidence record and the documents that cover the mandatory clauses. Tests of check,
// export and the CLI change one thing in it and look at the result.
package checktest
