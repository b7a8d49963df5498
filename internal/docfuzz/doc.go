// Package docfuzz lets the renderers' fuzz tests render one document whose body is the
// fuzzer's input: a small site is loaded once, and each input replaces the body of its
// policy in memory (parsed and resolved as a build does), without touching the disk.
package docfuzz
