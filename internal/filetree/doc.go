// Package filetree writes the files ismsgen produces: a file replaced so that no reader
// sees half of it (Replace, and ReplaceIn confined to an os.Root), a tree of files whose
// paths never leave its directory (Write), and a whole tree written beside its
// destination and swapped in at once (Tree).
package filetree
