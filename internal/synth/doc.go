// Package synth writes synthetic but valid ISMS sites of any size, for benchmarks and
// tests across the project (site builds with a thousand documents, packs of a thousand
// pages, live-preview latency). The output depends only on the arguments, so every run
// builds the same site; it loads and resolves without errors.
package synth
