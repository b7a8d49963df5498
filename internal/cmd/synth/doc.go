// Command synth writes a synthetic ISMS for profiling and benchmarking.
//
//	go run ./internal/cmd/synth -docs 5000 -out /tmp/isms-5000
//
// The site is the one the scale benchmarks build (internal/synth.Scale): the documents,
// the 93 Annex A controls, 500 risks and 500 treatment actions, unless -risks says
// otherwise. The output depends only on the flags.
package main
