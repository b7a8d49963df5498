// Package archtest holds no code: its tests check the shape of the module as issue 14
// set it, so that a change breaking it fails CI.
//
// The stages import only forward (load, resolve, check, the renderers, build, versions
// and serve, the command); serve and the command stay thin; sign and pack share the
// PDF layer; the stages and the command write files only through internal/filetree;
// every package has its synopsis in doc.go or the file named after it; no
// non-test file is over 500 lines; no init function and no package variable that a
// function assigns.
package archtest
