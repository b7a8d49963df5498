// Package filetree writes the files ismsgen produces: a file replaced so that no reader
// sees half of it, and a tree of files whose paths never leave its directory.
package filetree
