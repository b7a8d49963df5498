// Package parallel runs the per-document work of a build (parsing, rendering) on every
// core.
package parallel
