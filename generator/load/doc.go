// Package load owns reading an ISMS directory into a model.Site: the Markdown documents
// under content/ (front matter and parsed body), the data files under data/, the
// built-in and extra control catalogues, and the evidence files. Decoding is strict:
// every problem is reported at its path:line:col, all of them at once.
//
// A Loader keeps what it parsed, so a later Load of the same directory re-parses only
// the files whose bytes changed (the live preview depends on this).
package load
