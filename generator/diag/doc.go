// Package diag owns positioned diagnostics: the path:line:col errors every stage of the
// pipeline reports, collected so that a build reports all its errors at once.
package diag
